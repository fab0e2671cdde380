// npm run db:restore -- <backup file> [--force] — stop the server first; the copy is checked
// before use. On PostgreSQL a schema whose Convoca tables hold rows is replaced only with --force.
import { restoreDatabase } from "~db/backup";
import { restorePostgres } from "~db/backup-postgres";
import { isPostgresUrl, sqlitePathFromUrl } from "~db/client";
import { getEnvAtStart } from "~/server/env.server";

const args = process.argv.slice(2);
const backup = args.find((a) => !a.startsWith("--"));
if (!backup) {
  console.error(
    "Uso: npm run db:restore -- data/backups/convoca-AAAA-MM-DD….db   (detenga el servidor antes)\n" +
      "     con PostgreSQL: npm run db:restore -- data/backups/convoca-AAAA-MM-DD….dump [--force]",
  );
  process.exit(2);
}
try {
  const url = getEnvAtStart().databaseUrl;
  if (isPostgresUrl(url)) {
    const schema = await restorePostgres(backup, url, { force: args.includes("--force") });
    console.log(`Restaurada ${backup} en el esquema ${schema}. Ya puede iniciar el servidor.`);
  } else {
    const target = sqlitePathFromUrl(url);
    restoreDatabase(backup, target);
    console.log(`Restaurada ${backup} en ${target}. Ya puede iniciar el servidor.`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
