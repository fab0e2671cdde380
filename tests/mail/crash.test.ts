import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { messageIdFor } from "~/features/mail/transport.server";
import { enqueueEmail } from "~/features/mail/outbox.server";
import { getDb } from "~/server/db.server";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink";
import { sampleData } from "./fixtures";

// A worker is killed with SIGKILL while a batch is in flight, then a new one is started.
// Every message must arrive, and only messages that were in flight may arrive twice.

const total = 60;
const killAtMessage = 15;
const from = "Convoca <no-responder@convoca.test>";
let sink: SmtpSink;
let firstWorker: ChildProcess | null = null;
let arrivals = 0;

const children: ChildProcess[] = [];

// `node --import tsx` rather than `npx tsx`: npx and tsx's own CLI each add a parent process,
// and a SIGKILL to a parent would leave the real worker running as an orphan.
function startWorker(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/mail/dispatcher-child.ts"], {
    env: { ...process.env, SMTP_URL: sink.url, MAIL_FROM: from, MAIL_RATE: "0", CHILD_BATCH_SIZE: "10", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(`[worker ${child.pid}] ${chunk}`));
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve({ code: child.exitCode, signal: child.signalCode });
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });

beforeAll(async () => {
  sink = await startSmtpSink({
    answerDelayMs: 5,
    // Kill the worker while this message is inside the SMTP conversation: it is certainly in
    // flight, and the sink keeps it as a server that accepted it would.
    reply: () => {
      arrivals += 1;
      if (arrivals === killAtMessage) firstWorker?.kill("SIGKILL");
      return undefined;
    },
  });
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await sink.close();
});

async function outboxByStatus() {
  return getDb().selectFrom("email_outbox").select(["id", "idempotency_key", "status"]).execute();
}

it("delivers every message after a SIGKILL mid-batch, duplicating at most those in flight", async () => {
  const db = getDb();
  await db.deleteFrom("email_outbox").execute();
  const keys = Array.from({ length: total }, (_, i) => `crash:${i}`);
  await db.transaction().execute(async (trx) => {
    for (const [i, key] of keys.entries()) {
      await enqueueEmail(trx, { key, to: `persona${i}@example.test`, template: "sign-in-link", locale: "es", data: sampleData["sign-in-link"] });
    }
  });

  firstWorker = startWorker({});
  expect(await exited(firstWorker)).toEqual({ code: null, signal: "SIGKILL" });

  const afterKill = await outboxByStatus();
  const inFlight = afterKill.filter((r) => r.status === "sending").map((r) => r.idempotency_key);
  expect(inFlight.length).toBeGreaterThan(0);
  expect(afterKill.filter((r) => r.status === "sent").length).toBeLessThan(total);

  const secondWorker = startWorker({ CHILD_STUCK_AFTER_MINUTES: "0" });
  try {
    const deadline = Date.now() + 30_000;
    while ((await outboxByStatus()).some((r) => r.status !== "sent")) {
      if (Date.now() > deadline) throw new Error("the restarted worker did not deliver everything");
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    secondWorker.kill("SIGTERM");
  }
  // SIGTERM is a clean stop: the batch is recorded, the process exits 0.
  expect(await exited(secondWorker)).toEqual({ code: 0, signal: null });

  const expectedIds = new Map(keys.map((key) => [messageIdFor(key, from), key]));
  const seen = new Map<string, number>();
  for (const mail of sink.received) seen.set(mail.messageId ?? "?", (seen.get(mail.messageId ?? "?") ?? 0) + 1);
  expect([...seen.keys()].sort()).toEqual([...expectedIds.keys()].sort());

  const duplicated = [...seen.entries()].filter(([, n]) => n > 1);
  expect(duplicated.every(([, n]) => n === 2)).toBe(true);
  expect(duplicated.length).toBeLessThanOrEqual(inFlight.length);
  for (const [messageId] of duplicated) expect(inFlight).toContain(expectedIds.get(messageId));
  expect(sink.received.length).toBe(total + duplicated.length);
});
