import { createHash } from "node:crypto";
import { sql } from "kysely";
import { dialectOf } from "~db/client";
import { getDb } from "~/server/db.server";

/**
 * Tables whose changes a refused request may cause, each with the reason. Anything else a
 * refusal touches (an insert, a delete, or an UPDATE of one column of one row) is a write.
 */
export const changesAllowedOnRefusal: Record<string, string> = {
  rate_limits: "counting a refused try is what the rate-limit counters are for",
};

export interface TableContent {
  rows: number;
  /** sha256 of every row (every column), sorted, so the order rows come back in does not matter. */
  digest: string;
}

/** A row as text that tells every value apart on both engines (numbers, text, null, bytes). */
function rowText(row: Record<string, unknown>): string {
  return JSON.stringify(row, (_key, value: unknown) => {
    if (typeof value === "bigint") return `bigint:${value}`;
    if (value instanceof Uint8Array) return `bytes:${Buffer.from(value).toString("base64")}`;
    if (value && typeof value === "object" && (value as { type?: string }).type === "Buffer")
      return `bytes:${Buffer.from((value as { data: number[] }).data).toString("base64")}`;
    if (value instanceof Date) return `date:${value.toISOString()}`;
    return value;
  });
}

async function tableNames(): Promise<string[]> {
  const db = getDb();
  const tables =
    dialectOf(db) === "postgres"
      ? await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely%'`.execute(
          db,
        )
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(db);
  return tables.rows.map((t) => t.name).sort();
}

/**
 * The contents of every table of the test database (rate-limit counters aside), to prove that
 * a refused request wrote nothing: compare a snapshot taken before with one taken after. A row
 * count alone would miss an UPDATE made before the refusal; this sees any changed value.
 */
export async function tableContents(): Promise<Record<string, TableContent>> {
  const db = getDb();
  const contents: Record<string, TableContent> = {};
  for (const name of await tableNames()) {
    if (name in changesAllowedOnRefusal) continue;
    const result = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
    const lines = result.rows.map(rowText).sort();
    contents[name] = { rows: lines.length, digest: createHash("sha256").update(lines.join("\n")).digest("hex").slice(0, 24) };
  }
  return contents;
}
