import { spawn } from "node:child_process";
import { beforeEach, describe, expect, it } from "vitest";
import { savePlan } from "~/features/commitments/commands/settings.server";
import { setRemindersStopped, updateProgress } from "~/features/commitments/commands/progress.server";
import { runFollowUp, startFollowUpScheduler } from "~/features/commitments/follow-up/scheduler.server";
import { addDaysTo } from "~/lib/calendar-date";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { defaultPlan } from "~/features/commitments/follow-up/rules";
import { appUrl, record, secret, testEncounter } from "./helpers";
import { makeParticipant, makeRosterEntry } from "../factories";

// The reminder rules over simulated time: "today" is a parameter that the tests move. 09:00 in
// Bogotá (14:00 UTC) is after the plan's send hour (08:00).
const at = (day: string, utcTime = "14:00:00") => new Date(`${day}T${utcTime}.000Z`);
const run = (now: Date) => runFollowUp(getDb(), now, { appUrl, secret, runner: "prueba" });

async function mailsFor(id: number) {
  return getDb()
    .selectFrom("email_outbox")
    .select(["idempotency_key", "recipient", "template", "data"])
    .where("idempotency_key", "like", `commitment:${id}:%`)
    .where("template", "!=", "commitment-recorded")
    .orderBy("id")
    .execute();
}

beforeEach(async () => {
  // The earlier tests' commitments would get reminders too; each test watches its own.
  await getDb().deleteFrom("commitments").execute();
  await getDb().deleteFrom("email_outbox").execute();
  await getDb().deleteFrom("follow_up_plans").execute();
  // The demo's focal points would hear of escalations too; the tests that want one name their own.
  await getDb().updateTable("city_roster").set({ role: "official", focal_point_since: null }).execute();
});

describe("the scheduler, day after day", () => {
  it("sends 30, 7 and 1 days before, on the first overdue day, weekly after, and escalates after 4 weeks", async () => {
    const id = await record({ fields: { dueDate: "2025-06-30" } });
    const decided: string[] = [];
    for (let day = "2025-01-16"; day <= "2025-08-05"; day = addDaysTo(day, 1)) {
      const result = await run(at(day));
      decided.push(...result.keys);
      // Running again the same minute (a second tick, a restart) writes nothing.
      expect((await run(at(day, "14:01:00"))).written).toBe(0);
    }
    expect(decided).toEqual([
      `commitment:${id}:before-30:2025-05-31`,
      `commitment:${id}:before-7:2025-06-23`,
      `commitment:${id}:before-1:2025-06-29`,
      `commitment:${id}:overdue:2025-07-01`,
      `commitment:${id}:weekly:2025-07-07`,
      `commitment:${id}:weekly:2025-07-14`,
      `commitment:${id}:weekly:2025-07-21`,
      `commitment:${id}:weekly:2025-07-28`,
      `commitment:${id}:escalation:2025-07-28`,
      `commitment:${id}:weekly:2025-08-04`,
    ]);
    const mails = await mailsFor(id);
    const reminder = mails.find((m) => m.idempotency_key.includes("before-7"))!;
    expect(reminder).toMatchObject({ recipient: "marta.ruiz@example.org", template: "commitment-reminder" });
    expect(JSON.parse(reminder.data)).toMatchObject({ daysLeft: 7, commitment: { dueDate: "2025-06-30", cityName: "Medellín" } });
    expect(JSON.parse(reminder.data).stopUrl).toMatch(/\/seguimiento\/.+\/detener$/);
    const weekly = mails.find((m) => m.idempotency_key.endsWith("weekly:2025-07-14"))!;
    expect(weekly.template).toBe("commitment-overdue");
    expect(JSON.parse(weekly.data).daysOverdue).toBe(14);
    // The encounter names a contact: the escalation goes to it (no focal point set yet).
    expect(mails.filter((m) => m.template === "commitment-escalation").map((m) => [m.idempotency_key, m.recipient])).toEqual([
      [`commitment:${id}:escalation:2025-07-28:contact`, "organizadora@convoca.test"],
    ]);
  });

  it("waits for the plan's send hour in the encounter's zone", async () => {
    await record({ fields: { dueDate: "2025-06-30" } });
    // 07:59 in Bogotá on the day of the 7-day reminder: not yet.
    expect((await run(new Date("2025-06-23T12:59:00.000Z"))).keys.filter((k) => k.includes("before-7"))).toEqual([]);
    expect((await run(new Date("2025-06-23T13:00:00.000Z"))).keys.filter((k) => k.includes("before-7"))).toHaveLength(1);
  });

  it("catches up after downtime with one reminder per commitment, the latest that applies, with today's figures", async () => {
    const id = await record({ fields: { dueDate: "2025-06-30" } });
    // Down from January to three days before the due date: only the 7-day reminder, saying 3 days.
    expect((await run(at("2025-06-27"))).keys).toEqual([`commitment:${id}:before-7:2025-06-23`]);
    expect(JSON.parse((await mailsFor(id))[0].data).daysLeft).toBe(3);
    // Down again until 20 days overdue: one weekly reminder (14 days), no overdue notice.
    expect((await run(at("2025-07-20"))).keys).toEqual([`commitment:${id}:weekly:2025-07-14`]);
    expect(JSON.parse((await mailsFor(id))[1].data).daysOverdue).toBe(20);
  });

  it("stops for done, dropped and stopped commitments, and follows a changed plan", async () => {
    const a = await record({ fields: { dueDate: "2025-06-30", title: "A" } });
    const b = await record({ fields: { dueDate: "2025-06-30", title: "B" } });
    const c = await record({ fields: { dueDate: "2025-06-30", title: "C" } });
    const responsible = { kind: "responsible" as const, email: "marta.ruiz@example.org", name: "Marta Ruiz" };
    await updateProgress(getDb(), a, { status: "done", progress: 100, note: "Hecho", evidenceUrl: null }, responsible);
    await updateProgress(getDb(), b, { status: "dropped", progress: 0, note: "Sin presupuesto", evidenceUrl: null }, responsible);
    await setRemindersStopped(getDb(), c, true, responsible);
    expect((await run(at("2025-06-23"))).keys).toEqual([]);

    const d = await record({ fields: { dueDate: "2025-06-30", title: "D" } });
    const encounter = await testEncounter();
    await savePlan(getDb(), encounter.id, { ...defaultPlan, reminderDays: [14], weeklyOverdue: false, escalateAfterWeeks: null }, { id: 1 });
    expect((await run(at("2025-06-16"))).keys).toEqual([`commitment:${d}:before-14:2025-06-16`]);
    expect((await run(at("2025-06-29"))).keys).toEqual([]);
    expect((await run(at("2025-07-01"))).keys).toEqual([`commitment:${d}:overdue:2025-07-01`]);
    expect((await run(at("2025-09-01"))).keys).toEqual([]);
    await savePlan(getDb(), encounter.id, { ...defaultPlan, enabled: false }, { id: 1 });
    expect((await run(at("2025-09-08"))).keys).toEqual([]);
  });

  it("escalates to the city's focal point and every organizer when the encounter names no contact", async () => {
    const encounter = await testEncounter();
    await getDb().updateTable("encounters").set({ contact_email: null }).where("id", "=", encounter.id).execute();
    // Medellín's focal point, on its roster.
    const focal = await makeRosterEntry(getDb(), {
      participant_id: (await makeParticipant(getDb(), { cityDane: "05001", email: "enlace@medellin.example.org", full_name: "Enlace Medellín" })).id,
      role: "focal_point",
    });
    const id = await record({ fields: { dueDate: "2025-06-30" } });
    await run(at("2025-07-28"));
    const escalations = (await mailsFor(id)).filter((m) => m.template === "commitment-escalation");
    const organizers = await getDb().selectFrom("organizers").select(["id", "email"]).where("disabled_at", "is", null).execute();
    expect(escalations.map((m) => m.recipient).sort()).toEqual(["enlace@medellin.example.org", ...organizers.map((o) => o.email)].sort());
    expect(escalations.find((m) => m.recipient.startsWith("enlace"))!.idempotency_key).toBe(
      `commitment:${id}:escalation:2025-07-28:focal-${focal.participant_id}`,
    );
    await getDb().updateTable("encounters").set({ contact_email: "organizadora@convoca.test" }).where("id", "=", encounter.id).execute();
  });

  it("records a decision without mail when the address cannot receive mail", async () => {
    const id = await record({ fields: { dueDate: "2025-06-30" } });
    await getDb().updateTable("commitments").set({ responsible_email: "retirado@anonimo" }).where("id", "=", id).execute();
    const result = await run(at("2025-05-31"));
    expect(result).toMatchObject({ written: 1, skipped: 1, mails: 0 });
    const event = await getDb().selectFrom("follow_up_events").selectAll().where("commitment_id", "=", id).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ outcome: "skipped", recipients: 0 });
  });
});

describe("the scheduler loop", () => {
  it("runs soon after start, records its run, and stops after the run in flight", async () => {
    const logs: string[] = [];
    const stop = startFollowUpScheduler({ db: getDb(), firstRunMs: 0, intervalMs: 20, runner: "bucle", appUrl, secret, log: (m) => logs.push(m) });
    expect(startFollowUpScheduler()).toBe(stop);
    const deadline = Date.now() + 5000;
    while (!(await getDb().selectFrom("follow_up_runners").select("runner").where("runner", "=", "bucle").executeTakeFirst())) {
      if (Date.now() > deadline) throw new Error("el programador no corrió");
      await new Promise((r) => setTimeout(r, 10));
    }
    await stop();
    expect(logs.filter((l) => l.includes("error"))).toEqual([]);
    const beat = await getDb().selectFrom("follow_up_runners").selectAll().where("runner", "=", "bucle").executeTakeFirstOrThrow();
    await new Promise((r) => setTimeout(r, 60));
    expect((await getDb().selectFrom("follow_up_runners").selectAll().where("runner", "=", "bucle").executeTakeFirstOrThrow()).last_run_at).toBe(
      beat.last_run_at,
    );
  });

  it("leaves draft encounters alone", async () => {
    const id = await record({ fields: { dueDate: "2025-06-30" } });
    const encounter = await testEncounter();
    await getDb().updateTable("encounters").set({ status: "draft" }).where("id", "=", encounter.id).execute();
    expect((await run(at("2025-05-31"))).keys.filter((k) => k.startsWith(`commitment:${id}:`))).toEqual([]);
    await getDb().updateTable("encounters").set({ status: "published" }).where("id", "=", encounter.id).execute();
    expect((await run(at("2025-05-31"))).keys).toEqual([`commitment:${id}:before-30:2025-05-31`]);
  });
});

describe("two schedulers at once", () => {
  it("write each reminder once when they run concurrently in one process", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) ids.push(await record({ fields: { dueDate: "2025-06-30", title: `Compromiso ${i}` } }));
    const now = at("2025-06-23");
    const [one, two] = await Promise.all([
      runFollowUp(getDb(), now, { appUrl, secret, runner: "uno", batchSize: 7 }),
      runFollowUp(getDb(), now, { appUrl, secret, runner: "dos", batchSize: 5 }),
    ]);
    expect(one.written + two.written).toBe(30);
    const keys = await getDb().selectFrom("email_outbox").select("idempotency_key").where("idempotency_key", "like", "commitment:%:before-7:%").execute();
    expect(keys).toHaveLength(30);
    expect(new Set(keys.map((k) => k.idempotency_key)).size).toBe(30);
  });

  it("write each reminder once when two processes run on the same database file", async () => {
    for (let i = 0; i < 120; i++) await record({ fields: { dueDate: "2025-06-30", title: `Compromiso ${i}` } });
    const child = (runner: string) => {
      const proc = spawn(process.execPath, ["--import", "tsx", "tests/commitments/scheduler-child.ts"], {
        env: {
          ...process.env,
          DATABASE_URL: getEnv().databaseUrl,
          NOW: at("2025-06-23").toISOString(),
          RUNNER: runner,
          APP_URL: appUrl,
          SESSION_SECRET: secret,
        },
        stdio: ["pipe", "pipe", "pipe"],
      });
      let out = "";
      let err = "";
      proc.stderr.on("data", (d) => (err += d));
      const said = (word: string) => new Promise<void>((resolve) => proc.stdout.on("data", () => out.includes(word) && resolve()));
      proc.stdout.on("data", (d) => (out += d));
      const ready = said("ready");
      const decided = said("decided");
      const done = new Promise<{ due: number; written: number; mails: number }>((resolve, reject) =>
        proc.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!)) : reject(new Error(`hijo ${runner}: ${code}\n${err}`)))),
      );
      return { proc, ready, decided, done };
    };
    const children = [child("proceso-a"), child("proceso-b")];
    await Promise.all(children.map((c) => c.ready));
    for (const c of children) c.proc.stdin.write("go\n");
    await Promise.all(children.map((c) => c.decided));
    for (const c of children) c.proc.stdin.write("write\n");
    const [a, b] = await Promise.all(children.map((c) => c.done));
    // Both found every reminder due before either wrote; the unique key let one of them write each.
    expect(a.due).toBe(120);
    expect(b.due).toBe(120);
    expect(a.written + b.written).toBe(120);
    expect(a.mails + b.mails).toBe(120);
    const rows = await getDb().selectFrom("email_outbox").select("idempotency_key").where("idempotency_key", "like", "commitment:%:before-7:%").execute();
    expect(rows).toHaveLength(120);
    const beats = await getDb().selectFrom("follow_up_runners").select("runner").where("runner", "in", ["proceso-a", "proceso-b"]).execute();
    expect(beats).toHaveLength(2);
  }, 60_000);
});
