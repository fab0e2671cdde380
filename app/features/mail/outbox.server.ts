import type { DB } from "~db/client";
import type { Locale } from "~db/schema";
import { EmailDataError, prepareEmail, type TemplateData, type TemplateName } from "~emails/index";
import { isValidRecipient } from "~/features/mail/rules";
import { announceOutboxWrite } from "./outbox-notify.server";

export { templateNames, type TemplateData, type TemplateName } from "~emails/index";

// The outbox is the only way Convoca sends mail. The change that causes a message writes its
// row in the same transaction, so that a rolled-back change leaves no mail behind and a
// committed one cannot lose its mail; the dispatcher sends it later, outside any request.

export interface EmailRequest<T extends TemplateName> {
  /** Names the reason, e.g. "registration:42:confirmed". The same key is sent once, ever. */
  key: string;
  to: string;
  template: T;
  locale: Locale;
  data: TemplateData<T>;
  /** Send no earlier than this (a reminder written ahead of time). Default: now. */
  notBefore?: Date;
}

/** Refused before anything is written: the caller answers 400, or fixes its code. */
export class InvalidEmailError extends Error {
  constructor(
    readonly field: "to" | "key" | "data",
    message: string,
    readonly issues: Array<{ path: string; message: string }> = [],
  ) {
    super(message);
    this.name = "InvalidEmailError";
  }
}

function checkKey(key: string): void {
  // eslint-disable-next-line no-control-regex
  if (!key || key.length > 200 || /[\s\u0000-\u001f\u007f]/.test(key)) {
    throw new InvalidEmailError("key", "La clave del correo debe tener entre 1 y 200 caracteres, sin espacios.");
  }
}

/** The outbox row of one request, checked (address, key, the template's data) before anything is written. */
function outboxRow<T extends TemplateName>(request: EmailRequest<T>) {
  checkKey(request.key);
  const to = request.to.trim();
  if (/[\r\n]/.test(request.to)) throw new InvalidEmailError("to", "La dirección no puede contener saltos de línea.");
  if (!isValidRecipient(to)) throw new InvalidEmailError("to", `Dirección de correo no válida: ${JSON.stringify(to)}`);
  let prepared: ReturnType<typeof prepareEmail>;
  try {
    prepared = prepareEmail(request.template, request.locale, request.data);
  } catch (error) {
    if (error instanceof EmailDataError) throw new InvalidEmailError("data", error.message, error.issues);
    throw error;
  }
  return {
    idempotency_key: request.key,
    recipient: to,
    template: request.template,
    locale: request.locale,
    data: JSON.stringify(prepared.data),
    subject: prepared.subject,
    status: "pending" as const,
    next_attempt_at: (request.notBefore ?? new Date()).toISOString(),
  };
}

/**
 * Writes one message to the outbox, unless a message with the same key exists already.
 * Call it with the transaction handle (`trx`) of the change that causes the message.
 * Returns whether a new row was written.
 */
export async function enqueueEmail<T extends TemplateName>(db: DB, request: EmailRequest<T>): Promise<{ enqueued: boolean }> {
  const { keys } = await enqueueEmails(db, [request]);
  return { enqueued: keys.length === 1 };
}

/** The most rows one enqueueEmails call writes per statement (PostgreSQL allows 65,535 parameters, SQLite 32,766; a row takes 8). */
const rowsPerInsert = 1000;

/**
 * The same for many messages at once (a reminder run, a message to an encounter's thousands of
 * registrants), in the caller's transaction: each request checked as enqueueEmail checks it, all
 * refused if one is, then written in multi-row inserts; keys already in the outbox are skipped.
 * Returns the keys of the rows written.
 */
export async function enqueueEmails(db: DB, requests: ReadonlyArray<EmailRequest<TemplateName>>): Promise<{ keys: string[] }> {
  const rows = requests.map(outboxRow);
  const keys: string[] = [];
  for (let i = 0; i < rows.length; i += rowsPerInsert) {
    const written = await db
      .insertInto("email_outbox")
      .values(rows.slice(i, i + rowsPerInsert))
      .onConflict((oc) => oc.column("idempotency_key").doNothing())
      .returning("idempotency_key")
      .execute();
    for (const row of written) keys.push(row.idempotency_key);
  }
  await announce(db, keys.length > 0);
  return { keys };
}

async function announce(db: DB, written: boolean): Promise<void> {
  // On PostgreSQL the in-process wake-up would come before the commit and find nothing: the
  // NOTIFY, delivered at commit to every worker (this process's too), replaces it.
  if (written && !(await announceOutboxWrite(db))) notifyOutboxWrite();
}

// In-process wake-up for the worker, so mail leaves within moments instead of at the next
// poll. Kept on globalThis because the Remix build and the server import separate copies of
// this module. On SQLite the worker's query waits for the connection, so it runs after the
// commit; a rolled-back row is simply not found. PostgreSQL adds a NOTIFY that arrives after
// the commit, in every process (outbox-notify.server.ts).
type Listener = () => void;
const listenersKey = Symbol.for("convoca.outbox.listeners");
type Holder = { [listenersKey]?: Set<Listener> };

function listeners(): Set<Listener> {
  const holder = globalThis as Holder;
  return (holder[listenersKey] ??= new Set());
}

export function onOutboxWrite(listener: Listener): () => void {
  listeners().add(listener);
  return () => listeners().delete(listener);
}

function notifyOutboxWrite(): void {
  if (listeners().size === 0) return;
  setImmediate(() => listeners().forEach((listener) => listener()));
}
