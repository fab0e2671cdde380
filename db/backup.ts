import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { dumpPostgres } from "./backup-postgres";
import { isPostgresUrl, openSqlite, sqlitePathFromUrl } from "./client";

// SQLite's online backup copies a consistent snapshot page by page while the app keeps writing;
// PostgreSQL's copy is a pg_dump (./backup-postgres).

export function backupFileName(now = new Date(), extension: ".db" | ".dump" = ".db"): string {
  return `convoca-${now.toISOString().replace(/[:.]/g, "-")}${extension}`;
}

/** A checked copy of the database at `databaseUrl` (either engine) in `backupsDir`; returns its path. */
export async function backupDatabase(databaseUrl: string, backupsDir: string, now = new Date()): Promise<string> {
  fs.mkdirSync(backupsDir, { recursive: true });
  if (isPostgresUrl(databaseUrl)) {
    const target = path.join(backupsDir, backupFileName(now, ".dump"));
    await dumpPostgres(databaseUrl, target);
    return target;
  }
  const target = path.join(backupsDir, backupFileName(now));
  const source = openSqlite(sqlitePathFromUrl(databaseUrl));
  try {
    // A write from another connection between two steps restarts SQLite's online backup, so a
    // page-by-page copy of a busy database may never finish: after the first step, copy the
    // rest in one (a read transaction; in WAL mode the app's writers go on meanwhile).
    await source.backup(target, { progress: ({ totalPages }) => Math.max(100, totalPages) });
  } finally {
    source.close();
  }
  const problem = integrityProblem(target);
  if (problem) {
    fs.rmSync(target, { force: true });
    throw new Error(`La copia no pasó la verificación de integridad: ${problem}`);
  }
  return target;
}

/** null when `PRAGMA integrity_check` says ok and the file is a Convoca database. */
export function integrityProblem(file: string): string | null {
  if (!fs.existsSync(file)) return "el archivo no existe";
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma("integrity_check") as { integrity_check: string }[];
    if (rows.length !== 1 || rows[0].integrity_check !== "ok") return rows.map((r) => r.integrity_check).join("; ");
    const tables = db.prepare("select name from sqlite_master where type = 'table' and name in ('encounters', 'kysely_migration')").all();
    return tables.length === 2 ? null : "no parece una base de datos de Convoca";
  } catch (error) {
    return (error as Error).message;
  } finally {
    db?.close();
  }
}

/** Replaces the live file with a checked backup. The server must be stopped first. */
export function restoreDatabase(backupFile: string, targetFile: string): void {
  const problem = integrityProblem(backupFile);
  if (problem) throw new Error(`La copia no se restauró: ${problem}`);
  fs.mkdirSync(path.dirname(path.resolve(targetFile)), { recursive: true });
  const staging = `${targetFile}.restoring`;
  fs.copyFileSync(backupFile, staging);
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(targetFile + suffix, { force: true });
  fs.renameSync(staging, targetFile);
}

export function latestBackup(backupsDir: string): { file: string; at: string } | null {
  if (!fs.existsSync(backupsDir)) return null;
  const files = fs
    .readdirSync(backupsDir)
    .filter((f) => /^convoca-.*\.(db|dump)$/.test(f))
    .map((f) => ({ file: path.join(backupsDir, f), at: fs.statSync(path.join(backupsDir, f)).mtime.toISOString() }))
    .sort((a, b) => b.at.localeCompare(a.at));
  return files[0] ?? null;
}
