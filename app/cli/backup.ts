// npm run db:backup — a consistent copy of the live database, safe while the app is running:
// a SQLite .db file, or on PostgreSQL a pg_dump .dump (only the URL's ?schema= when it names one).
import { backupDatabase } from "~db/backup";
import { getEnvAtStart } from "~/server/env.server";

const env = getEnvAtStart();
try {
  const file = await backupDatabase(env.databaseUrl, env.backupsDir);
  console.log(`Copia de seguridad verificada: ${file}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
