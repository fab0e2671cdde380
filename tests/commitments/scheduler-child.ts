// Started twice at once by follow-up.test.ts: a follow-up scheduler run in a process of its own
// on the test's database file. It says "ready" once loaded and waits for "go" on stdin, so
// that the two runs start together however long each process took to start; then "decided"
// once it has looked up what is due, and waits for "write", so that both runs always race for
// the same keys (on a fast or a loaded machine alike).
import { runFollowUp } from "~/features/commitments/follow-up/scheduler.server";
import { closeDb, getDb } from "~/server/db.server";

await getDb().selectFrom("cities").select("id").limit(1).execute();
console.log("ready");
const nextLine = () => new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
await nextLine();
const result = await runFollowUp(getDb(), new Date(process.env.NOW!), {
  runner: process.env.RUNNER,
  batchSize: 10,
  beforeWrite: async () => {
    console.log("decided");
    await nextLine();
    process.stdin.destroy(); // else the open pipe keeps the process alive
  },
});
await closeDb();
console.log(JSON.stringify({ due: result.due, written: result.written, mails: result.mails }));
