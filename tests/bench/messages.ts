import { randomBytes } from "node:crypto";
import { withBenchDatabase } from "./database";
import type { BenchResult } from "./run";

// A scheduled message to 5,000 registrants (32 cities), queued by the messages scheduler when
// it falls due: the time from the claim to the last of the 5,000 outbox rows, with two
// schedulers running at once (in this process, on the same database), and the proof that each
// person's mail was written once. The goal (issue 16) is 2 s at most. `npm run bench messages`.

const registrants = 5_000;
const goalMs = 2_000;

export async function benchMessages(): Promise<BenchResult> {
  return withBenchDatabase("messages", async (db) => {
    const { createMessage, scheduleMessage } = await import("~/features/messages/commands.server");
    const { runMessages } = await import("~/features/messages/scheduler.server");
    const cities = await db.selectFrom("cities").select(["id", "dane"]).execute();
    const at = "2030-03-01T15:00:00.000Z";
    const encounter = await db
      .insertInto("encounters")
      .values({
        slug: "bench-mensajes",
        title: "Encuentro de prueba de mensajes",
        starts_at: "2030-04-01T13:00:00.000Z",
        ends_at: "2030-04-01T21:00:00.000Z",
        capacity: registrants,
        city_quota: registrants,
        status: "published",
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const organizer = await db
      .insertInto("organizers")
      .values({ email: "bench@convoca.test", name: "Bench", role: "admin", password_hash: "x" })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (let i = 0; i < registrants; i += 500) {
      const people = await db
        .insertInto("participants")
        .values(
          Array.from({ length: Math.min(500, registrants - i) }, (_, j) => {
            const city = cities[(i + j) % cities.length];
            return {
              email: `persona${i + j}@ciudad${city.dane}.example.org`,
              full_name: `Persona ${i + j}`,
              city_id: city.id,
              entity: "Alcaldía",
              position: "Profesional",
              updated_at: at,
            };
          }),
        )
        .returning("id")
        .execute();
      await db
        .insertInto("registrations")
        .values(
          people.map((p) => ({
            encounter_id: encounter.id,
            participant_id: p.id,
            status: "confirmed" as const,
            consent_at: at,
            manage_token_hash: randomBytes(16).toString("hex"),
            manage_nonce: randomBytes(18).toString("base64url"),
            updated_at: at,
          })),
        )
        .execute();
    }
    const now = new Date(at);
    const { id } = await createMessage(
      db,
      organizer.id,
      encounter.id,
      {
        subject: "Transporte desde el aeropuerto",
        body: "Habrá un bus desde el aeropuerto a las 6:30.\n\nTraigan su documento de identidad.",
        segment: { statuses: ["confirmed"], cities: [] },
      },
      now,
    );
    const sendAt = new Date(now.getTime() + 3_600_000);
    const scheduled = await scheduleMessage(db, organizer.id, encounter.id, id, sendAt, now);
    if (!scheduled.ok) throw new Error(`not scheduled: ${scheduled.reason}`);

    const started = performance.now();
    const [a, b] = await Promise.all([
      runMessages(db, sendAt, { appUrl: "http://convoca.test", runner: "a" }),
      runMessages(db, sendAt, { appUrl: "http://convoca.test", runner: "b" }),
    ]);
    const ms = Math.round(performance.now() - started);
    const rows = await db.selectFrom("email_outbox").select("recipient").where("idempotency_key", "like", `message:${id}:%`).execute();
    const distinct = new Set(rows.map((r) => r.recipient)).size;
    const claimedBy = a.sent.includes(id) ? "a" : b.sent.includes(id) ? "b" : "neither";
    return {
      name: `messages: a scheduled message to ${registrants.toLocaleString("en")} registrants queued, two schedulers running (goal ≤ ${goalMs} ms)`,
      value: ms,
      unit: "ms",
      details: `${rows.length} outbox rows for ${distinct} addresses (each person once: ${rows.length === registrants && distinct === registrants ? "yes" : "NO"}); claimed by scheduler ${claimedBy}, the other found it taken`,
    };
  });
}
