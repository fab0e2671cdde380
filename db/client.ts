import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Database } from "./schema";

export type DB = Kysely<Database>;

export const defaultDatabaseUrl = "data/convoca.db";

// Accepts a file path or a "file:" URL. PostgreSQL URLs are reserved for a later dialect.
export function sqlitePathFromUrl(url: string): string {
  if (url.startsWith("postgres:") || url.startsWith("postgresql:")) {
    throw new Error("PostgreSQL aún no está soportado: use un archivo SQLite en DATABASE_URL.");
  }
  return url.startsWith("file:") ? url.slice("file:".length) : url;
}

export function openSqlite(file: string): SQLite.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // A second process (the mail worker, a backup) may hold the write lock briefly.
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return sqlite;
}

export function createDb(url: string = defaultDatabaseUrl): DB {
  const sqlite = openSqlite(sqlitePathFromUrl(url));
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}
