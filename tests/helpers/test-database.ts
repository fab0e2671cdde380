import crypto from "node:crypto";
import path from "node:path";
import pg from "pg";
import { isPostgresUrl } from "~db/client";

// Where a test (or a test's app process) keeps its database. Without TEST_DATABASE_URL: a
// SQLite file in the test's own data folder. With TEST_DATABASE_URL=postgres://…: a schema of
// its own in that database, named in the URL (`?schema=`), created empty and dropped after, so
// test files still run in parallel without seeing each other's rows.

export function testPostgresUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  return url && isPostgresUrl(url) ? url : undefined;
}

export const testDialect: "sqlite" | "postgres" = testPostgresUrl() ? "postgres" : "sqlite";

/** One client on the PostgreSQL server `base` names, for the work of a test that needs it. */
export async function onServer<T>(base: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** base: the PostgreSQL database to make the schema in (the benchmark passes its DATABASE_URL). */
export async function createTestDatabase(dataDir: string, base: string | undefined = testPostgresUrl()): Promise<string> {
  if (!base) return path.join(dataDir, "convoca.db");
  const schema = `t_${crypto.randomBytes(6).toString("hex")}`;
  await onServer(base, (c) => c.query(`create schema ${schema}`));
  const url = new URL(base);
  url.searchParams.set("schema", schema);
  return url.toString();
}

export async function dropTestDatabase(databaseUrl: string, base: string | undefined = testPostgresUrl()): Promise<void> {
  const schema = isPostgresUrl(databaseUrl) ? new URL(databaseUrl).searchParams.get("schema") : null;
  if (!base || !schema || !/^t_[0-9a-f]+$/.test(schema)) return;
  await onServer(base, (c) => c.query(`drop schema if exists ${schema} cascade`));
}
