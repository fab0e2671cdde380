import type { DB } from "~db/client";
import { renderStoredEmail, secretsOf, type EmailAttachment } from "~emails/index";
import { getOutboxMessage } from "~/features/mail/queries.server";

// What /admin/correo/:id shows: the message as sent (kept by the dispatcher) or, while it is
// still queued, as it would be sent now; its attachments; and its record in the outbox.

export async function viewOutboxMessage(db: DB, id: number, options: { hideSecrets: boolean }) {
  const row = await getOutboxMessage(db, id);
  if (!row) return null;
  const data: unknown = JSON.parse(row.data);
  let body = row.html !== null && row.text !== null ? { html: row.html, text: row.text } : null;
  let renderError: string | null = null;
  if (!body) {
    try {
      const rendered = await renderStoredEmail(row.template, row.locale, data);
      body = { html: rendered.html, text: rendered.text };
    } catch (error) {
      renderError = error instanceof Error ? error.message : String(error);
    }
  }
  // With real SMTP the recipient has the message; an organizer reading a sign-in link here
  // could use it as them. Without SMTP (the demo) this page is the only way to read it.
  const secrets = options.hideSecrets ? secretsOf(row.template, row.locale, data) : [];
  if (body && secrets.length) body = { html: hide(body.html, secrets), text: hide(body.text, secrets) };
  const message = {
    id: row.id,
    recipient: row.recipient,
    subject: row.subject,
    status: row.status,
    template: row.template,
    idempotencyKey: row.idempotency_key,
    locale: row.locale,
    attempts: row.attempts,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    nextAttemptAt: row.next_attempt_at,
    messageId: row.message_id,
    lastError: row.last_error,
  };
  return { message, body, isPreview: row.html === null, renderError, attachments: attachmentsOf(data), secretsHidden: secrets.length > 0 };
}

const hidden = "[enlace oculto / link hidden]";
function hide(content: string, secrets: string[]): string {
  // The HTML holds the value escaped (&amp;) as well as raw.
  return secrets.reduce((out, secret) => out.split(secret).join(hidden).split(secret.replaceAll("&", "&amp;")).join(hidden), content);
}

/** The attachments kept in the row's data (checked when the row was written). */
function attachmentsOf(data: unknown) {
  const list = (data as { attachments?: unknown } | null)?.attachments;
  return Array.isArray(list) ? (list as EmailAttachment[]).map(describeAttachment) : [];
}

function describeAttachment(a: EmailAttachment) {
  const bytes = a.encoding === "base64" ? Buffer.from(a.content, "base64") : Buffer.from(a.content, "utf8");
  // Text attachments (an .ics calendar) are worth reading on the page; binary ones only by name.
  const readable = /^text\/|^application\/(json|xml)/i.test(a.contentType);
  return { filename: a.filename, contentType: a.contentType, size: bytes.length, content: readable ? bytes.toString("utf8") : null };
}
