// Started by crash.test.ts as a separate process (`npx tsx`): a mail worker on the test's
// database file (DATABASE_URL) and SMTP sink (SMTP_URL), killed or stopped by the test.
import { startMailWorker } from "~/features/mail/dispatcher.server";
import { closeDb } from "~/server/db.server";

const stop = startMailWorker({
  batchSize: Number(process.env.CHILD_BATCH_SIZE ?? 10),
  pollMs: 50,
  sweepEveryMs: 60_000,
  // The restarted worker passes 0 so that it takes back its killed predecessor's rows at once.
  stuckAfterMinutes: Number(process.env.CHILD_STUCK_AFTER_MINUTES ?? 15),
  log: (message) => console.error(message),
});

process.on("SIGTERM", async () => {
  await stop();
  await closeDb();
  process.exit(0);
});
console.log("ready");
