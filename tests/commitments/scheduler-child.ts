// Started twice at once by follow-up.test.ts: a follow-up scheduler run in a process of its own
// on the test's database file, starting at RUN_AT (epoch ms) so that the two runs overlap.
import { runFollowUp } from "~/services/follow-up-scheduler.server";
import { closeDb, getDb } from "~/utils/db.server";

const wait = Number(process.env.RUN_AT) - Date.now();
if (wait > 0) await new Promise((r) => setTimeout(r, wait));
const result = await runFollowUp(getDb(), new Date(process.env.NOW!), { runner: process.env.RUNNER, batchSize: 10 });
await closeDb();
console.log(JSON.stringify({ due: result.due, written: result.written, mails: result.mails }));
