// Started twice at once by smtp.test.ts: the messages step run in a process of its own on the
// test's database, at the instant NOW says (the test's clock). It says "ready" once loaded and
// waits for "go" on stdin, so that the two runs start together however long each took to start.
import { runMessages } from "~/features/messages/scheduler.server";
import { closeDb, getDb } from "~/server/db.server";

await getDb().selectFrom("cities").select("id").limit(1).execute();
console.log("ready");
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
process.stdin.destroy(); // else the open pipe keeps the process alive
const result = await runMessages(getDb(), new Date(process.env.NOW!), { runner: process.env.RUNNER, batchSize: 7 });
await closeDb();
console.log(JSON.stringify({ sent: result.sent, mails: result.mails }));
