import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "~db/client";
import { getOutboxMessage } from "~/features/mail/queries.server";
import { claimDueMessages, dispatchBatch, releaseStuckMessages, startMailWorker } from "~/features/mail/dispatcher.server";
import { createMailTransport, messageIdFor, type MailTransport } from "~/features/mail/transport.server";
import { enqueueEmail } from "~/features/mail/outbox.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink";
import { sampleData } from "./fixtures";

const from = "Convoca <no-responder@convoca.test>";
// The sink's answer for each recipient, decided per test.
const replies = new Map<string, number[]>();
let sink: SmtpSink;
let transport: MailTransport;

beforeAll(async () => {
  sink = await startSmtpSink({ reply: (mail) => replies.get(mail.to[0])?.shift() });
  transport = createMailTransport({ smtpUrl: sink.url, ratePerSecond: 0 });
});
afterAll(async () => {
  transport.close();
  await sink.close();
});
beforeEach(async () => {
  await getDb().deleteFrom("email_outbox").execute();
  sink.received.length = 0;
  sink.refused.length = 0;
  replies.clear();
});

const enqueueConfirmation = (key: string, to: string, locale: "es" | "en" = "es") =>
  enqueueEmail(getDb(), { key, to, template: "registration-confirmed", locale, data: sampleData["registration-confirmed"] });

const row = (key: string) => getDb().selectFrom("email_outbox").selectAll().where("idempotency_key", "=", key).executeTakeFirstOrThrow();

describe("the dispatcher against a real SMTP server", () => {
  it("delivers the rendered message with its attachment and a Message-ID derived from the key", async () => {
    await enqueueConfirmation("registration:1:confirmed", "ana@example.test");
    expect(await dispatchBatch({ db: getDb(), transport, from })).toEqual({ claimed: 1, sent: 1, retried: 0, failed: 0 });

    const [mail] = sink.received;
    const parsed = await sink.parse(mail);
    const expectedId = messageIdFor("registration:1:confirmed", from);
    expect(expectedId).toMatch(/^<[0-9a-f]{64}@convoca\.test>$/);
    expect(parsed.messageId).toBe(expectedId);
    expect(parsed.subject).toBe(`Inscripción confirmada: ${sampleData["registration-confirmed"].encounter.title}`);
    expect(parsed.from?.text).toBe('"Convoca" <no-responder@convoca.test>');
    expect(parsed.headers.get("auto-submitted")).toBe("auto-generated");
    expect(parsed.text).toContain("Hola, Ana Pérez:");
    expect(parsed.html).toContain("Su inscripción está confirmada");
    expect(parsed.attachments.map((a) => [a.filename, a.contentType, a.content.toString("utf8")])).toEqual([
      ["encuentro.ics", "text/calendar", sampleData["registration-confirmed"].attachments![0].content],
    ]);

    const sent = await row("registration:1:confirmed");
    expect(sent).toMatchObject({ status: "sent", attempts: 1, message_id: expectedId, last_error: null });
    expect(sent.sent_at).not.toBeNull();
  });

  it("retries a 451 later, with backoff, and then delivers", async () => {
    replies.set("lleno@example.test", [451]);
    await enqueueConfirmation("registration:2:confirmed", "lleno@example.test");
    const now = new Date();

    expect(await dispatchBatch({ db: getDb(), transport, from, now: () => now })).toMatchObject({ claimed: 1, retried: 1 });
    const waiting = await row("registration:2:confirmed");
    expect(waiting).toMatchObject({ status: "pending", attempts: 1 });
    expect(waiting.last_error).toContain("451");
    expect(waiting.next_attempt_at > now.toISOString()).toBe(true);
    expect(sink.refused.map((r) => r.code)).toEqual([451]);

    // Not due yet: nothing happens.
    expect(await dispatchBatch({ db: getDb(), transport, from, now: () => now })).toMatchObject({ claimed: 0 });
    expect(sink.received).toHaveLength(0);

    const later = new Date(waiting.next_attempt_at);
    expect(await dispatchBatch({ db: getDb(), transport, from, now: () => later })).toMatchObject({ claimed: 1, sent: 1 });
    expect(sink.received.map((m) => m.to)).toEqual([["lleno@example.test"]]);
    expect(await row("registration:2:confirmed")).toMatchObject({ status: "sent", attempts: 2, last_error: null });
  });

  it("marks a 550 as failed and does not try again", async () => {
    replies.set("no-existe@example.test", [550, 550]);
    await enqueueConfirmation("registration:3:confirmed", "no-existe@example.test");
    expect(await dispatchBatch({ db: getDb(), transport, from })).toMatchObject({ claimed: 1, failed: 1 });
    const failed = await row("registration:3:confirmed");
    expect(failed.status).toBe("failed");
    expect(failed.last_error).toContain("550");

    const muchLater = new Date(Date.now() + 30 * 86_400_000);
    expect(await dispatchBatch({ db: getDb(), transport, from, now: () => muchLater })).toMatchObject({ claimed: 0 });
    expect(sink.refused).toHaveLength(1);
    expect(sink.received).toHaveLength(0);
  });

  it("gives up on repeated 4xx after the last attempt", async () => {
    replies.set("siempre-lleno@example.test", [452, 452]);
    await enqueueConfirmation("registration:4:confirmed", "siempre-lleno@example.test");
    let now = new Date();
    await dispatchBatch({ db: getDb(), transport, from, now: () => now, maxAttempts: 2 });
    expect(await row("registration:4:confirmed")).toMatchObject({ status: "pending", attempts: 1 });
    now = new Date((await row("registration:4:confirmed")).next_attempt_at);
    await dispatchBatch({ db: getDb(), transport, from, now: () => now, maxAttempts: 2 });
    expect(await row("registration:4:confirmed")).toMatchObject({ status: "failed", attempts: 2 });
  });

  it("keeps mail while the SMTP server is down, however long, and delivers it when it is back", async () => {
    const down = await startSmtpSink();
    const downUrl = down.url;
    await down.close();
    const unreachable = createMailTransport({ smtpUrl: downUrl, ratePerSecond: 0 });
    await enqueueConfirmation("registration:5:confirmed", "ana@example.test");
    let now = new Date();
    try {
      for (let i = 0; i < 3; i++) {
        expect(await dispatchBatch({ db: getDb(), transport: unreachable, from, now: () => now, maxAttempts: 1 })).toMatchObject({ retried: 1 });
        const waiting = await row("registration:5:confirmed");
        expect(waiting.status).toBe("pending");
        expect(waiting.last_error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
        now = new Date(waiting.next_attempt_at);
      }
    } finally {
      unreachable.close();
    }
    expect(await dispatchBatch({ db: getDb(), transport, from, now: () => now })).toMatchObject({ sent: 1 });
    expect(sink.received).toHaveLength(1);
  });

  it("fails a message that cannot be rendered, without sending anything", async () => {
    await getDb()
      .insertInto("email_outbox")
      .values({
        idempotency_key: "broken",
        recipient: "ana@example.test",
        template: "no-such-template",
        locale: "es",
        data: "{}",
        status: "pending",
        next_attempt_at: new Date().toISOString(),
      })
      .execute();
    expect(await dispatchBatch({ db: getDb(), transport, from })).toMatchObject({ claimed: 1, failed: 1 });
    expect((await row("broken")).last_error).toContain("no-such-template");
    expect(sink.received).toHaveLength(0);
  });
});

describe("claims and the sweep", () => {
  it("gives each row to one claimer only, even with two database connections", async () => {
    for (let i = 0; i < 30; i++) await enqueueConfirmation(`claim:${i}`, `p${i}@example.test`);
    const other = createDb(getEnv().databaseUrl);
    try {
      const now = new Date();
      const [a, b, c] = await Promise.all([
        claimDueMessages(getDb(), "worker-a", 12, now),
        claimDueMessages(other, "worker-b", 12, now),
        claimDueMessages(other, "worker-c", 12, now),
      ]);
      const ids = [...a, ...b, ...c].map((r) => r.id);
      expect(ids).toHaveLength(30);
      expect(new Set(ids).size).toBe(30);
      const owners = await getDb()
        .selectFrom("email_outbox")
        .select(["claimed_by", (eb) => eb.fn.countAll<number>().as("n")])
        .groupBy("claimed_by")
        .execute();
      expect(owners.map((o) => [o.claimed_by, Number(o.n)]).sort()).toEqual(
        [
          ["worker-a", a.length],
          ["worker-b", b.length],
          ["worker-c", c.length],
        ].sort(),
      );
    } finally {
      await other.destroy();
    }
  });

  it("returns rows stuck in 'sending' to 'pending', and leaves recent claims alone", async () => {
    const longAgo = new Date(Date.now() - 20 * 60_000);
    await enqueueEmail(getDb(), {
      key: "stuck:old",
      to: "a@example.test",
      template: "sign-in-link",
      locale: "es",
      data: sampleData["sign-in-link"],
      notBefore: longAgo,
    });
    await claimDueMessages(getDb(), "dead-process", 10, longAgo);
    await enqueueConfirmation("stuck:recent", "b@example.test");
    await claimDueMessages(getDb(), "live-process", 10, new Date());
    expect(await row("stuck:old")).toMatchObject({ status: "sending", claimed_by: "dead-process" });

    expect(await releaseStuckMessages(getDb(), { stuckAfterMinutes: 15 })).toEqual({ released: 1, failed: 0 });
    expect(await row("stuck:old")).toMatchObject({ status: "pending" });
    expect(await row("stuck:recent")).toMatchObject({ status: "sending", claimed_by: "live-process" });
  });

  it("fails a row that keeps being abandoned, instead of crashing workers forever", async () => {
    let time = new Date(Date.now() - 60 * 60_000);
    await enqueueEmail(getDb(), {
      key: "stuck:poison",
      to: "a@example.test",
      template: "sign-in-link",
      locale: "es",
      data: sampleData["sign-in-link"],
      notBefore: time,
    });
    for (let i = 0; i < 3; i++) {
      expect(await claimDueMessages(getDb(), "dying-process", 10, time)).toHaveLength(1);
      time = new Date(time.getTime() + 16 * 60_000);
      await releaseStuckMessages(getDb(), { stuckAfterMinutes: 15, maxAttempts: 3, now: time });
    }
    expect(await row("stuck:poison")).toMatchObject({ status: "failed", attempts: 3 });
  });
});

describe("the embedded transport and the worker loop", () => {
  it("without SMTP_URL, records the message as sent and keeps what it rendered", async () => {
    const embedded = createMailTransport({ smtpUrl: null, ratePerSecond: 0 });
    await enqueueConfirmation("registration:6:confirmed", "ana@example.test", "en");
    expect(await dispatchBatch({ db: getDb(), transport: embedded, from })).toMatchObject({ sent: 1 });
    const sent = await row("registration:6:confirmed");
    expect(sent).toMatchObject({ status: "sent", message_id: messageIdFor("registration:6:confirmed", from) });
    const stored = await getOutboxMessage(getDb(), sent.id);
    expect(stored?.html).toContain("Your registration is confirmed");
    expect(stored?.text).toContain("Hello Ana Pérez,");
    expect(sink.received).toHaveLength(0);
  });

  it("is woken by an enqueue in the same process, and stops after recording its batch", async () => {
    // A poll interval far longer than the wait below: only the wake-up can deliver in time.
    const stop = startMailWorker({ db: getDb(), transport, from, pollMs: 10 * 60_000, log: () => {} });
    try {
      await getDb()
        .transaction()
        .execute((trx) =>
          enqueueEmail(trx, { key: "login:wake", to: "ana@example.test", template: "sign-in-link", locale: "es", data: sampleData["sign-in-link"] }),
        );
      await sink.waitForMessages(1, 10_000);
    } finally {
      await stop();
    }
    expect(await row("login:wake")).toMatchObject({ status: "sent" });
  });
});
