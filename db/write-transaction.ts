import { sql } from "kysely";
import type { DB } from "./client";

// A transaction that writes, run so that it cannot fail just because another request or another
// process writes at the same moment.
//
// SQLite: Kysely's `begin` is DEFERRED, so a transaction that reads before it writes holds a
// read snapshot, and its first write fails at once with SQLITE_BUSY_SNAPSHOT if someone else
// committed in between (the busy timeout cannot help there). BEGIN IMMEDIATE takes the write
// lock first, waiting for it under the busy timeout; a wait longer than that is retried here
// with a little jitter, a few times, before the error reaches the caller.
//
// On PostgreSQL this would be an ordinary transaction: the conditional UPDATEs of the callers
// (`... SET n = n + 1 WHERE n < limit`) take the row lock and serialise the writers.

const maxAttempts = 8;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
}

// Handles already inside one of these (or inside a Kysely transaction) just run the work.
const open = new WeakSet<object>();

export async function writeTransaction<T>(db: DB, work: (trx: DB) => Promise<T>): Promise<T> {
  if (db.isTransaction || open.has(db)) return work(db);
  for (let attempt = 1; ; attempt++) {
    try {
      // connection() holds the process's one SQLite connection for the whole callback, so
      // nothing else of this process runs between BEGIN and COMMIT.
      return await db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
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
