// npm run db:backup — a consistent copy of the live database, safe while the app is running.
import { backupDatabase } from "~db/backup";
import { sqlitePathFromUrl } from "~db/client";
import { getEnv } from "~/utils/env.server";

const env = getEnv();
const file = await backupDatabase(sqlitePathFromUrl(env.databaseUrl), env.backupsDir);
console.log(`Copia de seguridad verificada: ${file}`);
