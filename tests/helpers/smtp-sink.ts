import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";

// A real SMTP server for tests and the benchmark: accepts everything (or what `reply` says),
// keeps each message's raw bytes. STARTTLS is disabled so that nodemailer talks plain SMTP.

export interface ReceivedMail {
  to: string[];
  messageId: string | null;
  raw: Buffer;
}

export interface SinkOptions {
  /** Called with each whole message before answering; return an SMTP error code (451, 550...) to refuse it. */
  reply?: (mail: ReceivedMail) => number | undefined;
  /** Wait this long before answering 250: widens the window a crash can fall into. */
  answerDelayMs?: number;
}

export interface SmtpSink {
  port: number;
  url: string;
  received: ReceivedMail[];
  refused: Array<{ mail: ReceivedMail; code: number }>;
  parse(mail: ReceivedMail): Promise<ParsedMail>;
  waitForMessages(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function readStream(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

function headerMessageId(raw: Buffer): string | null {
  const head = raw.subarray(0, Math.max(0, raw.indexOf("\r\n\r\n")) || raw.length).toString("utf8");
  return /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(head)?.[1] ?? null;
}

export async function startSmtpSink(options: SinkOptions = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const refused: SmtpSink["refused"] = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    size: 10 * 1024 * 1024,
    async onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) {
      // Read the whole message before answering, or the client and server deadlock.
      let raw: Buffer;
      try {
        raw = await readStream(stream);
      } catch (error) {
        // The client went away mid-message (the crash test kills a worker): smtp-server fails
        // the stream with "Connection closed before the message was received in full". That
        // message was never received, so it is not kept; nobody is left to answer. Letting
        // the error escape this async handler made it an unhandled rejection, failing the run.
        return callback(error as Error);
      }
      const mail: ReceivedMail = { to: session.envelope.rcptTo.map((r) => r.address), messageId: headerMessageId(raw), raw };
      const code = options.reply?.(mail);
      if (options.answerDelayMs) await new Promise((r) => setTimeout(r, options.answerDelayMs));
      if (code) {
        refused.push({ mail, code });
        const error = Object.assign(new Error(code >= 500 ? "Mailbox unavailable" : "Try again later"), { responseCode: code });
        return callback(error);
      }
      received.push(mail);
      callback();
    },
  });
  // A client that dies mid-conversation (the crash test kills one) is not the sink's problem.
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    refused,
    parse: (mail) => simpleParser(mail.raw),
    async waitForMessages(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`El servidor SMTP recibió ${received.length} de ${count} correos`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
