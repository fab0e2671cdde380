import { benchPostgresUrl, withBenchDatabase } from "./database";
import type { BenchResult } from "./run";

// The follow-up scheduler deciding the reminders of 10,000 open commitments (32 cities, 20
// encounters, due dates spread from four months ago to eight months ahead): the first run
// decides and writes every reminder due today (ledger rows and outbox mail); the second run,
// a minute later, is the steady state of the once-a-minute loop (everything already decided).

const commitmentCount = 10_000;

export async function benchFollowUp(): Promise<BenchResult> {
  return withBenchDatabase("follow-up", async (db) => {
    const { runFollowUp } = await import("~/features/commitments/follow-up/scheduler.server");
    const { addDaysTo } = await import("~/lib/calendar-date");
    const cities = await db.selectFrom("cities").select(["id", "dane"]).execute();
    const now = new Date("2025-09-15T15:00:00.000Z"); // 10:00 in Bogotá
    const today = "2025-09-15";
    const statuses = ["proposed", "in_progress", "at_risk", "in_progress", "done"] as const;
    await db.transaction().execute(async (trx) => {
      const encounters: number[] = [];
      for (let e = 0; e < 20; e++) {
        const day = `${addDaysTo("2025-01-10", e * 7)}T14:00:00.000Z`;
        const row = await trx
          .insertInto("encounters")
          .values({
            slug: `bench-${e}`,
            title: `Encuentro ${e}`,
            starts_at: day,
            ends_at: day,
            capacity: 200,
            city_quota: 5,
            status: "published",
            contact_email: "organizacion@convoca.test",
            updated_at: day,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        encounters.push(row.id);
      }
      const rows = [];
      for (let i = 0; i < commitmentCount; i++) {
        const city = cities[i % cities.length];
        rows.push({
          encounter_id: encounters[i % encounters.length],
          city_id: city.id,
          title: `Compromiso ${i} de la ciudad ${city.dane}`,
          instrument: (["PDT", "PISCC", "other"] as const)[i % 3],
          theme: (["trafficking", "smuggling", "both", "other"] as const)[i % 4],
          responsible_name: `Responsable ${i}`,
          responsible_email: `responsable${i}@ciudad${city.dane}.example.org`,
          due_date: addDaysTo(today, (i % 360) - 120),
          status: statuses[i % statuses.length],
          progress: (i * 7) % 100,
          created_at: "2025-02-01T15:00:00.000Z",
          updated_at: "2025-02-01T15:00:00.000Z",
        });
      }
      for (let i = 0; i < rows.length; i += 500)
        await trx
          .insertInto("commitments")
          .values(rows.slice(i, i + 500))
          .execute();
    });

    const first = await runFollowUp(db, now, { appUrl: "http://convoca.test", runner: "bench" });
    const second = await runFollowUp(db, new Date(now.getTime() + 60_000), { appUrl: "http://convoca.test", runner: "bench" });
    return {
      name: `follow-up: decide the reminders of ${commitmentCount.toLocaleString("en")} commitments`,
      value: first.ms,
      unit: "ms",
      // Durable commits on both engines; PostgreSQL pays a round trip per statement.
      goal: { max: benchPostgresUrl ? 2000 : 1000 },
      details:
        `${first.considered} open, wrote ${first.written} reminders (${first.mails} mails) in the first run ` +
        `(read ${first.phases.load} ms, decide ${first.phases.decide} ms, lookup ${first.phases.lookup} ms, write ${first.phases.write} ms); ` +
        `the next minute's run took ${second.ms} ms (read ${second.phases.load}, decide ${second.phases.decide}, lookup ${second.phases.lookup}) and wrote ${second.written}`,
    };
  });
}

/** Runs this benchmark alone and prints its figure. */
export async function run(): Promise<void> {
  const result = await benchFollowUp();
  console.log(`${result.name}: ${result.value} ${result.unit}${result.details ? ` — ${result.details}` : ""}`);
}
