import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { enqueueEmail } from "~/features/mail/outbox.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { useSmtpDelivery } from "../helpers/smtp-delivery";
import { sampleData } from "./fixtures";

// `npm run worker` in a process of its own (what runs beside a web server started with
// MAIL_WORKER=off): it sends what the outbox holds to a real SMTP server, records it, and stops
// cleanly on SIGTERM.

const smtp = useSmtpDelivery();

async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe("npm run worker", () => {
  it("delivers the outbox on its own and stops cleanly on SIGTERM", { timeout: 60_000 }, async () => {
    const db = getDb();
    await db.deleteFrom("email_outbox").execute();
    for (const to of ["uno@example.test", "dos@example.test"]) {
      await enqueueEmail(db, { key: `worker-test:${to}`, to, template: "sign-in-link", locale: "es", data: sampleData["sign-in-link"] });
    }
    const worker = spawn(process.execPath, ["--import", "tsx", "app/cli/worker.ts"], {
      env: { ...process.env, DATABASE_URL: getEnv().databaseUrl, SMTP_URL: smtp.sink.url, MAIL_RATE: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    worker.stdout.on("data", (d) => (output += d));
    worker.stderr.on("data", (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => worker.on("exit", (code) => resolve(code)));

    // The worker also runs the follow-up scheduler, whose demo reminders may arrive too: count ours.
    const ours = () => smtp.sink.received.flatMap((m) => m.to).filter((to) => to.endsWith("@example.test"));
    const delivered = await until(async () => ours().length >= 2, 30_000);
    expect(delivered, output).toBe(true);
    expect(ours().sort()).toEqual(["dos@example.test", "uno@example.test"]);
    const pendingOfOurs = () =>
      db.selectFrom("email_outbox").select("status").where("idempotency_key", "like", "worker-test:%").where("status", "!=", "sent").execute();
    expect(await until(async () => (await pendingOfOurs()).length === 0, 10_000)).toBe(true);
    expect(output).not.toContain(smtp.sink.url); // SMTP_URL may carry a password: never printed

    worker.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(ours()).toHaveLength(2);
  });
});
