import { sql, type CreateTableBuilder, type Kysely, type RawBuilder } from "kysely";
import { dialectOf } from "../client";

// The few column definitions that SQLite and PostgreSQL spell differently, so that one list of
// migrations serves both. Timestamps stay ISO-8601 text in UTC on both engines (the models
// compare and sort them as text), so only their default expression differs.

function onPostgres(db: Kysely<any>): boolean {
  return dialectOf(db) === "postgres";
}

// The current instant as "2026-11-29T09:08:00.123Z", the same text as Date#toISOString().
export function nowText(db: Kysely<any>): RawBuilder<string> {
  return onPostgres(db)
    ? sql`(to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`
    : sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
}

// An integer key the database numbers itself.
export function withId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>) {
  return onPostgres(db)
    ? table.addColumn("id", "serial", (c) => c.primaryKey())
    : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
}

// SQLite's REAL is 8 bytes; PostgreSQL's is 4, too coarse for coordinates.
export function floatType(db: Kysely<any>) {
  return onPostgres(db) ? ("double precision" as const) : ("real" as const);
}
