import { addDaysTo } from "~/lib/calendar-date";
import { getEnv } from "~/server/env.server";
import { mac, sameBytes } from "~/server/signed-links.server";

// Links for people without an account, signed with SESSION_SECRET (HMAC-SHA256); nothing is
// stored.
//
// Follow-up links (/seguimiento/<token>) are bound to one commitment and one person: the token
// carries the commitment id and an expiry, and the signature also covers the responsible
// official's email, which is not in the token. Changing the responsible official therefore voids
// every link sent to the previous one, without a table of tokens to keep or clean; changing the
// secret voids them all. Each reminder carries a fresh link, so expiry never strands a reader
// who still gets mail.
//
// Calendar feed links (/ciudades/<dane>/compromisos.ics?clave=...) must keep working in a
// calendar program for months, so they do not expire; they cover the city's feed version, which
// an organizer raises to void a link that went astray. The link an official copies from their
// own page also names them ("<person id>.<signature>"): it answers only while that person is
// verified for the city, so withdrawing a verification ends the calendar too, without voiding
// the links of the city's other officials.

const followUpPurpose = "convoca:commitment-follow-up:v1";
const feedPurpose = "convoca:city-commitments-feed:v1";
const personalFeedPurpose = "convoca:city-commitments-feed:person:v1";

/** At least this long, and at least until a month past the due date. */
export const followUpLinkDays = 90;

export function followUpLinkExpiry(now: Date, dueDate: string): Date {
  const byLifetime = now.getTime() + followUpLinkDays * 86_400_000;
  const byDue = new Date(`${addDaysTo(dueDate, 31)}T00:00:00.000Z`).getTime();
  return new Date(Math.max(byLifetime, byDue));
}

export function signFollowUpLink(input: { commitmentId: number; email: string; expiresAt: Date }, secret = getEnv().sessionSecret): string {
  const expires = Math.floor(input.expiresAt.getTime() / 1000);
  const payload = `${input.commitmentId}.${expires}`;
  const signature = mac(followUpPurpose, `${payload}|${input.email.trim().toLowerCase()}`, secret);
  return `${payload}.${signature.toString("base64url")}`;
}

export type FollowUpLink = {
  commitmentId: number;
  expiresAt: Date;
  /** Whether the link was signed for this commitment's current responsible email. */
  signedFor: (email: string) => boolean;
};

/** Reads a token's claims; the signature is checked against an email with `signedFor`. */
export function readFollowUpLink(token: string, secret = getEnv().sessionSecret): FollowUpLink | null {
  if (token.length > 120) return null;
  const m = /^(\d{1,12})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const payload = `${m[1]}.${m[2]}`;
  const given = Buffer.from(m[3], "base64url");
  return {
    commitmentId: Number(m[1]),
    expiresAt: new Date(Number(m[2]) * 1000),
    signedFor: (email) => sameBytes(given, mac(followUpPurpose, `${payload}|${email.trim().toLowerCase()}`, secret)),
  };
}

export function signCityFeed(input: { dane: string; version: number }, secret = getEnv().sessionSecret): string {
  return mac(feedPurpose, `${input.dane}|${input.version}`, secret).toString("base64url");
}

export function verifyCityFeed(input: { dane: string; version: number; key: string }, secret = getEnv().sessionSecret): boolean {
  if (!/^[A-Za-z0-9_-]{43}$/.test(input.key)) return false;
  return sameBytes(Buffer.from(input.key, "base64url"), mac(feedPurpose, `${input.dane}|${input.version}`, secret));
}

export function signPersonalCityFeed(input: { dane: string; version: number; participantId: number }, secret = getEnv().sessionSecret): string {
  return `${input.participantId}.${mac(personalFeedPurpose, `${input.dane}|${input.version}|${input.participantId}`, secret).toString("base64url")}`;
}

/** The person a personal feed key was signed for, if it is one and its signature holds. */
export function readPersonalCityFeed(input: { dane: string; version: number; key: string }, secret = getEnv().sessionSecret): number | null {
  const m = /^(\d{1,9})\.([A-Za-z0-9_-]{43})$/.exec(input.key);
  if (!m) return null;
  const participantId = Number(m[1]);
  const expected = mac(personalFeedPurpose, `${input.dane}|${input.version}|${participantId}`, secret);
  return sameBytes(Buffer.from(m[2], "base64url"), expected) ? participantId : null;
}

export interface LinkOptions {
  appUrl?: string;
  secret?: string;
  now?: Date;
}

/** The signed links a mail to the responsible official carries. */
export function followUpUrls(commitment: { id: number; responsible_email: string; due_date: string }, options: LinkOptions = {}) {
  const env = getEnv();
  const appUrl = options.appUrl ?? env.appUrl;
  const token = signFollowUpLink(
    { commitmentId: commitment.id, email: commitment.responsible_email, expiresAt: followUpLinkExpiry(options.now ?? new Date(), commitment.due_date) },
    options.secret ?? env.sessionSecret,
  );
  return { token, updateUrl: `${appUrl}/seguimiento/${token}`, stopUrl: `${appUrl}/seguimiento/${token}/detener` };
}
