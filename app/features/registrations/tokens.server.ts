import { randomInt } from "node:crypto";
import QRCode from "qrcode";
import { getEnv } from "~/server/env.server";
import { qrPng } from "~/server/qr-png.server";
import { randomToken, sha256 } from "~/server/session.server";
import { mac } from "~/server/signed-links.server";

// The two keys a registration hands out.
//
// Manage link: /inscripcion/<token>. The token is an HMAC (SESSION_SECRET) of a random nonce
// kept on the registration; the database keeps the nonce and the token's sha256, never the
// token. A copy of the database alone yields no working link, and the same link can be sent
// again (a person who registers twice gets their link by mail) without voiding the first mail.
//
// Check-in code: a short random code, readable aloud and typeable ("K7QXM-2PA9R"), that the
// confirmation's QR code carries inside a link to the organizers' check-in page. It grants
// nothing to whoever holds it: only a signed-in organizer can use it, to mark an arrival.

const purpose = "convoca:registration-manage:v1";

export function newManageNonce(): string {
  return randomToken(18);
}

export function manageTokenFor(nonce: string, secret = getEnv().sessionSecret): string {
  return mac(purpose, nonce, secret).toString("base64url");
}

export function manageTokenHash(token: string): string {
  return sha256(token);
}

/** A fresh nonce with its token and the hash to store. */
export function issueManageToken(): { nonce: string; token: string; hash: string } {
  const nonce = newManageNonce();
  const token = manageTokenFor(nonce);
  return { nonce, token, hash: manageTokenHash(token) };
}

/** Cheap shape check before any lookup: 43 base64url characters (a SHA-256 HMAC). */
export function isManageTokenShape(token: string | undefined): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);
}

export function manageUrl(token: string, appUrl = getEnv().appUrl): string {
  return `${appUrl}/inscripcion/${token}`;
}

// No 0/O, 1/I/L, U: codes are read from a screen and typed on a phone.
const alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
const codeLength = 10;

export function newCheckinCode(): string {
  let code = "";
  for (let i = 0; i < codeLength; i++) code += alphabet[randomInt(alphabet.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * What an organizer scanned or typed, as a stored code: accepts the bare code in any case with
 * or without the dash, or the whole check-in link the QR holds. Null if it cannot be a code.
 */
export function normalizeCheckinCode(input: string): string | null {
  let value = input.trim();
  if (value.length > 500) return null;
  const fromLink = /[?&]codigo=([^&#\s]+)/i.exec(value);
  if (fromLink) value = decodeURIComponent(fromLink[1].replace(/\+/g, " "));
  const bare = value.toUpperCase().replace(/[\s-]/g, "");
  if (bare.length !== codeLength || [...bare].some((c) => !alphabet.includes(c))) return null;
  return `${bare.slice(0, 5)}-${bare.slice(5)}`;
}

export function checkinUrl(slug: string, code: string, appUrl = getEnv().appUrl): string {
  return `${appUrl}/admin/encuentros/${encodeURIComponent(slug)}/acreditacion?codigo=${encodeURIComponent(code)}`;
}

/** The QR code of a check-in link, as PNG bytes in base64 (for a mail attachment). */
export async function checkinQrPng(url: string): Promise<string> {
  return qrPng(url, { errorCorrectionLevel: "M", margin: 2, scale: 4 }).toString("base64");
}

/** The same QR code as an SVG document, for pages (the person's manage page shows it). */
export async function checkinQrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}
