import pg from "pg";
import { sql } from "kysely";
import { dialectOf, postgresPoolConfig, type DB } from "~db/client";
import { isInTransaction } from "~db/write-transaction";

// Waking dispatchers when mail is queued, across processes. On SQLite the in-process wake-up
// of outbox.server.ts is enough: the dispatcher's query waits for the one connection, so it
// runs after the commit, and other processes find the row at their next poll. On PostgreSQL
// the dispatcher has connections of its own and would look before the commit; NOTIFY is
// delivered only when (and if) the transaction that queued the mail commits, and to every
// instance listening, so mail queued by one web instance leaves from any worker at once.

const channel = "convoca_outbox";

// PostgreSQL folds identical notifications of one transaction into one, so a transaction that
// queues many mails (a reminder run, an import) needs to send it once, not once per mail.
const announced = new WeakSet<object>();

/**
 * Call inside the transaction that wrote the outbox row. Answers whether the wake-up is taken
 * care of (PostgreSQL); on SQLite the caller wakes this process's worker itself.
 */
export async function announceOutboxWrite(db: DB): Promise<boolean> {
  if (dialectOf(db) !== "postgres") return false;
  if (isInTransaction(db)) {
    if (announced.has(db)) return true;
    announced.add(db);
  }
  await sql`select pg_notify(${channel}, '')`.execute(db);
  return true;
}

/**
 * Listens on its own connection and calls onWake for each committed enqueue. A dropped
 * connection is reopened after a pause; polling covers the gap. Resolves the returned stop
 * once the connection is closed.
 */
export function listenForOutboxWrites(databaseUrl: string, onWake: () => void, log: (message: string) => void): () => Promise<void> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const next = new pg.Client(postgresPoolConfig(databaseUrl));
    client = next;
    next.on("notification", () => onWake());
    next.on("error", (error) => {
      log(`se perdió la escucha de correo nuevo (${error.message}); se reintenta en 5 s`);
      next.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(() => void connect().catch(() => undefined), 5_000);
    });
    await next.connect();
    await next.query(`listen ${channel}`);
    // Mail queued while nobody listened is found by this look.
    onWake();
  };
  const opened = connect().catch((error: Error) => {
    log(`no se pudo escuchar el correo nuevo (${error.message}); el despachador sigue por sondeo`);
    if (!stopped) retry = setTimeout(() => void connect().catch(() => undefined), 5_000);
  });
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await opened;
    await client?.end().catch(() => undefined);
  };
}
