import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { createDb, isPostgresUrl, type DB } from "~db/client";
import { createTestDatabase, dropTestDatabase } from "../helpers/test-database";
import { startApp, type RunningApp } from "../e2e/harness";

// Which engine `npm run bench` measures, and a fresh database for each benchmark on it.
// DATABASE_URL=postgres://… (read once, when this module loads, before any benchmark sets
// DATABASE_URL for the app modules it imports): every database a benchmark needs is a new
// schema of that database (createTestDatabase's `t_…`, named in the URL with `?schema=`),
// dropped when the benchmark ends; the database's own tables (public) are never touched.
// Without it, or with a SQLite path: a new SQLite file in the benchmark's own folder, as before.

const requested = process.env.DATABASE_URL;
/** The PostgreSQL database the benchmarks make their schemas in, or undefined for SQLite. */
export const benchPostgresUrl = requested && isPostgresUrl(requested) ? requested : undefined;

/** Schemas made and not yet dropped, dropped on Ctrl-C too. */
const live = new Set<string>();

/** A new empty database for one benchmark: a schema on PostgreSQL, `dataDir/convoca.db` on SQLite. */
export async function createBenchDatabase(dataDir: string): Promise<string> {
  if (!benchPostgresUrl) return path.join(dataDir, "convoca.db");
  installCleanup();
  const url = await createTestDatabase(dataDir, benchPostgresUrl);
  live.add(url);
  return url;
}

/** Drops a schema createBenchDatabase made (close every handle on it first); nothing on SQLite (the folder goes with it). */
export async function dropBenchDatabase(url: string): Promise<void> {
  if (!benchPostgresUrl || !live.has(url)) return;
  await dropTestDatabase(url, benchPostgresUrl);
  live.delete(url);
}

/**
 * One benchmark's own data folder and database, migrated (no demo), with the app's modules reading
 * them: `work` gets the app's database handle; the handle, database and folder are gone after.
 */
export async function withBenchDatabase<T>(label: string, work: (db: DB, dataDir: string) => Promise<T>): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `convoca-bench-${label}-`));
  process.env.DATA_DIR = dataDir;
  // A new SQLite file, or with DATABASE_URL=postgres://… a new schema.
  const databaseUrl = await createBenchDatabase(dataDir);
  process.env.DATABASE_URL = databaseUrl;
  process.env.UPLOADS_DIR = path.join(dataDir, "uploads");
  process.env.SEED_DEMO = "off";
  process.env.MAIL_WORKER = "off";
  // Imported after the environment is set: the database handle reads DATABASE_URL once.
  const { getDb, closeDb } = await import("~/server/db.server");
  const { prepareDatabase } = await import("~/server/startup.server");
  try {
    const db = getDb();
    await prepareDatabase(db);
    return await work(db, dataDir);
  } finally {
    await closeDb();
    await dropBenchDatabase(databaseUrl);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

let cleanupInstalled = false;
function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      // The app processes get the same Ctrl-C and close their connections; give up after 10 s.
      const drops = Promise.allSettled([...live].map((url) => dropTestDatabase(url, benchPostgresUrl)));
      void Promise.race([drops, new Promise((r) => setTimeout(r, 10_000))]).finally(() => process.exit(130));
    });
  }
}

/**
 * The built app (see startApp) on a fresh database of the chosen engine, in a new folder unless
 * extraEnv.DATA_DIR names one; stop() drops the database. extraEnv.DATABASE_URL starts it on
 * another app's database instead (a second instance), which stop() leaves alone.
 */
export async function startBenchApp(extraEnv: Record<string, string> = {}): Promise<RunningApp> {
  const dataDir = extraEnv.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "convoca-bench-"));
  const ownDatabase = !extraEnv.DATABASE_URL;
  const databaseUrl = extraEnv.DATABASE_URL ?? (await createBenchDatabase(dataDir));
  const dropOwn = async () => {
    if (ownDatabase) await dropBenchDatabase(databaseUrl);
  };
  const app = await startApp({ ...extraEnv, DATA_DIR: dataDir, DATABASE_URL: databaseUrl }).catch(async (error: unknown) => {
    await dropOwn();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    ...app,
    stop: async () => {
      await app.stop();
      await dropOwn();
    },
  };
}

/** "SQLite 3.49.2" or "PostgreSQL 15.18", asked of the engine itself. */
export async function engineName(): Promise<string> {
  const db = createDb(benchPostgresUrl ?? ":memory:");
  try {
    if (benchPostgresUrl) {
      const { rows } = await sql<{ server_version: string }>`show server_version`.execute(db);
      return `PostgreSQL ${rows[0].server_version.split(" ")[0]}`;
    }
    const { rows } = await sql<{ v: string }>`select sqlite_version() as v`.execute(db);
    return `SQLite ${rows[0].v}`;
  } finally {
    await db.destroy();
  }
}

/** The PostgreSQL URL without its password, for printing. */
export function describeBenchDatabase(): string {
  if (!benchPostgresUrl) return "a new SQLite file per benchmark";
  const url = new URL(benchPostgresUrl);
  if (url.password) url.password = "***";
  return `${url.toString()}, a new schema per benchmark database, dropped after`;
}
