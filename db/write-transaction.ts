import { sql } from "kysely";
import { dialectOf, type DB } from "./client";

// A transaction that writes, run so that it cannot fail just because another request or another
// process writes at the same moment.
//
// SQLite: Kysely's `begin` is DEFERRED, so a transaction that reads before it writes holds a
// read snapshot, and its first write fails at once with SQLITE_BUSY_SNAPSHOT if someone else
// committed in between (the busy timeout cannot help there). BEGIN IMMEDIATE takes the write
// lock first, waiting for it under the busy timeout; a wait longer than that is retried here
// with a little jitter, a few times, before the error reaches the caller.
//
// PostgreSQL: the same promise across every instance on the database. The transaction first
// takes one transaction-scoped advisory lock, so these transactions run one at a time exactly
// as under SQLite's write lock: the read-then-act code they hold (waiting-list promotion,
// "is this person already registered", the updated_at check of an edit) needs no row locks of
// its own. Plain reads and single-statement writes elsewhere do not wait for it. A deadlock or
// serialization failure against some other transaction is retried like SQLITE_BUSY.

const maxAttempts = 8;

// Any fixed number: with the schema's hash, the key of the advisory lock every writeTransaction
// takes on PostgreSQL. Advisory locks belong to the whole database, so the schema is part of the
// key: two Convoca installs (or the test files) in schemas of one database do not wait on each other.
const writeLockKey = 72_262_024;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return false;
  return code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED") || code === "40001" || code === "40P01";
}

// Handles already inside one of these (or inside a Kysely transaction) just run the work.
const open = new WeakSet<object>();

/** Whether this handle is inside a transaction (a writeTransaction or a Kysely one). */
export function isInTransaction(db: DB): boolean {
  return db.isTransaction || open.has(db);
}

export async function writeTransaction<T>(db: DB, work: (trx: DB) => Promise<T>): Promise<T> {
  if (isInTransaction(db)) return work(db);
  const postgres = dialectOf(db) === "postgres";
  for (let attempt = 1; ; attempt++) {
    try {
      // connection() holds one connection for the whole callback (on SQLite, the process's only
      // one, so nothing else of this process runs between BEGIN and COMMIT).
      return await db.connection().execute(async (conn) => {
        if (postgres) {
          await sql`begin`.execute(conn);
          await sql`select pg_advisory_xact_lock(${sql.lit(writeLockKey)}, hashtext(current_schema()))`.execute(conn);
        } else {
          await sql`begin immediate`.execute(conn);
        }
        open.add(conn);
        try {
          const result = await work(conn);
          await sql`commit`.execute(conn);
          return result;
        } catch (error) {
          await sql`rollback`.execute(conn).catch(() => undefined);
          throw error;
        } finally {
          open.delete(conn);
        }
      });
    } catch (error) {
      if (!isBusy(error) || attempt >= maxAttempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
    }
  }
}
