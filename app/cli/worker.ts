// npm run worker — sends the outbox's mail and decides commitment reminders in a process of its own. Run it when the web
// server has MAIL_WORKER=off (or beside it: claims are atomic, two workers never send the
// same row). SIGTERM or Ctrl-C lets the batch in flight finish and be recorded first.
import { startFollowUpScheduler } from "~/features/commitments/follow-up/scheduler.server";
import { startMailWorker } from "~/features/mail/dispatcher.server";
import { prepareDatabase } from "~/server/startup.server";
import { closeDb, getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { describeDatabaseUrl } from "~db/client";

const env = getEnv();
await prepareDatabase(getDb());
const stopMail = startMailWorker({ log: (message) => console.log(`[correo] ${message}`) });
const stopFollowUp = startFollowUpScheduler({ log: (message) => console.log(`[seguimiento] ${message}`) });

// Never print SMTP_URL itself: it usually carries the password.
const via = env.smtpUrl ? `SMTP ${new URL(env.smtpUrl).host}` : "transporte integrado (sin SMTP_URL: los correos se ven en /admin/correo)";
console.log(`Seguimiento de compromisos en marcha (cada minuto). Despachador de correo en marcha: ${via}; remitente ${env.mailFrom}; base de datos ${describeDatabaseUrl(env.databaseUrl)}.`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: terminando el lote en curso…`);
  await Promise.all([stopMail(), stopFollowUp()]);
  await closeDb();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
