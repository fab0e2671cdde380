import { randomBytes } from "node:crypto";
import os from "node:os";
import type { DB } from "~db/client";
import type { Message } from "~db/schema";
import { writeTransaction } from "~db/write-transaction";
import { enqueueEmails } from "~/features/mail/outbox.server";
import { loadEncounterForMail, loadReminderExtras, mailFor, type MailContext } from "~/features/messages/mail.server";
import { listRecipients, planOf } from "~/features/messages/queries.server";
import { defaultReminderPlan, defaultSegment, dueReminder, parseSegment, reminderHorizonDays, serializeSegment, staleClaimMs } from "~/features/messages/rules";
import { actorOf, recordAudit } from "~/server/audit.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";

// The messages step of the background work (app/server/background.server.ts): writes the
// reminders that fell due, then sends every due message through the outbox.
//
// - A reminder is a row of messages (kind "reminder"), inserted when due; the unique index on
//   (encounter, days) makes the insert happen once, whoever runs it.
// - A due message is claimed with one conditional UPDATE (scheduled -> sending, claimed_by us):
//   of two schedulers, one gets it. Its mail is queued in batches, each one transaction of
//   multi-row inserts (outbox and deliveries), keyed per message and registration, so even a
//   takeover after a crash (a claim older than staleClaimMs) writes nobody's mail twice.
// - A message that would reach nobody when due is cancelled with that reason, and audited.
// - `now` is a parameter: tests move the clock; nothing here reads the time itself.

export interface MessagesRunOptions {
  appUrl?: string;
  secret?: string;
  /** Names this process in claimed_by. */
  runner?: string;
  /** Mails written per transaction. */
  batchSize?: number;
}

export interface MessagesRunResult {
  /** Reminder rows this run wrote (they fell due now). */
  reminders: number;
  /** Messages this run claimed and finished: sent, or cancelled for want of recipients. */
  sent: number[];
  cancelled: number[];
  /** Mails written to the outbox. */
  mails: number;
  ms: number;
}

const defaultRunner = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

/** Inserts the reminders due at `now` of every encounter about to happen (once each, ever). */
async function writeDueReminders(db: DB, now: Date): Promise<number> {
  const at = now.toISOString();
  const horizon = new Date(now.getTime() + reminderHorizonDays * 86_400_000).toISOString();
  const encounters = await db
    .selectFrom("encounters")
    .leftJoin("encounter_reminder_settings as s", "s.encounter_id", "encounters.id")
    .select(["encounters.id", "encounters.starts_at", "encounters.timezone", "s.enabled", "s.days_before", "s.send_time", "s.what_to_bring"])
    // A draft is not announced yet; a closed encounter (registration closed) still happens.
    .where("encounters.status", "!=", "draft")
    .where("encounters.starts_at", ">", at)
    .where("encounters.starts_at", "<=", horizon)
    .execute();
  let written = 0;
  for (const e of encounters) {
    const plan =
      e.enabled === null
        ? defaultReminderPlan
        : planOf({ enabled: e.enabled, days_before: e.days_before!, send_time: e.send_time!, what_to_bring: e.what_to_bring! });
    const due = dueReminder(plan, { startsAt: e.starts_at, timezone: e.timezone }, now);
    if (!due) continue;
    const inserted = await db
      .insertInto("messages")
      .values({
        encounter_id: e.id,
        kind: "reminder",
        reminder_days: due.days,
        body: plan.whatToBring,
        segment: serializeSegment(defaultSegment),
        status: "scheduled",
        send_at: due.dueAt,
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.columns(["encounter_id", "reminder_days"]).doNothing())
      .executeTakeFirst();
    written += Number(inserted.numInsertedOrUpdatedRows ?? 0);
  }
  return written;
}

/** Takes a due message for this runner, or takes over one whose claim went stale; null if another got it. */
async function claim(db: DB, id: number, runner: string, now: Date): Promise<Message | null> {
  const at = now.toISOString();
  const stale = new Date(now.getTime() - staleClaimMs).toISOString();
  const claimed = await db
    .updateTable("messages")
    .set({ status: "sending", claimed_by: runner, claimed_at: at, updated_at: at })
    .where("id", "=", id)
    .where((eb) =>
      eb.or([eb.and([eb("status", "=", "scheduled"), eb("send_at", "<=", at)]), eb.and([eb("status", "=", "sending"), eb("claimed_at", "<=", stale)])]),
    )
    .returningAll()
    .executeTakeFirst();
  return claimed ?? null;
}

/** Queues one claimed message's mail, then marks it sent (or cancelled: nobody to send it to). */
async function deliver(
  db: DB,
  message: Message,
  runner: string,
  ctx: MailContext,
  batchSize: number,
): Promise<{ outcome: "sent" | "cancelled"; mails: number }> {
  const ours = (trx: DB) => trx.updateTable("messages").where("id", "=", message.id).where("status", "=", "sending").where("claimed_by", "=", runner);
  const at = ctx.now.toISOString();
  const recipients = await listRecipients(db, message.encounter_id, parseSegment(message.segment));
  if (recipients.length === 0) {
    await writeTransaction(db, async (trx) => {
      const done = await ours(trx).set({ status: "cancelled", cancel_reason: "no_recipients", cancelled_at: at, updated_at: at }).executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) return;
      await recordAudit(trx, {
        actor: actorOf.system,
        action: "message.cancel",
        entity: "message",
        entityId: message.id,
        data: { reason: "no_recipients", kind: message.kind, reminderDays: message.reminder_days },
      });
    });
    return { outcome: "cancelled", mails: 0 };
  }
  const encounter = await loadEncounterForMail(db, message.encounter_id);
  const extras = message.kind === "reminder" ? await loadReminderExtras(db, encounter) : undefined;
  let mails = 0;
  for (let i = 0; i < recipients.length; i += batchSize) {
    const batch = recipients.slice(i, i + batchSize);
    const requests = batch.map((person) => mailFor(message, encounter, person, ctx, extras));
    mails += await writeTransaction(db, async (trx) => {
      const enqueued = (await enqueueEmails(trx, requests)).keys.length;
      await trx
        .insertInto("message_deliveries")
        .values(batch.map((person, j) => ({ message_id: message.id, registration_id: person.registration_id, outbox_key: requests[j].key, created_at: at })))
        .onConflict((oc) => oc.columns(["message_id", "registration_id"]).doNothing())
        .execute();
      return enqueued;
    });
  }
  await writeTransaction(db, async (trx) => {
    const done = await ours(trx).set({ status: "sent", sent_at: at, recipients: recipients.length, updated_at: at }).executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) return;
    await recordAudit(trx, {
      actor: actorOf.system,
      action: "message.sent",
      entity: "message",
      entityId: message.id,
      data: { recipients: recipients.length, kind: message.kind, reminderDays: message.reminder_days },
    });
  });
  return { outcome: "sent", mails };
}

/** Writes the due reminders and sends the due messages at `now`. Safe to run concurrently with itself. */
export async function runMessages(db: DB, now: Date, options: MessagesRunOptions = {}): Promise<MessagesRunResult> {
  const started = performance.now();
  const env = getEnv();
  const ctx: MailContext = { appUrl: options.appUrl ?? env.appUrl, secret: options.secret ?? env.sessionSecret, now };
  const runner = options.runner ?? defaultRunner;
  const batchSize = options.batchSize ?? 500;
  const result: MessagesRunResult = { reminders: await writeDueReminders(db, now), sent: [], cancelled: [], mails: 0, ms: 0 };

  const at = now.toISOString();
  const stale = new Date(now.getTime() - staleClaimMs).toISOString();
  const due = await db
    .selectFrom("messages")
    .select("id")
    .where((eb) =>
      eb.or([eb.and([eb("status", "=", "scheduled"), eb("send_at", "<=", at)]), eb.and([eb("status", "=", "sending"), eb("claimed_at", "<=", stale)])]),
    )
    .orderBy("send_at")
    .orderBy("id")
    .limit(50)
    .execute();
  for (const { id } of due) {
    const message = await claim(db, id, runner, now);
    if (!message) continue; // another scheduler took it
    const { outcome, mails } = await deliver(db, message, runner, ctx, batchSize);
    result[outcome].push(message.id);
    result.mails += mails;
  }
  result.ms = Math.round(performance.now() - started);
  return result;
}

export type StopMessageScheduler = () => Promise<void>;

const runningKey = Symbol.for("convoca.messageScheduler");
const wakeKey = Symbol.for("convoca.messageScheduler.wake");
type Holder = { [runningKey]?: StopMessageScheduler; [wakeKey]?: () => void };

/** Asks this process's scheduler to run now (a message was just sent "now"); nothing if none runs here. */
export function wakeMessageScheduler(): void {
  (globalThis as Holder)[wakeKey]?.();
}

/**
 * Runs the step every 15 seconds (the first run a few seconds after start, and at once when
 * woken) until stopped. One per process; a second call returns the first one's stop function.
 * Resolving stop() means the run in flight has finished.
 */
export function startMessageScheduler(
  options: MessagesRunOptions & { intervalMs?: number; firstRunMs?: number; db?: DB; log?: (message: string) => void } = {},
): StopMessageScheduler {
  const holder = globalThis as Holder;
  if (holder[runningKey]) return holder[runningKey];
  const intervalMs = options.intervalMs ?? 15_000;
  const log = options.log ?? ((message: string) => console.warn(`[mensajes] ${message}`));
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<void> | null = null;
  let wokenWhileRunning = false;

  const tick = () => {
    timer = null;
    inFlight = (async () => {
      try {
        const result = await runMessages(options.db ?? getDb(), new Date(), options);
        if (result.sent.length || result.cancelled.length)
          log(
            `${result.sent.length} mensajes enviados (${result.mails} correos en la bandeja de salida), ${result.cancelled.length} cancelados sin destinatarios (${result.ms} ms)`,
          );
      } catch (error) {
        log(`error del programador de mensajes: ${String(error)}`);
      }
    })();
    void inFlight.finally(() => {
      inFlight = null;
      if (stopped) return;
      timer = setTimeout(tick, wokenWhileRunning ? 0 : intervalMs);
      wokenWhileRunning = false;
    });
  };
  timer = setTimeout(tick, options.firstRunMs ?? 3_000);

  holder[wakeKey] = () => {
    if (stopped) return;
    if (inFlight) wokenWhileRunning = true;
    else if (timer) {
      clearTimeout(timer);
      timer = setTimeout(tick, 0);
    }
  };
  const stop: StopMessageScheduler = async () => {
    if (holder[runningKey] === stop) {
      holder[runningKey] = undefined;
      holder[wakeKey] = undefined;
    }
    stopped = true;
    if (timer) clearTimeout(timer);
    await inFlight;
  };
  holder[runningKey] = stop;
  return stop;
}
