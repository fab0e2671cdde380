import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { backupDatabase, integrityProblem, latestBackup, restoreDatabase } from "~db/backup";
import { readDump, restorePostgres } from "~db/backup-postgres";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { createTestDatabase, dropTestDatabase, onServer, testDialect, testPostgresUrl } from "../helpers/test-database";

// The SQLite file's online backup here; pg_dump and pg_restore further down, each run on its engine.
// Each engine has its own way of copying a live database; a run tests the engine it is on.
if (testDialect === "sqlite")
  describe("backups", () => {
    it("copies the live database while it is being written, and the copy checks out", async () => {
      const env = getEnv();
      const db = getDb();
      let writing = true;
      const writer = (async () => {
        let i = 0;
        while (writing) {
          await db
            .insertInto("audit_log")
            .values({ actor: "test", action: "write", entity: "x", entity_id: String(i++) })
            .execute();
          await new Promise((r) => setImmediate(r));
        }
        return i;
      })();
      const file = await backupDatabase(env.databaseUrl, env.backupsDir);
      writing = false;
      await writer;
      expect(integrityProblem(file)).toBeNull();
      const copy = new SQLite(file, { readonly: true });
      expect((copy.prepare("select count(*) n from cities").get() as { n: number }).n).toBe(32);
      copy.close();
      expect(latestBackup(env.backupsDir)?.file).toBe(file);
    });

    it("restores a copy taken while another process writes as fast as it can", async () => {
      const env = getEnv();
      // Another process, its own connection, committing one row at a time until told to stop.
      const writerSource = `
      const SQLite = require("better-sqlite3");
      const db = new SQLite(process.argv[1]);
      db.pragma("busy_timeout = 5000");
      const insert = db.prepare("insert into audit_log (actor, action, entity, entity_id) values ('other-process', 'write', 'x', ?)");
      let i = 0, stop = false;
      process.stdin.on("data", () => { stop = true; });
      (function loop() {
        for (let k = 0; k < 20 && !stop; k++) insert.run(String(i++));
        if (i === 20) process.stdout.write("writing\\n");
        if (stop) { db.close(); process.stdout.write("wrote " + i + "\\n"); process.exit(0); }
        setImmediate(loop);
      })();`;
      const { files, wrote } = await backupsWhileWriting(writerSource, [env.databaseUrl]);

      const copied: number[] = [];
      for (const [n, file] of files.entries()) {
        const target = path.join(env.backupsDir, `restored-under-load-${n}.db`);
        restoreDatabase(file, target);
        expect(integrityProblem(target)).toBeNull();
        const restored = new SQLite(target, { readonly: true });
        const rows = restored.prepare("select entity_id from audit_log where actor = 'other-process' order by id").all() as { entity_id: string }[];
        expect((restored.prepare("select count(*) n from cities").get() as { n: number }).n).toBe(32);
        restored.close();
        // A consistent copy holds a prefix of the writer's rows: 0, 1, 2, … with no gap.
        expect(rows.map((r) => Number(r.entity_id))).toEqual(rows.map((_, i) => i));
        copied.push(rows.length);
      }
      expect(copied[copied.length - 1]).toBeGreaterThan(0);
      expect(copied[copied.length - 1]).toBeLessThanOrEqual(wrote);
    });

    it("refuses to restore a damaged or foreign file", () => {
      const dir = getEnv().backupsDir;
      const junk = path.join(dir, "junk.db");
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(junk, "not a database at all");
      expect(() => restoreDatabase(junk, path.join(dir, "target.db"))).toThrow(/no se restauró/);
      expect(fs.existsSync(path.join(dir, "target.db"))).toBe(false);
      const empty = path.join(dir, "empty.db");
      new SQLite(empty).close();
      expect(integrityProblem(empty)).toMatch(/Convoca/);
    });

    it("restores a checked backup into place", async () => {
      const env = getEnv();
      const file = await backupDatabase(env.databaseUrl, env.backupsDir, new Date(Date.now() + 1000));
      const target = path.join(env.backupsDir, "restored.db");
      restoreDatabase(file, target);
      expect(integrityProblem(target)).toBeNull();
    });
  });

const onTestServer = <T>(work: (client: pg.Client) => Promise<T>) => onServer(testPostgresUrl()!, work);

const schemaOf = (url: string) => new URL(url).searchParams.get("schema")!;

/** Rows in every table of a schema, Kysely's own included. */
function tableCounts(schema: string): Promise<Record<string, number>> {
  return onTestServer(async (c) => {
    const tables = await c.query("select tablename from pg_tables where schemaname = $1 order by 1", [schema]);
    const counts: Record<string, number> = {};
    for (const { tablename } of tables.rows) {
      counts[tablename] = (await c.query(`select count(*) as n from "${schema}"."${tablename}"`)).rows[0].n;
    }
    return counts;
  });
}

/** A schema of its own for a restore, dropped when the work is done. */
async function inFreshSchema(work: (url: string, schema: string) => Promise<void>): Promise<void> {
  const url = await createTestDatabase(getEnv().dataDir);
  try {
    await work(url, schemaOf(url));
  } finally {
    await dropTestDatabase(url);
  }
}

// The npm scripts themselves, as an operator runs them.
function cli(script: "backup" | "restore", env: Record<string, string>, args: string[] = []) {
  return new Promise<{ code: number; out: string }>((resolve) => {
    const tsx = path.resolve("node_modules/.bin/tsx");
    const child = execFile(tsx, [`app/cli/${script}.ts`, ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, out: stdout + stderr }),
    );
    child.stdin?.end();
  });
}

if (testDialect === "postgres")
  describe("backups on PostgreSQL", () => {
    it("restores dumps taken while another process commits rows to two tables, each as one snapshot", async () => {
      const env = getEnv();
      const schema = schemaOf(env.databaseUrl);
      // Another process, its own connection, committing a row to audit_log and one to
      // rate_limits in each transaction until told to stop: a copy that is not one snapshot
      // shows a gap, or more rows in the table it read later.
      const writerSource = `
      const pg = require("pg");
      const client = new pg.Client({ connectionString: process.argv[1], options: "-c search_path=" + process.argv[2] });
      let i = 0, stop = false;
      process.stdin.on("data", () => { stop = true; });
      (async () => {
        await client.connect();
        while (!stop) {
          await client.query("begin");
          await client.query("insert into audit_log (actor, action, entity, entity_id) values ('other-process', 'write', 'x', $1)", [String(i)]);
          await client.query("insert into rate_limits (key, window_started_at, hits) values ($1, 'x', 1)", ["backup-writer-" + i]);
          await client.query("commit");
          if (++i === 20) process.stdout.write("writing\\n");
        }
        await client.end();
        process.stdout.write("wrote " + i + "\\n");
        process.exit(0);
      })();`;
      const { files, wrote } = await backupsWhileWriting(writerSource, [testPostgresUrl()!, schema]);
      expect(files.every((f) => f.endsWith(".dump"))).toBe(true);
      expect(latestBackup(env.backupsDir)?.file).toBe(files[2]);

      const live = await tableCounts(schema);
      const copied: number[] = [];
      for (const file of files) {
        await inFreshSchema(async (url, fresh) => {
          await restorePostgres(file, url);
          const rows = await onTestServer((c) => c.query(`select entity_id from "${fresh}".audit_log where actor = 'other-process' order by id`));
          const n = rows.rowCount ?? 0;
          // A prefix of the writer's rows, 0, 1, 2, … with no gap, and every other table as it is now.
          expect(rows.rows.map((r) => Number(r.entity_id))).toEqual(rows.rows.map((_, i) => i));
          expect(await tableCounts(fresh)).toEqual({ ...live, audit_log: live.audit_log - wrote + n, rate_limits: live.rate_limits - wrote + n });
          copied.push(n);
        });
      }
      expect(copied[copied.length - 1]).toBeGreaterThan(0);
      expect(copied[copied.length - 1]).toBeLessThanOrEqual(wrote);
    }, 60_000);

    it("refuses to restore over Convoca's rows without --force, and never prints the URL's password", async () => {
      const env = getEnv();
      const withPassword = new URL(env.databaseUrl);
      withPassword.password = "not-printed-7f3a";
      const backup = await cli("backup", { DATABASE_URL: withPassword.toString(), BACKUPS_DIR: env.backupsDir });
      expect(backup).toMatchObject({ code: 0, out: expect.stringMatching(/Copia de seguridad verificada: .*\.dump/) });
      const file = /verificada: (\S+)/.exec(backup.out)![1];

      const before = await tableCounts(schemaOf(env.databaseUrl));
      const refused = await cli("restore", { DATABASE_URL: withPassword.toString() }, [file]);
      expect(refused.code).toBe(1);
      expect(refused.out).toMatch(/ya tiene datos de Convoca.*no se restauró nada.*--force/s);
      for (const { out } of [backup, refused]) expect(out).not.toContain("not-printed-7f3a");
      expect(await tableCounts(schemaOf(env.databaseUrl))).toEqual(before);

      await inFreshSchema(async (url, fresh) => {
        await restorePostgres(file, url);
        await onTestServer((c) => c.query(`update "${fresh}".cities set name = 'cambiada' where id = 1`));
        await expect(restorePostgres(file, url)).rejects.toThrow(/--force/);
        // A forced restore that breaks off midway (a truncated dump) changes nothing.
        const truncated = path.join(env.backupsDir, "truncated.dump");
        // Cut where `pg_restore --list` still reads the dump, so that the restore itself breaks
        // off (a cut in the table of contents is refused before anything starts).
        for (const share of [0.99, 0.98, 0.97, 0.95, 0.9]) {
          fs.writeFileSync(truncated, fs.readFileSync(file).subarray(0, Math.floor(fs.statSync(file).size * share)));
          if (!(await readDump(truncated)).problem) break;
        }
        await expect(restorePostgres(truncated, url, { force: true })).rejects.toThrow(/quedó como estaba/);
        const name = () => onTestServer((c) => c.query(`select name from "${fresh}".cities where id = 1`)).then((r) => r.rows[0].name);
        expect(await name()).toBe("cambiada");
        await restorePostgres(file, url, { force: true });
        expect(await name()).not.toBe("cambiada");
        expect(await tableCounts(fresh)).toEqual(before);
      });
    }, 60_000);

    it("refuses a foreign file, and keeps no dump that is not Convoca's or did not finish", async () => {
      const env = getEnv();
      const junk = path.join(env.backupsDir, "junk.dump");
      fs.mkdirSync(env.backupsDir, { recursive: true });
      fs.writeFileSync(junk, "not a dump at all");
      expect((await readDump(junk)).problem).toBeTruthy();
      await expect(restorePostgres(junk, env.databaseUrl, { force: true })).rejects.toThrow(/no se restauró/);

      const dir = path.join(env.dataDir, "refused-backups");
      await inFreshSchema(async (url) => {
        await expect(backupDatabase(url, dir)).rejects.toThrow(/no pasó la verificación.*Convoca/);
      });
      const unreachable = new URL(env.databaseUrl);
      unreachable.port = "1";
      unreachable.password = "never-shown-91c2";
      const failed = await backupDatabase(unreachable.toString(), dir).catch((error: Error) => error);
      expect(failed).toBeInstanceOf(Error);
      expect((failed as Error).message).toMatch(/pg_dump no pudo hacer la copia/);
      expect((failed as Error).message).not.toContain("never-shown-91c2");
      expect(fs.readdirSync(dir)).toEqual([]);
      expect(latestBackup(dir)).toBeNull();
    });
  });

/**
 * Starts a writer process (it prints "writing" once under way, and "wrote N" when its stdin
 * says stop), takes three backups while it writes, then stops it.
 */
async function backupsWhileWriting(writerSource: string, args: string[]): Promise<{ files: string[]; wrote: number }> {
  const env = getEnv();
  const writer = spawn(process.execPath, ["-e", writerSource, ...args], { stdio: ["pipe", "pipe", "inherit"] });
  let output = "";
  writer.stdout.on("data", (d) => (output += d));
  await new Promise<void>((resolve) => writer.stdout.on("data", () => output.includes("writing") && resolve()));
  const files: string[] = [];
  for (let n = 0; n < 3; n++) files.push(await backupDatabase(env.databaseUrl, env.backupsDir, new Date(Date.now() + 10_000 * (n + 2))));
  writer.stdin.write("stop");
  await new Promise((resolve) => writer.on("exit", resolve));
  const wrote = Number(/wrote (\d+)/.exec(output)?.[1]);
  expect(wrote).toBeGreaterThan(20);
  return { files, wrote };
}
