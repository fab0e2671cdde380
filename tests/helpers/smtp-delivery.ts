import { afterAll, beforeAll } from "vitest";
import { createMailTransport, type MailTransport } from "~/features/mail/transport.server";
import { startSmtpSink, type SinkOptions, type SmtpSink } from "./smtp-sink";

// For a test file that delivers mail: a sink (smtp-sink.ts) and an unthrottled transport to
// it, up for the whole file. Kept apart from smtp-sink.ts, which the benchmark also runs in a
// process of its own, outside vitest.

export interface SmtpDelivery {
  readonly sink: SmtpSink;
  readonly transport: MailTransport;
  /** The sender the dispatcher is given. */
  readonly from: string;
}

/** Call at the top of a test file; read `sink` and `transport` inside tests and hooks. */
export function useSmtpDelivery(options: SinkOptions = {}): SmtpDelivery {
  let sink: SmtpSink | undefined;
  let transport: MailTransport | undefined;
  beforeAll(async () => {
    sink = await startSmtpSink(options);
    transport = createMailTransport({ smtpUrl: sink.url, ratePerSecond: 0 });
  });
  afterAll(async () => {
    transport?.close();
    await sink?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("useSmtpDelivery: el servidor SMTP se inicia en beforeAll");
    return value;
  };
  return {
    get sink() {
      return started(sink);
    },
    get transport() {
      return started(transport);
    },
    from: "Convoca <no-responder@convoca.test>",
  };
}
