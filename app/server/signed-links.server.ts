import { createHmac, timingSafeEqual } from "node:crypto";
import { getEnv } from "./env.server";

// Download links sent by email: bound to one person and one material, valid until a date,
// signed with SESSION_SECRET (HMAC-SHA256). Nothing is stored; changing the secret voids them.
// mac() and sameBytes() here sign and check every other signed key too (follow-up links, city
// feeds, manage links).

export const materialLinkDays = 30;

const purpose = "convoca:material-link:v1";

/** HMAC-SHA256 of `purpose|payload`: the purpose keeps one kind of link from passing for another. */
export function mac(purpose: string, payload: string, secret: string): Buffer {
  return createHmac("sha256", secret).update(`${purpose}|${payload}`).digest();
}

/** Compares a given signature with the expected one in constant time. */
export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function signMaterialLink(input: { participantId: number; materialId: number; expiresAt?: Date }, secret = getEnv().sessionSecret): string {
  const expires = input.expiresAt ?? new Date(Date.now() + materialLinkDays * 86_400_000);
  const payload = `${input.participantId}.${input.materialId}.${Math.floor(expires.getTime() / 1000)}`;
  return `${Buffer.from(payload).toString("base64url")}.${mac(purpose, payload, secret).toString("base64url")}`;
}

export type MaterialLinkCheck =
  | { ok: true; participantId: number; materialId: number; expiresAt: Date }
  | { ok: false; reason: "invalid" }
  // The signature held: the link is genuine but old, so its material can be named.
  | { ok: false; reason: "expired"; participantId: number; materialId: number };

export function verifyMaterialLink(token: string, now = new Date(), secret = getEnv().sessionSecret): MaterialLinkCheck {
  if (token.length > 200) return { ok: false, reason: "invalid" };
  const m = /^([A-Za-z0-9_-]{4,80})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return { ok: false, reason: "invalid" };
  const payload = Buffer.from(m[1], "base64url").toString("latin1");
  const given = Buffer.from(m[2], "base64url");
  if (!sameBytes(given, mac(purpose, payload, secret))) return { ok: false, reason: "invalid" };
  const parts = /^(\d{1,12})\.(\d{1,12})\.(\d{1,12})$/.exec(payload);
  if (!parts) return { ok: false, reason: "invalid" };
  const expiresAt = new Date(Number(parts[3]) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired", participantId: Number(parts[1]), materialId: Number(parts[2]) };
  return { ok: true, participantId: Number(parts[1]), materialId: Number(parts[2]), expiresAt };
}
