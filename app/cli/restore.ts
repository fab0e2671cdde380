// npm run db:restore -- <backup file> — stop the server first; the copy is checked before use.
import { restoreDatabase } from "~db/backup";
import { sqlitePathFromUrl } from "~db/client";
import { getEnv } from "~/utils/env.server";

const backup = process.argv[2];
if (!backup) {
  console.error("Uso: npm run db:restore -- data/backups/convoca-AAAA-MM-DD….db   (detenga el servidor antes)");
  process.exit(2);
}
try {
  const target = sqlitePathFromUrl(getEnv().databaseUrl);
  restoreDatabase(backup, target);
  console.log(`Restaurada ${backup} en ${target}. Ya puede iniciar el servidor.`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
