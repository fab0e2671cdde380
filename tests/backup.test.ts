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
