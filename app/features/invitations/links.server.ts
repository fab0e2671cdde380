import { getEnv } from "~/server/env.server";
import { mac, sameBytes } from "~/server/signed-links.server";

// The link an invitation mails to a city (/delegacion/<token>), signed with SESSION_SECRET
// (docs/decisions/003). The token names the invitation and its link version; the signature
// covers both. Nothing secret is stored: raising the invitation's link_version (withdrawing
// it, mailing it to a new addressee) voids every link sent before, and changing the secret
// voids them all. The link expires with the encounter (link.server.ts decides), so its
// lifetime follows the encounter's dates when they change.

const purpose = "convoca:delegation-link:v1";

export function signDelegationLink(input: { invitationId: number; version: number }, secret = getEnv().sessionSecret): string {
  const payload = `${input.invitationId}.${input.version}`;
  return `${payload}.${mac(purpose, payload, secret).toString("base64url")}`;
}

/** The invitation and version a token was signed for, or null for anything forged or malformed. */
export function readDelegationLink(token: string | undefined, secret = getEnv().sessionSecret): { invitationId: number; version: number } | null {
  if (!token || token.length > 80) return null;
  const m = /^([1-9]\d{0,9})\.([1-9]\d{0,6})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  if (!sameBytes(Buffer.from(m[3], "base64url"), mac(purpose, `${m[1]}.${m[2]}`, secret))) return null;
  return { invitationId: Number(m[1]), version: Number(m[2]) };
}

export function delegationUrl(token: string, appUrl = getEnv().appUrl): string {
  return `${appUrl}/delegacion/${token}`;
}
