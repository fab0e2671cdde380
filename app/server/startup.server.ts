import type { DB } from "~db/client";
import { migrateToLatest } from "~db/migrate";
import { seed } from "~db/seed";
import { getEnv } from "~/server/env.server";

/** Migrations, then reference data, then (outside production, on an empty database) the demo. */
export async function prepareDatabase(db: DB, env = getEnv()): Promise<{ demoSeeded: boolean }> {
  await migrateToLatest(db);
  return seed(db, { demo: env.seedDemo, uploadsDir: env.uploadsDir });
}
