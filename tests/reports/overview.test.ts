import { beforeAll, describe, expect, it } from "vitest";
import { backupDatabase } from "~db/backup";
import { getEnv } from "~/server/env.server";
import { listCommitments } from "~/features/commitments/queries/lists.server";
import * as adminIndex from "~/routes/admin._index";
import { getDb } from "~/server/db.server";
import { getRequest } from "../helpers/auth";
import { makeCommitment, makeEncounter, makeSignedInOrganizer, dane } from "../factories";
import { call } from "../helpers/route";

// The organizer area opens on what needs attention: overdue commitments (the same rule as the
// list they link to), failed mail and the next encounter's places.

// A signed-in organizer; a past encounter whose commitments are three overdue (in two cities,
// made out of date order), one done and one due later; and the next encounter, to come.
let cookie: string;
beforeAll(async () => {
  const db = getDb();
  cookie = (await makeSignedInOrganizer(db, { role: "admin" })).cookie;
  const past = await makeEncounter(db, { starts_at: "2024-02-29T13:00:00.000Z" });
  const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const commitments = [
    { cityDane: dane.barranquilla, due_date: day(-35), status: "at_risk", progress: 30 },
    { cityDane: dane.cali, due_date: day(-5), status: "proposed", progress: 0 },
    { cityDane: dane.barranquilla, due_date: day(-60), status: "in_progress", progress: 40 },
    { cityDane: dane.medellin, due_date: day(-90), status: "done", progress: 100 },
    { cityDane: dane.bogota, due_date: day(45), status: "in_progress", progress: 60 },
  ] as const;
  for (const commitment of commitments) await makeCommitment(db, { encounter_id: past.id, ...commitment });
  await makeEncounter(db, { slug: "seguimiento" });
});

async function home() {
  return call(() => adminIndex.loader({ request: getRequest("/admin", cookie), params: {}, context: {} }));
}

describe("the organizer's overview", () => {
  it("counts the overdue commitments exactly as the filtered list does, the oldest first", async () => {
    const r = await home();
    expect(r.status).toBe(200);
    const c = r.data.overview.commitments;
    const overdue = await listCommitments(getDb(), { overdue: true });
    expect(overdue.length).toBeGreaterThan(0);
    expect(c.overdue).toBe(overdue.length);
    expect(c.overdueCities).toBe(new Set(overdue.map((o) => o.cityDane)).size);
    expect(c.total).toBe(
      Number(
        (
          await getDb()
            .selectFrom("commitments")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );
    const dates = c.mostOverdue.map((m: { dueDate: string }) => m.dueDate);
    expect(dates).toEqual([...dates].sort());
    expect(c.mostOverdue.length).toBe(Math.min(5, overdue.length));
  });

  it("moves when a commitment is done and when mail fails", async () => {
    const db = getDb();
    const before = (await home()).data.overview;
    const [first] = await listCommitments(db, { overdue: true });
    await db.updateTable("commitments").set({ status: "done", progress: 100 }).where("id", "=", first.id).execute();
    await db
      .insertInto("email_outbox")
      .values({
        idempotency_key: "overview:failed",
        recipient: "x@example.test",
        template: "sign-in-link",
        locale: "es",
        data: "{}",
        status: "failed",
        next_attempt_at: new Date().toISOString(),
        last_error: "550",
      })
      .execute();
    const after = (await home()).data.overview;
    expect(after.commitments.overdue).toBe(before.commitments.overdue - 1);
    expect(after.commitments.done).toBe(before.commitments.done + 1);
    expect(after.mail.failed).toBe(before.mail.failed + 1);
  });

  it("names the next published encounter with its places", async () => {
    const next = (await home()).data.overview.nextEncounter;
    expect(next).toMatchObject({ slug: "seguimiento", waitlisted: 0 });
    expect(next.capacity).toBeGreaterThan(0);
  });
});

describe("the last backup", () => {
  it("is shown to organizers once one is made", async () => {
    expect((await home()).data.lastBackupAt).toBeNull();
    const env = getEnv();
    const started = Date.now();
    await backupDatabase(env.databaseUrl, env.backupsDir);
    const shown = Date.parse((await home()).data.lastBackupAt);
    expect(shown).toBeGreaterThanOrEqual(started - 1000);
    expect(shown).toBeLessThanOrEqual(Date.now());
  });
});
