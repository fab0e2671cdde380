import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { sampleData } from "../mail/fixtures";
import { withBenchDatabase } from "./database";
import type { BenchResult } from "./run";

// 1,000 registration confirmations (HTML, text and an .ics attachment each) written to the
// outbox, then delivered by the real dispatcher loop over pooled SMTP to a local smtp-server.
// No rate limit: this measures what the dispatcher can do, not what MAIL_RATE allows.

export async function benchMail(count = 1000): Promise<BenchResult> {
  return withBenchDatabase("mail", async (db) => {
    const { enqueueEmails } = await import("~/features/mail/outbox.server");
    const { startMailWorker } = await import("~/features/mail/dispatcher.server");
    const { createMailTransport } = await import("~/features/mail/transport.server");
    const sink = await startSinkProcess();
    const transport = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${sink.port}`, ratePerSecond: 0, maxConnections: 5 });
    try {
      const enqueueStart = performance.now();
      await db.transaction().execute((trx) =>
        enqueueEmails(
          trx,
          Array.from({ length: count }, (_, i) => ({
            key: `bench:${i}`,
            to: `persona${i}@example.test`,
            template: "registration-confirmed" as const,
            locale: i % 2 ? ("en" as const) : ("es" as const),
            data: sampleData["registration-confirmed"],
          })),
        ),
      );
      const enqueueMs = performance.now() - enqueueStart;

      const start = performance.now();
      const stop = startMailWorker({ db, transport, from: "Convoca <no-responder@convoca.test>", batchSize: 50, pollMs: 100, log: () => {} });
      while ((await db.selectFrom("email_outbox").select("id").where("status", "!=", "sent").limit(1).execute()).length) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const seconds = (performance.now() - start) / 1000;
      await stop();

      const received = await sink.ask<{ received: number }>("count");
      if (received.received !== count) throw new Error(`El servidor SMTP recibió ${received.received} de ${count} correos`);
      return {
        name: "mail",
        value: Math.round(count / seconds),
        unit: "mensajes/s",
        goal: { min: 300 },
        details: `${count} correos entregados en ${seconds.toFixed(2)} s (5 conexiones SMTP, lotes de 50, sin límite de tasa); encolar ${count} en una transacción: ${enqueueMs.toFixed(0)} ms`,
      };
    } finally {
      transport.close();
      sink.child.send("close");
    }
  });
}

async function startSinkProcess() {
  const child: ChildProcess = fork(path.join(import.meta.dirname, "smtp-sink-process.ts"), { execArgv: ["--import", "tsx"] });
  const next = <T>() => new Promise<T>((resolve) => child.once("message", (m) => resolve(m as T)));
  const { port } = await next<{ port: number }>();
  return {
    child,
    port,
    ask<T>(question: string): Promise<T> {
      const answer = next<T>();
      child.send(question);
      return answer;
    },
  };
}
