import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema";

export type DB = Kysely<Database>;
export type Dialect = "sqlite" | "postgres";

export const defaultDatabaseUrl = "data/convoca.db";

export function isPostgresUrl(url: string): boolean {
  return url.startsWith("postgres:") || url.startsWith("postgresql:");
}

// Which engine a handle talks to: the few places that must differ (row claiming, the write
// lock, backups) ask this rather than keep a flag of their own.
export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/** A unique index refused the row, on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "23505";
}

/** For logs and messages: a PostgreSQL URL without its password. */
export function describeDatabaseUrl(url: string): string {
  if (!isPostgresUrl(url)) return url;
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "****";
  return parsed.toString();
}

/** Text (a message, a tool's output) with the password of any of these URLs masked. */
export function withoutPasswords(text: string, urls: readonly string[]): string {
  const secrets = urls.filter(isPostgresUrl).flatMap((url) => {
    try {
      const password = new URL(url).password;
      return password ? [password, decodeURIComponent(password)] : [];
    } catch {
      return [];
    }
  });
  return secrets.reduce((out, secret) => out.replaceAll(secret, "****"), text);
}

// Accepts a file path or a "file:" URL.
export function sqlitePathFromUrl(url: string): string {
  if (isPostgresUrl(url)) {
    throw new Error("Esta orden trabaja sobre un archivo SQLite; con PostgreSQL use pg_dump y pg_restore.");
  }
  return url.startsWith("file:") ? url.slice("file:".length) : url;
}

export function openSqlite(file: string): SQLite.Database {
  // A PostgreSQL URL taken for a path would quietly create an empty SQLite file named after it.
  if (isPostgresUrl(file)) throw new Error("Se esperaba un archivo SQLite y DATABASE_URL es de PostgreSQL.");
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // A second process (the mail worker, a backup) may hold the write lock briefly.
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return sqlite;
}

// COUNT and SUM come back as int8/numeric, which pg hands over as strings so as not to lose
// precision; Convoca's counts stay far below 2^53, and the models expect numbers, as on SQLite.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

// PostgreSQL text cannot hold U+0000, which SQLite stores as given: a NUL typed into a form or a
// URL would otherwise end the request in a 500 instead of the answer any other odd character
// gets (a lookup that finds nothing, a field refused by its schema). Every query of the pool
// passes here, so no model has to remember it.
function withoutNul(value: unknown): unknown {
  return typeof value === "string" && value.includes("\u0000") ? value.replaceAll("\u0000", "\uFFFD") : value;
}

class Client extends pg.Client {
  // @ts-expect-error pg's overloads; Kysely calls query(text, values) only.
  override query(text: string, values?: unknown[]) {
    return super.query(text, Array.isArray(values) ? values.map(withoutNul) : values);
  }
}

// A `schema` query parameter (ours, not libpq's) selects the search_path: the tests give each
// test file a schema of its own in one database. poolSize: DATABASE_POOL_SIZE, read by the caller
// through the app's environment schema.
export function postgresPoolConfig(url: string, poolSize = 10): pg.PoolConfig {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema");
  parsed.searchParams.delete("schema");
  if (schema !== null && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Esquema no válido en DATABASE_URL: ${schema}`);
  return {
    Client: Client as unknown as typeof pg.Client,
    connectionString: parsed.toString(),
    max: Number.isInteger(poolSize) && poolSize > 0 ? poolSize : 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  };
}

export function createDb(url: string = defaultDatabaseUrl, options: { poolSize?: number } = {}): DB {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool(postgresPoolConfig(url, options.poolSize));
    // An idle connection that the server drops (a restart, a failover, an administrator's
    // pg_terminate_backend) is reported on the pool; unheard, that event would end the whole
    // process. The pool has already discarded the connection and opens another on demand.
    pool.on("error", (error) => console.warn(`[base de datos] conexión inactiva perdida: ${error.message}`));
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  const sqlite = openSqlite(sqlitePathFromUrl(url));
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}
