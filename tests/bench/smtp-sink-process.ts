// The benchmark's SMTP server, in a process of its own (as a real one would be), so that the
// figure measures the dispatcher rather than the two sharing one CPU. Talks over fork's IPC.
import { startSmtpSink } from "../helpers/smtp-sink";

const sink = await startSmtpSink();
process.send?.({ port: sink.port });
process.on("message", async (message: string) => {
  if (message === "count") process.send?.({ received: sink.received.length });
  if (message === "close") {
    await sink.close();
    process.exit(0);
  }
});
