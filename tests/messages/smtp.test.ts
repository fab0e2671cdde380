import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { dispatchBatch } from "~/features/mail/dispatcher.server";
import { runMessages } from "~/features/messages/scheduler.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { useSmtpDelivery } from "../helpers/smtp-delivery";
import { appUrl, bogota, encounter, messageRow, organizer, person, scheduled, secret } from "./helpers";

// Issue 16, "done when": a message scheduled for 09:00 reaches a real SMTP server once, at
// 09:00 and not before, with two schedulers running, each in a process of its own on the same
// database. The clock is the test's: each scheduler run is told the instant (NOW), and so is
// the dispatcher that delivers the outbox to the sink.

const smtp = useSmtpDelivery();
const day = "2030-05-06";

/** Both schedulers, started together at `now`; their results once both have finished. */
async function twoSchedulers(now: Date) {
  const child = (runner: string) => {
    const proc = spawn(process.execPath, ["--import", "tsx", "tests/messages/scheduler-child.ts"], {
      env: { ...process.env, DATABASE_URL: getEnv().databaseUrl, NOW: now.toISOString(), RUNNER: runner, APP_URL: appUrl, SESSION_SECRET: secret },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    proc.stderr.on("data", (d) => (err += d));
    const ready = new Promise<void>((resolve) => proc.stdout.on("data", (d) => ((out += d), out.includes("ready") && resolve())));
    const done = new Promise<{ sent: number[]; mails: number }>((resolve, reject) =>
      proc.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!)) : reject(new Error(`hijo ${runner}: ${code}\n${err}`)))),
    );
    return { proc, ready, done };
  };
  const children = [child("proceso-a"), child("proceso-b")];
  await Promise.all(children.map((c) => c.ready));
  for (const c of children) c.proc.stdin.write("go\n");
  return Promise.all(children.map((c) => c.done));
}

/** Delivers everything the outbox holds that is due at `now` to the sink. */
async function deliverOutbox(now: Date) {
  for (;;) {
    const batch = await dispatchBatch({ db: getDb(), transport: smtp.transport, from: smtp.from, batchSize: 50, now: () => now });
    expect(batch.failed).toBe(0);
    if (batch.claimed === 0) return;
  }
}

async function received() {
  const mails = [];
  for (const mail of smtp.sink.received) {
    const parsed = await smtp.sink.parse(mail);
    mails.push({ to: mail.to, subject: parsed.subject ?? "", text: parsed.text ?? "" });
  }
  return mails;
}

describe("a message scheduled for 09:00, with two schedulers running", () => {
  it("reaches each person once, at 09:00 and not before", async () => {
    const me = await organizer();
    const e = await encounter();
    const people: Awaited<ReturnType<typeof person>>[] = [];
    for (let i = 0; i < 9; i++) people.push(await person(e.id, { name: `Persona ${i}` }));
    const id = await scheduled({
      organizerId: me.id,
      encounterId: e.id,
      sendAt: bogota(day, "09:00"),
      now: bogota(day, "08:00"),
      subject: "Bienvenida al encuentro",
      body: "Les esperamos a las 8:00 en el vestíbulo.",
    });

    // 08:59: both schedulers look, nothing is due, nothing reaches the server.
    const early = await twoSchedulers(bogota(day, "08:59"));
    expect(early.flatMap((r) => r.sent)).toEqual([]);
    await deliverOutbox(bogota(day, "08:59"));
    expect(smtp.sink.received).toHaveLength(0);
    expect((await messageRow(id)).status).toBe("scheduled");

    // 09:00: one of them claims it and queues the nine mails; the other finds it taken.
    const onTime = await twoSchedulers(bogota(day, "09:00"));
    expect(onTime.flatMap((r) => r.sent)).toEqual([id]);
    expect(onTime.reduce((n, r) => n + r.mails, 0)).toBe(9);
    await deliverOutbox(bogota(day, "09:00"));
    await smtp.sink.waitForMessages(9);

    // A minute later the schedulers run again (here, in this process); nothing more goes.
    const later = await Promise.all(["proceso-a", "proceso-b"].map((runner) => runMessages(getDb(), bogota(day, "09:01"), { appUrl, secret, runner })));
    expect(later.flatMap((r) => r.sent)).toEqual([]);
    await deliverOutbox(bogota(day, "09:01"));

    const mails = await received();
    expect(mails).toHaveLength(9);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(people.map((p) => p.participant.email).sort());
    expect(new Set(mails.map((m) => m.subject))).toEqual(new Set(["Bienvenida al encuentro"]));
    const first = mails.find((m) => m.to[0] === people[0].participant.email)!;
    expect(first.text).toContain("Hola, Persona 0:");
    expect(first.text).toContain("Les esperamos a las 8:00 en el vestíbulo.");
    expect(first.text).toMatch(new RegExp(`${appUrl}/mensajes/detener/${people[0].participant.id}\\.[\\w-]{43}`));
    expect(await messageRow(id)).toMatchObject({ status: "sent", sent_at: bogota(day, "09:00").toISOString(), recipients: 9 });
  }, 60_000);
});
