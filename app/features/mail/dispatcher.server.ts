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

/**
 * The messages as they were sent, for the mail viewer (a later template change does not
 * rewrite them): one multi-row upsert for the batch.
 */
async function saveRenderedBodies(db: DB, bodies: Array<{ outboxId: number; html: string; text: string }>, now: Date) {
  if (bodies.length === 0) return;
  const at = now.toISOString();
  await db
    .insertInto("email_outbox_bodies")
    .values(bodies.map((b) => ({ outbox_id: b.outboxId, html: b.html, text: b.text, rendered_at: at })))
    .onConflict((oc) =>
      oc
        .column("outbox_id")
        .doUpdateSet((eb) => ({ html: eb.ref("excluded.html"), text: eb.ref("excluded.text"), rendered_at: eb.ref("excluded.rendered_at") })),
    )
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

type OwnedUpdate = UpdateQueryBuilder<Database, "email_outbox", "email_outbox", UpdateResult>;

/** A result to record, as the update that records it (applied only if the row is still ours). */
type ResultRecord = { outcome: Outcome; apply: (ours: OwnedUpdate) => OwnedUpdate };

/**
 * Claims one batch and sends it. The batch is rendered first (CPU, no database), its bodies are
 * kept in one statement, the pooled transport sends its messages in parallel, and all their
 * results are recorded in one transaction: one commit per batch instead of two per message.
 */
export async function dispatchBatch(options: DispatcherOptions): Promise<BatchResult> {
  const now = options.now ?? (() => new Date());
  const workerId = options.workerId ?? newWorkerId();
  const { db } = options;
  const claimed = await claimDueMessages(db, workerId, options.batchSize ?? dispatcherDefaults.batchSize, now());
  const result: BatchResult = { claimed: claimed.length, sent: 0, retried: 0, failed: 0 };
  if (claimed.length === 0) return result;

  const records = new Map<number, ResultRecord>();
  const ready: Array<{ row: OutboxMessage; rendered: RenderedEmail }> = [];
  for (const row of claimed) {
    try {
      ready.push({ row, rendered: await renderStoredEmail(row.template, row.locale, JSON.parse(row.data)) });
    } catch (error) {
      // A message that cannot be rendered will not render on a second try either.
      const reason = error instanceof EmailDataError ? error.message : `No se pudo preparar el mensaje: ${String(error)}`;
      records.set(row.id, { outcome: "failed", apply: (ours) => ours.set({ status: "failed", last_error: reason.slice(0, 1000) }) });
      options.log?.(`correo ${row.id} (${row.idempotency_key}) fallido: ${reason}`);
    }
  }
  try {
    // Kept before sending, so that a refused message can be read too. A database error here
    // leaves the rows "sending", and the sweep gives them back later: nothing sent, nothing lost.
    await saveRenderedBodies(
      db,
      ready.map(({ row, rendered }) => ({ outboxId: row.id, html: rendered.html, text: rendered.text })),
      now(),
    );
    await Promise.all(
      ready.map(async ({ row, rendered }) => {
        try {
          const info = await options.transport.send({
            from: options.from,
            to: row.recipient,
            subject: rendered.subject,
            html: rendered.html,
            text: rendered.text,
            attachments: rendered.attachments,
            messageId: messageIdFor(row.idempotency_key, options.from),
          });
          const sentAt = now().toISOString();
          records.set(row.id, {
            outcome: "sent",
            apply: (ours) => ours.set({ status: "sent", message_id: info.messageId, subject: rendered.subject, sent_at: sentAt, last_error: null }),
          });
        } catch (error) {
          records.set(row.id, failureRecord(row, error, options, now));
        }
      }),
    );
  } catch (error) {
    options.log?.(`no se pudo guardar el lote de correos: ${String(error)}`);
  }
  // Every result is recorded only if the row is still ours: if the sweep took it back from a
  // process it thought dead, the new owner's record wins. A failure to record a sent message
  // is not mistaken for a failure to send it: the rows stay "sending" and the sweep sends
  // them once more, at most.
  try {
    await db.transaction().execute(async (trx) => {
      for (const [id, record] of records) {
        await record.apply(trx.updateTable("email_outbox").where("id", "=", id).where("status", "=", "sending").where("claimed_by", "=", workerId)).execute();
      }
    });
    for (const record of records.values()) result[record.outcome] += 1;
  } catch (error) {
    options.log?.(`no se pudo registrar un envío: ${String(error)}`);
  }
  return result;
}

function failureRecord(row: OutboxMessage, error: unknown, options: DispatcherOptions, now: () => Date): ResultRecord {
  const failure = classifySendError(error);
  const maxAttempts = options.maxAttempts ?? dispatcherDefaults.maxAttempts;
  const givesUp = failure.kind === "rejected-permanently" || (failure.kind === "rejected-for-now" && row.attempts >= maxAttempts);
  if (givesUp) {
    options.log?.(`correo ${row.id} (${row.idempotency_key}) fallido: ${failure.detail}`);
    return { outcome: "failed", apply: (ours) => ours.set({ status: "failed", last_error: failure.detail }) };
  }
  const delay = retryDelayMs(row.attempts, options.random, options.retryBaseMs, options.retryMaxMs);
  const nextAttemptAt = new Date(now().getTime() + delay).toISOString();
  options.log?.(`correo ${row.id} (${row.idempotency_key}) se reintentará ${nextAttemptAt}: ${failure.detail}`);
  return { outcome: "retried", apply: (ours) => ours.set({ status: "pending", next_attempt_at: nextAttemptAt, last_error: failure.detail }) };
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
