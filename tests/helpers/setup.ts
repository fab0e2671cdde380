import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { createTestDatabase, dropTestDatabase } from "./test-database";

// Runs before each test file, in that file's own module context: a temporary data folder, a
// database of its own (a SQLite file in that folder, or with TEST_DATABASE_URL a PostgreSQL
// schema), migrations and the reference data (the capital cities) applied. Nothing is shared
// between files, so they can run in parallel. No demo: a test builds its data with
// tests/factories; only the tests of the demo itself call `useDemo()` (tests/helpers/demo.ts).
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "convoca-test-"));
process.env.DATA_DIR = dataDir;
process.env.DATABASE_URL = await createTestDatabase(dataDir);
process.env.UPLOADS_DIR = path.join(dataDir, "uploads");
process.env.MAIL_WORKER = "off";
process.env.SEED_DEMO = "off";
delete process.env.SMTP_URL;

beforeAll(async () => {
  const { getDb } = await import("~/server/db.server");
  const { prepareDatabase } = await import("~/server/startup.server");
  await prepareDatabase(getDb());
});

afterAll(async () => {
  const { closeDb } = await import("~/server/db.server");
  await closeDb();
  await dropTestDatabase(process.env.DATABASE_URL ?? "");
  fs.rmSync(dataDir, { recursive: true, force: true });
});
