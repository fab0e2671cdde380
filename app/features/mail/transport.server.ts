import { createHash } from "node:crypto";
import nodemailer from "nodemailer";
import type { NodemailerError, SendMailOptions, Transporter } from "nodemailer";
import type { EmailAttachment } from "~emails/index";

// How a rendered message leaves the process: a pooled SMTP connection when SMTP_URL is set,
// otherwise the embedded transport, which builds the complete MIME message (so a message
// that could not be sent for real fails here too) and keeps nothing but the record that it
// was "sent"; organizers read it at /admin/correo.

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  attachments: EmailAttachment[];
}

export interface MailTransport {
  kind: "smtp" | "embedded";
  send(mail: OutgoingMail): Promise<{ messageId: string; response: string }>;
  close(): void;
}

export interface TransportSettings {
  smtpUrl: string | null;
  /** Messages per second over all connections; 0 or less means no limit. */
  ratePerSecond: number;
  maxConnections?: number;
}

export function createMailTransport(settings: TransportSettings): MailTransport {
  if (!settings.smtpUrl) return wrap("embedded", nodemailer.createTransport({ streamTransport: true, buffer: true }));
  const rate = Number.isFinite(settings.ratePerSecond) && settings.ratePerSecond > 0 ? settings.ratePerSecond : undefined;
  const transporter = nodemailer.createTransport({
    url: settings.smtpUrl,
    pool: true,
    maxConnections: settings.maxConnections ?? 5,
    maxMessages: 100,
    rateLimit: rate,
    rateDelta: rate ? 1000 : undefined,
    // Bounded waits: a send can never outlast the sweep's "stuck" threshold (15 minutes), so
    // the sweep only ever takes back rows of a process that is really gone.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 120_000,
  });
  return wrap("smtp", transporter);
}

function wrap(kind: MailTransport["kind"], transporter: Transporter<{ messageId: string; response?: unknown }>): MailTransport {
  return {
    kind,
    async send(mail) {
      const options: SendMailOptions = {
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        messageId: mail.messageId,
        // RFC 3834: tells vacation responders and ticket systems not to answer automatic mail.
        headers: { "Auto-Submitted": "auto-generated" },
        attachments: mail.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
          encoding: a.encoding === "base64" ? "base64" : "utf-8",
          ...(a.cid ? { cid: a.cid } : {}),
        })),
        // Mail text comes from our templates; never let nodemailer read files or URLs named in it.
        disableFileAccess: true,
        disableUrlAccess: true,
      };
      const info = await transporter.sendMail(options);
      return { messageId: info.messageId, response: typeof info.response === "string" ? info.response : kind };
    },
    close: () => transporter.close(),
  };
}

/**
 * The same key always yields the same Message-ID, so a message sent again after a crash is
 * recognisable as the same message (and mail systems that de-duplicate can drop it).
 */
export function messageIdFor(key: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1]?.toLowerCase() ?? "convoca";
  return `<${createHash("sha256").update(key).digest("hex")}@${domain}>`;
}

export type SendFailure =
  | { kind: "rejected-permanently"; detail: string } // 5xx: the same message would be refused again
  | { kind: "rejected-for-now"; detail: string } // 4xx (and 503): the server may take it later
  | { kind: "unreachable"; detail: string }; // no SMTP answer at all: the server is down or the network is

const transportFaults = new Set(["EAUTH", "ENOAUTH", "EOAUTH2", "ETLS", "EREQUIRETLS", "ECONFIG", "EPROXY"]);

export function classifySendError(error: unknown): SendFailure {
  const e = (error ?? {}) as NodemailerError;
  const code = typeof e.responseCode === "number" ? e.responseCode : undefined;
  const detail = [e.code, e.response ?? (error instanceof Error ? error.message : String(error))].filter(Boolean).join(": ").slice(0, 500);
  // A wrong password or TLS setting is the server's or our configuration's fault, not the
  // message's: treat it like an outage, so mail waits for the fix instead of failing for good.
  if (code === undefined || transportFaults.has(e.code ?? "")) return { kind: "unreachable", detail };
  if (code >= 500 && code < 600 && code !== 503) return { kind: "rejected-permanently", detail };
  return { kind: "rejected-for-now", detail };
}
