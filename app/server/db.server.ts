import { createDb, type DB } from "~db/client";
import { getEnv } from "./env.server";

// One handle per process, kept on globalThis so that Remix dev reloads (which re-import the
// server build) and the custom server (which imports from source) all share it.
const key = Symbol.for("convoca.db");
type Holder = { [key]?: { url: string; db: DB } };

export function getDb(): DB {
  const holder = globalThis as Holder;
  const { databaseUrl: url, databasePoolSize: poolSize } = getEnv();
  if (!holder[key] || holder[key].url !== url) holder[key] = { url, db: createDb(url, { poolSize }) };
  return holder[key].db;
}

export async function closeDb(): Promise<void> {
  const holder = globalThis as Holder;
  const current = holder[key];
  holder[key] = undefined;
  await current?.db.destroy();
}
