import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { backupDatabase, integrityProblem, latestBackup, restoreDatabase } from "~db/backup";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

describe("backups", () => {
  it("copies the live database while it is being written, and the copy checks out", async () => {
    const env = getEnv();
    const db = getDb();
    let writing = true;
    const writer = (async () => {
      let i = 0;
      while (writing) {
        await db.insertInto("audit_log").values({ actor: "test", action: "write", entity: "x", entity_id: String(i++) }).execute();
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
    const writer = spawn(process.execPath, ["-e", writerSource, env.databaseUrl], { stdio: ["pipe", "pipe", "inherit"] });
    let output = "";
    writer.stdout.on("data", (d) => (output += d));
    await new Promise<void>((resolve) => writer.stdout.on("data", () => output.includes("writing") && resolve()));
    const files: string[] = [];
    for (let n = 0; n < 3; n++) files.push(await backupDatabase(env.databaseUrl, env.backupsDir, new Date(Date.now() + 10_000 * (n + 2))));
    writer.stdin.write("stop");
    await new Promise((resolve) => writer.on("exit", resolve));
    const wrote = Number(/wrote (\d+)/.exec(output)?.[1]);
    expect(wrote).toBeGreaterThan(20);

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
