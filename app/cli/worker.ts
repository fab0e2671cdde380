// npm run worker — sends the outbox's mail and decides commitment reminders in a process of its own. Run it when the web
// server has MAIL_WORKER=off (or beside it: claims are atomic, two workers never send the
// same row). SIGTERM or Ctrl-C lets the batch in flight finish and be recorded first.
import { startBackgroundWork } from "~/server/background.server";
import { prepareDatabase } from "~/server/startup.server";
import { closeDb, getDb } from "~/server/db.server";
import { getEnvAtStart } from "~/server/env.server";
import { describeDatabaseUrl } from "~db/client";

const env = getEnvAtStart({ signsLinks: true });
await prepareDatabase(getDb());
const stopBackgroundWork = startBackgroundWork(env, { in: "worker", log: (line) => console.log(line) });

// Never print SMTP_URL itself: it usually carries the password.
const via = env.smtpUrl ? `SMTP ${new URL(env.smtpUrl).host}` : "transporte integrado (sin SMTP_URL: los correos se ven en /admin/correo)";
console.log(
  `Seguimiento de compromisos en marcha (cada minuto). Despachador de correo en marcha: ${via}; remitente ${env.mailFrom}; base de datos ${describeDatabaseUrl(env.databaseUrl)}.`,
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: terminando el lote en curso…`);
  await stopBackgroundWork();
  await closeDb();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
