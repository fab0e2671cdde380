import type { DB } from "~db/client";
import type { Encounter } from "~db/schema";
import { focalPointsOf } from "~/features/cities/queries.server";
import { findEncounterById } from "~/features/encounters/queries.server";
import { readDelegationLink } from "~/features/invitations/links.server";
import { findInvitationById, type InvitationDetail } from "~/features/invitations/queries/invitations.server";
import { delegationLinkExpired } from "~/features/invitations/rules";
import { clientAddress } from "~/server/http.server";
import { limitFailedLookups, signedLinkRule } from "~/server/rate-limit.server";

// Opening a delegation link (/delegacion/:token). Forged, malformed or unknown: "invalid" (404),
// the same answer whatever was wrong. Genuine but voided (the invitation was withdrawn, or
// mailed again to someone else): "withdrawn" (410). Genuine but the encounter is over:
// "expired" (410). The last two name the encounter, so the page can give its organizers'
// contact. A link mailed to the city's focal point works only while that person is still its
// focal point (the roster is the one source of a city's authority): withdrawn from the roster,
// or the role handed on, the link is "withdrawn" from the next request on, and the organizers'
// "send again" mails a new one to whoever is the focal point then. Only failed lookups count
// against the client (signedLinkRule), as on the other signed-link pages: a venue behind one
// address opens many good links.

export type OpenedDelegation =
  { state: "ok"; invitation: InvitationDetail; encounter: Encounter } | { state: "invalid" } | { state: "withdrawn" | "expired"; encounter: Encounter };

export async function openDelegationLink(db: DB, context: unknown, token: string | undefined, now = new Date()): Promise<OpenedDelegation> {
  return limitFailedLookups(
    db,
    [`delegation-link:client:${clientAddress(context)}`],
    signedLinkRule,
    async (): Promise<OpenedDelegation> => {
      const link = readDelegationLink(token);
      if (!link) return { state: "invalid" };
      const invitation = await findInvitationById(db, link.invitationId);
      if (!invitation) return { state: "invalid" };
      const encounter = await findEncounterById(db, invitation.encounter_id);
      if (!encounter) return { state: "invalid" };
      if (invitation.withdrawn_at !== null || invitation.link_version !== link.version) return { state: "withdrawn", encounter };
      if (!(await stillFocalPoint(db, invitation))) return { state: "withdrawn", encounter };
      if (delegationLinkExpired(encounter, now)) return { state: "expired", encounter };
      return { state: "ok", invitation, encounter };
    },
    (opened) => opened.state === "invalid",
    now,
  );
}

export const delegationLinkStatus = { invalid: 404, withdrawn: 410, expired: 410 } as const;

// The token is in the address: no caches, no Referer to other sites; "same-origin" (not
// "no-referrer") so that a form sent without JavaScript carries this site's Origin.
export const delegationHeaders = {
  "Cache-Control": "private, no-store",
  "Referrer-Policy": "same-origin",
  "X-Robots-Tag": "noindex, nofollow",
};

/** An invitation addressed to a typed address has no focal point to lose; else the addressee must still be one. */
async function stillFocalPoint(db: DB, invitation: InvitationDetail): Promise<boolean> {
  if (invitation.focal_point_id === null) return true;
  return (await focalPointsOf(db, invitation.city_id)).some((p) => p.participantId === invitation.focal_point_id);
}
