// npm run db:migrate — applies pending migrations (the server also does this when it starts).
import { migrateToLatest } from "~db/migrate";
import { closeDb, getDb } from "~/server/db.server";
import { getEnvAtStart } from "~/server/env.server";
import { describeDatabaseUrl } from "~db/client";

const env = getEnvAtStart();
const result = await migrateToLatest(getDb());
const applied = result.results?.filter((r) => r.status === "Success").map((r) => r.migrationName) ?? [];
console.log(applied.length ? `Migraciones aplicadas: ${applied.join(", ")}` : "La base de datos ya estaba al día.");
console.log(`Base de datos: ${describeDatabaseUrl(env.databaseUrl)}`);
await closeDb();
