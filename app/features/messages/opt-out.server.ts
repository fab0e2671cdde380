import type { DB } from "~db/client";
import { getEnv } from "~/server/env.server";
import { clientAddress } from "~/server/http.server";
import { limitFailedLookups, signedLinkRule } from "~/server/rate-limit.server";
import { mac, sameBytes } from "~/server/signed-links.server";

// The link in every mail to a registrant that stops the organizers' messages and reminders:
// /mensajes/detener/<participant id>.<signature>. The signature (HMAC with SESSION_SECRET)
// covers the participant and their current address, so nothing is stored, and the link stops
// working when the address changes (a deletion replaces it). It never expires: a way out of
// mail must keep working. It only ever lets its holder stop or resume those messages.

const purpose = "convoca:messages-stop:v1";

interface Person {
  id: number;
  email: string;
}

function signature(person: Person, secret: string): Buffer {
  return mac(purpose, `${person.id}|${person.email.toLowerCase()}`, secret);
}

export function stopMessagesToken(person: Person, secret = getEnv().sessionSecret): string {
  return `${person.id}.${signature(person, secret).toString("base64url")}`;
}

export function stopMessagesUrl(person: Person, options: { appUrl?: string; secret?: string } = {}): string {
  return `${options.appUrl ?? getEnv().appUrl}/mensajes/detener/${stopMessagesToken(person, options.secret)}`;
}

/** The participant a token was signed for, if it still matches them; null for anything else. */
export async function readStopMessagesToken(db: DB, token: string | undefined, secret = getEnv().sessionSecret) {
  const m = typeof token === "string" ? /^([1-9]\d{0,9})\.([A-Za-z0-9_-]{43})$/.exec(token) : null;
  if (!m) return null;
  const participant = await db
    .selectFrom("participants")
    .select(["id", "email", "full_name", "locale", "messages_stopped_at"])
    .where("id", "=", Number(m[1]))
    .executeTakeFirst();
  if (!participant) return null;
  return sameBytes(Buffer.from(m[2], "base64url"), signature(participant, secret)) ? participant : null;
}

/** The same, counting failed lookups per client like every other signed link (429 after too many). */
export function openStopMessagesLink(db: DB, context: unknown, token: string | undefined) {
  return limitFailedLookups(
    db,
    [`messages-stop-link:client:${clientAddress(context)}`],
    signedLinkRule,
    () => readStopMessagesToken(db, token),
    (found) => !found,
  );
}
