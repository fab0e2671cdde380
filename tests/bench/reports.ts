import { withBenchDatabase } from "./database";
import type { BenchResult } from "./run";

// The cross-encounter report over 32 cities, 50 encounters and 5,000 commitments (with their
// 'done' updates and attendance), timed as the median of several builds.

export async function benchReports(): Promise<BenchResult> {
  return withBenchDatabase("reports", async (db) => {
    const { crossEncounterReport } = await import("~/features/reports/queries.server");
    const cities = await db.selectFrom("cities").select("id").execute();
    const statuses = ["proposed", "in_progress", "done", "at_risk", "dropped"] as const;
    await db.transaction().execute(async (trx) => {
      for (let e = 0; e < 50; e++) {
        const day = new Date(Date.UTC(2022, 0, 1) + e * 30 * 86_400_000).toISOString();
        const { id: encounterId } = await trx
          .insertInto("encounters")
          .values({
            slug: `bench-${e}`,
            title: `Encuentro ${e}`,
            starts_at: day,
            ends_at: day,
            capacity: 200,
            city_quota: 5,
            status: "published",
            updated_at: day,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        for (const [c, city] of cities.entries()) {
          if ((c + e) % 3 === 0) continue;
          const { id: participantId } = await trx
            .insertInto("participants")
            .values({ email: `p${e}-${c}@bench.test`, full_name: "Persona", city_id: city.id, entity: "Alcaldía", position: "Asesor", updated_at: day })
            .returning("id")
            .executeTakeFirstOrThrow();
          await trx
            .insertInto("registrations")
            .values({
              encounter_id: encounterId,
              participant_id: participantId,
              status: "confirmed",
              waitlist_position: null,
              consent_at: day,
              checked_in_at: day,
              manage_token_hash: `h${e}-${c}`,
              updated_at: day,
            })
            .execute();
        }
        for (let k = 0; k < 100; k++) {
          const status = statuses[(k * 7 + e) % statuses.length];
          const due = new Date(Date.parse(day) + (30 + (k % 400)) * 86_400_000).toISOString().slice(0, 10);
          const { id } = await trx
            .insertInto("commitments")
            .values({
              encounter_id: encounterId,
              city_id: cities[(k + e) % cities.length].id,
              title: `Compromiso ${k}`,
              instrument: k % 2 ? "PDT" : "PISCC",
              theme: k % 3 ? "trafficking" : "smuggling",
              responsible_name: "Responsable",
              responsible_email: "r@bench.test",
              due_date: due,
              status,
              progress: status === "done" ? 100 : 40,
              created_at: day,
              updated_at: day,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          if (status === "done") {
            await trx
              .insertInto("commitment_updates")
              .values({
                commitment_id: id,
                author_kind: "responsible",
                author_name: "R",
                status_from: "in_progress",
                status_to: "done",
                progress_from: 40,
                progress_to: 100,
                created_at: `${due}T12:00:00.000Z`,
              })
              .execute();
          }
        }
      }
    });
    const runs: number[] = [];
    let total = 0;
    for (let i = 0; i < 7; i++) {
      const start = performance.now();
      const report = await crossEncounterReport(db, {}, "2026-11-29");
      runs.push(performance.now() - start);
      total = report.totals.commitments;
    }
    runs.sort((a, b) => a - b);
    return {
      name: "reports",
      value: Math.round(runs[3]),
      unit: "ms",
      details: `informe entre encuentros: 32 ciudades, 50 encuentros, ${total} compromisos (mediana de 7; mín ${runs[0].toFixed(0)} ms, máx ${runs[6].toFixed(0)} ms)`,
    };
  });
}
