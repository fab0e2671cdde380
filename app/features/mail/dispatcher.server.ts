import { randomBytes } from "node:crypto";
import os from "node:os";
import { dialectOf, type DB } from "~db/client";
import type { UpdateQueryBuilder, UpdateResult } from "kysely";
import type { Database, OutboxMessage } from "~db/schema";
import { EmailDataError, renderStoredEmail, type RenderedEmail } from "~emails/index";
import { retryBounds, retryDelayMs } from "~/features/mail/rules";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { classifySendError, createMailTransport, messageIdFor, type MailTransport } from "./transport.server";
import { listenForOutboxWrites } from "./outbox-notify.server";
import { onOutboxWrite } from "./outbox.server";

// The dispatcher takes due rows from the outbox, renders them, sends them and records what
// happened. Each row is claimed with one conditional UPDATE, so two processes (the web server
// and `npm run worker`) never send the same row at the same time. A process that dies after
// sending but before recording leaves its rows in "sending"; the sweep hands them back, so
// those few (and only those) are sent a second time, with the same Message-ID.

export interface DispatcherOptions {
  db: DB;
  transport: MailTransport;
  from: string;
  /** Written into claimed_by: which process holds a row. */
  workerId?: string;
  batchSize?: number;
  /** 4xx replies after which a message is given up. Outages (no reply at all) never give up. */
  maxAttempts?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  now?: () => Date;
  random?: () => number;
  log?: (message: string) => void;
}

export interface BatchResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

export const dispatcherDefaults = {
  batchSize: 20,
  maxAttempts: 10,
  retryBaseMs: retryBounds.baseMs,
  retryMaxMs: retryBounds.maxMs,
};

export function newWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/** The message as it was sent, for the mail viewer (a later template change does not rewrite it). */
async function saveRenderedBody(db: DB, outboxId: number, body: { html: string; text: string }, now = new Date()) {
  await db
    .insertInto("email_outbox_bodies")
    .values({ outbox_id: outboxId, html: body.html, text: body.text, rendered_at: now.toISOString() })
    .onConflict((oc) => oc.column("outbox_id").doUpdateSet({ html: body.html, text: body.text, rendered_at: now.toISOString() }))
    .execute();
}

/** Marks up to `limit` due rows as ours and returns them. Atomic: a row goes to one claimer. */
export async function claimDueMessages(db: DB, workerId: string, limit: number, now: Date): Promise<OutboxMessage[]> {
  const at = now.toISOString();
  // The due ids are chosen once, in a materialized CTE: as a plain `IN (subquery)` PostgreSQL
  // may run the subquery again while it rechecks rows another claimer changed, and with SKIP
  // LOCKED that second run picks other rows, so one claimer could take more than `limit`.
  // The status condition is checked again by the UPDATE itself: on SQLite the statement holds
  // the write lock; on PostgreSQL a row another claimer changed first no longer matches.
  // Counting the attempt at claim time means a message that crashes its process still runs
  // out of attempts (see releaseStuckMessages).
  return db
    .with(
      (cte) => cte("due").materialized(),
      (q) =>
        q
          .selectFrom("email_outbox")
          .select("id")
          .where("status", "=", "pending")
          .where("next_attempt_at", "<=", at)
          .orderBy("next_attempt_at")
          .orderBy("id")
          .limit(limit)
          // PostgreSQL: rows another dispatcher is claiming right now are passed over rather
          // than waited for, so several dispatchers each take a different batch.
          .$if(dialectOf(db) === "postgres", (q) => q.forUpdate().skipLocked()),
    )
    .updateTable("email_outbox")
    .set((eb) => ({ status: "sending", claimed_by: workerId, claimed_at: at, attempts: eb("attempts", "+", 1) }))
    .where("id", "in", (eb) => eb.selectFrom("due").select("due.id"))
    .where("status", "=", "pending")
    .returningAll()
    .execute();
}

/**
 * Rows left in "sending" for longer than a send can take belong to a process that died:
 * back to "pending" (or to "failed", if they have used up their attempts, so that a message
 * that crashes every process that touches it stops doing so).
 */
export async function releaseStuckMessages(
  db: DB,
  options: { stuckAfterMinutes: number; maxAttempts?: number; now?: Date },
): Promise<{ released: number; failed: number }> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.stuckAfterMinutes * 60_000).toISOString();
  const maxAttempts = options.maxAttempts ?? dispatcherDefaults.maxAttempts;
  const stuck = db.updateTable("email_outbox").where("status", "=", "sending").where("claimed_at", "<=", cutoff);
  const failed = await stuck
    .set({ status: "failed", last_error: "Abandonado: el proceso que lo enviaba se detuvo demasiadas veces." })
    .where("attempts", ">=", maxAttempts)
    .executeTakeFirst();
  const released = await stuck.set({ status: "pending", next_attempt_at: now.toISOString() }).executeTakeFirst();
  return { released: Number(released.numUpdatedRows), failed: Number(failed.numUpdatedRows) };
}

type Outcome = "sent" | "retried" | "failed";

/** Claims one batch and sends it; the pooled transport sends the batch's messages in parallel. */
export async function dispatchBatch(options: DispatcherOptions): Promise<BatchResult> {
  const now = options.now ?? (() => new Date());
  const workerId = options.workerId ?? newWorkerId();
  const claimed = await claimDueMessages(options.db, workerId, options.batchSize ?? dispatcherDefaults.batchSize, now());
  const settled = await Promise.allSettled(claimed.map((row) => deliver(row, { ...options, workerId, now })));
  const outcomes = settled.map((s) => {
    if (s.status === "fulfilled") return s.value;
    // Could not record the result (database error): the row stays "sending" for the sweep.
    options.log?.(`no se pudo registrar un envío: ${String(s.reason)}`);
    return "unrecorded" as const;
  });
  return {
    claimed: claimed.length,
    sent: outcomes.filter((o) => o === "sent").length,
    retried: outcomes.filter((o) => o === "retried").length,
    failed: outcomes.filter((o) => o === "failed").length,
  };
}

async function deliver(row: OutboxMessage, options: DispatcherOptions & { workerId: string; now: () => Date }): Promise<Outcome> {
  const { db } = options;
  // Every result is recorded only if the row is still ours: if the sweep took it back from a
  // process it thought dead, the new owner's record wins.
  const ours = () => db.updateTable("email_outbox").where("id", "=", row.id).where("status", "=", "sending").where("claimed_by", "=", options.workerId);

  let rendered: RenderedEmail;
  try {
    rendered = await renderStoredEmail(row.template, row.locale, JSON.parse(row.data));
  } catch (error) {
    // A message that cannot be rendered will not render on a second try either.
    const reason = error instanceof EmailDataError ? error.message : `No se pudo preparar el mensaje: ${String(error)}`;
    await ours()
      .set({ status: "failed", last_error: reason.slice(0, 1000) })
      .execute();
    options.log?.(`correo ${row.id} (${row.idempotency_key}) fallido: ${reason}`);
    return "failed";
  }
  // Kept before sending, so that a refused message can be read too. A database error here
  // leaves the row "sending", and the sweep gives it back later: nothing sent, nothing lost.
  await saveRenderedBody(db, row.id, rendered, options.now());

  let info: { messageId: string };
  try {
    info = await options.transport.send({
      from: options.from,
      to: row.recipient,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      attachments: rendered.attachments,
      messageId: messageIdFor(row.idempotency_key, options.from),
    });
  } catch (error) {
    return recordFailure(row, error, ours, options);
  }
  // Outside the try: a failure to record a sent message must not be mistaken for a failure to
  // send it. The row then stays "sending" and the sweep sends it once more, at most.
  await ours().set({ status: "sent", message_id: info.messageId, subject: rendered.subject, sent_at: options.now().toISOString(), last_error: null }).execute();
  return "sent";
}

async function recordFailure(
  row: OutboxMessage,
  error: unknown,
  ours: () => UpdateQueryBuilder<Database, "email_outbox", "email_outbox", UpdateResult>,
  options: DispatcherOptions & { now: () => Date },
): Promise<Outcome> {
  const failure = classifySendError(error);
  const maxAttempts = options.maxAttempts ?? dispatcherDefaults.maxAttempts;
  const givesUp = failure.kind === "rejected-permanently" || (failure.kind === "rejected-for-now" && row.attempts >= maxAttempts);
  if (givesUp) {
    await ours().set({ status: "failed", last_error: failure.detail }).execute();
    options.log?.(`correo ${row.id} (${row.idempotency_key}) fallido: ${failure.detail}`);
    return "failed";
  }
  const delay = retryDelayMs(row.attempts, options.random, options.retryBaseMs, options.retryMaxMs);
  const nextAttemptAt = new Date(options.now().getTime() + delay).toISOString();
  await ours().set({ status: "pending", next_attempt_at: nextAttemptAt, last_error: failure.detail }).execute();
  options.log?.(`correo ${row.id} (${row.idempotency_key}) se reintentará ${nextAttemptAt}: ${failure.detail}`);
  return "retried";
}

export interface WorkerOptions extends Partial<DispatcherOptions> {
  /** How often to look for due mail when nothing wakes the worker. */
  pollMs?: number;
  sweepEveryMs?: number;
  /** Longer than any send can take (see the transport's timeouts). */
  stuckAfterMinutes?: number;
  /** PostgreSQL: where to LISTEN for mail queued by any process. Default: DATABASE_URL. */
  databaseUrl?: string;
}

export type StopMailWorker = () => Promise<void>;

const runningKey = Symbol.for("convoca.mailWorker");
type Holder = { [runningKey]?: StopMailWorker };

/**
 * Runs the dispatcher until stopped: drains due mail, then sleeps until the poll interval
 * passes or an enqueue in this process wakes it. One per process; a second call returns the
 * first one's stop function. Resolving stop() means the current batch has been recorded.
 */
export function startMailWorker(options: WorkerOptions = {}): StopMailWorker {
  const holder = globalThis as Holder;
  if (holder[runningKey]) return holder[runningKey];

  const env = getEnv();
  const ownsTransport = !options.transport;
  const dispatcher: DispatcherOptions = {
    ...options,
    db: options.db ?? getDb(),
    transport: options.transport ?? createMailTransport({ smtpUrl: env.smtpUrl, ratePerSecond: env.mailRatePerSecond }),
    from: options.from ?? env.mailFrom,
    workerId: options.workerId ?? newWorkerId(),
    log: options.log ?? ((message) => console.warn(`[correo] ${message}`)),
  };
  const pollMs = options.pollMs ?? 5_000;
  const sweepEveryMs = options.sweepEveryMs ?? 60_000;
  const stuckAfterMinutes = options.stuckAfterMinutes ?? 15;
  const batchSize = options.batchSize ?? dispatcherDefaults.batchSize;

  let stopped = false;
  // A wake-up that comes while the worker is busy is remembered, not lost: the next sleep
  // returns at once and looks again.
  let wakeRequested = false;
  let wake: (() => void) | null = null;
  const sleep = () =>
    new Promise<void>((resolve) => {
      if (wakeRequested || stopped) {
        wakeRequested = false;
        return resolve();
      }
      const timer = setTimeout(done, pollMs);
      function done() {
        clearTimeout(timer);
        wake = null;
        wakeRequested = false;
        resolve();
      }
      wake = done;
    });
  const requestWake = () => {
    wakeRequested = true;
    wake?.();
  };
  const unsubscribe = onOutboxWrite(requestWake);
  const stopListening =
    dialectOf(dispatcher.db) === "postgres"
      ? listenForOutboxWrites(options.databaseUrl ?? env.databaseUrl, requestWake, (m) => dispatcher.log?.(m))
      : async () => undefined;

  const loop = (async () => {
    let lastSweep = 0;
    while (!stopped) {
      try {
        if (Date.now() - lastSweep >= sweepEveryMs) {
          lastSweep = Date.now();
          const swept = await releaseStuckMessages(dispatcher.db, { stuckAfterMinutes, maxAttempts: dispatcher.maxAttempts });
          if (swept.released || swept.failed) dispatcher.log?.(`recuperados ${swept.released} correos de un proceso detenido`);
        }
        const result = await dispatchBatch(dispatcher);
        if (result.claimed === batchSize) continue; // more may be due: keep draining
      } catch (error) {
        // A locked or closed database, for instance; try again at the next poll.
        dispatcher.log?.(`error del despachador: ${String(error)}`);
      }
      if (!stopped) await sleep();
    }
  })();

  const stop: StopMailWorker = async () => {
    if (holder[runningKey] === stop) holder[runningKey] = undefined;
    stopped = true;
    unsubscribe();
    requestWake();
    await loop;
    await stopListening();
    if (ownsTransport) dispatcher.transport.close();
  };
  holder[runningKey] = stop;
  return stop;
}
