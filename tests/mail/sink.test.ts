import net from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink";

// Issue #14, item 33: a client killed in the middle of a message (tests/mail/crash.test.ts
// kills a worker with SIGKILL) made the sink's message reader reject with "Connection closed
// before the message was received in full", unhandled, and vitest failed the whole run. A
// half-sent message is simply not received; the sink keeps serving.

let sink: SmtpSink;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  sink = await startSmtpSink();
});
afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  await sink.close();
});

/** Speaks SMTP up to the middle of a message's data, then drops the connection. */
function dropInsideData(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const script = ["EHLO cliente.test", "MAIL FROM:<a@example.test>", "RCPT TO:<b@example.test>", "DATA"];
    let buffered = "";
    socket.on("error", reject);
    socket.on("close", () => resolve());
    socket.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const lines = buffered.split("\r\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        // A final reply line ("250 ...", "354 ..."), not a continuation ("250-...").
        if (!/^\d{3} /.test(line)) continue;
        if (line.startsWith("354")) {
          socket.write("Subject: a medias\r\n\r\nEl cuerpo empieza y no termina");
          setTimeout(() => socket.destroy(), 50);
          return;
        }
        const next = script.shift();
        if (next) socket.write(`${next}\r\n`);
      }
    });
  });
}

it("drops a message whose client went away mid-data, without an unhandled rejection", async () => {
  for (let i = 0; i < 3; i++) await dropInsideData(sink.port);
  // The server notices the closed sockets on its next turns of the event loop.
  await new Promise((r) => setTimeout(r, 200));
  expect(sink.received).toEqual([]);
  expect(unhandled.map(String)).toEqual([]);
});
