import { sql } from "kysely";
import { dialectOf } from "~db/client";
import { getDb } from "~/utils/db.server";

/**
 * Rows in every table of the test database, to prove that a refused request wrote nothing.
 * Rate-limit counters are left out: counting a refused try is what they are for.
 */
export async function rowCounts(): Promise<Record<string, number>> {
  const db = getDb();
  const tables =
    dialectOf(db) === "postgres"
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely%'`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    if (name === "rate_limits") continue;
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(db);
    counts[name] = Number(r.rows[0].n);
  }
  return counts;
}
