import type { DB } from "~db/client";
import { findCommitment, type CommitmentDetail } from "~/features/commitments/queries/commitment.server";
import { type CommitmentActor } from "~/features/commitments/rules";
import { readFollowUpLink } from "~/features/commitments/links.server";
import { clientAddress } from "~/server/http.server";
import { enforceRateLimit, type RateRule } from "~/server/rate-limit.server";

// Opening a signed follow-up link: rate-limited per address, the signature checked against the
// commitment's current responsible email, then the expiry. A bad or foreign token and a
// changed or unconfirmed responsible are the same "invalid" (404); only a genuine old link is "expired" (410).

export const followUpLinkRule: RateRule = { limit: 60, windowMs: 15 * 60_000 };

export type OpenedLink =
  { state: "ok"; commitment: CommitmentDetail; actor: CommitmentActor } | { state: "invalid" } | { state: "expired"; commitment: CommitmentDetail };

export async function openFollowUpLink(db: DB, request: Request, context: unknown, token: string | undefined, now = new Date()): Promise<OpenedLink> {
  await enforceRateLimit(db, [`follow-up-link:${clientAddress(context)}`], followUpLinkRule);
  const link = token ? readFollowUpLink(token) : null;
  if (!link) return { state: "invalid" };
  const commitment = await findCommitment(db, link.commitmentId);
  if (!commitment || !link.signedFor(commitment.responsible_email)) return { state: "invalid" };
  // A responsible nobody confirmed yet reads nothing: an address an official named back after
  // a change would otherwise reopen the official's words through a link signed earlier.
  if (commitment.responsible_pending_at !== null) return { state: "invalid" };
  if (link.expiresAt.getTime() <= now.getTime()) return { state: "expired", commitment };
  return { state: "ok", commitment, actor: { kind: "responsible", email: commitment.responsible_email, name: commitment.responsible_name } };
}

// "same-origin": other sites never see the link, and a form sent without JavaScript (or before
// hydration) carries this site's Origin, which "no-referrer" turned into "null" and a refusal.
export const privateLinkHeaders = {
  "Referrer-Policy": "same-origin",
  "Cache-Control": "private, no-store",
  "X-Robots-Tag": "noindex, nofollow",
};

export const linkStatus = { invalid: 404, expired: 410 } as const;

/** "m•••@medellin.gov.co": enough for the reader to recognise the address, not to learn it. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "•••";
  return `${email[0]}•••${email.slice(at)}`;
}
