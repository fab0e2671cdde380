import { data } from "@remix-run/node";
import type { DB } from "~db/client";
import type { LinkRefusalView } from "~/features/invitations/components/link-refusal";
import { delegationHeaders, delegationLinkStatus, type OpenedDelegation } from "~/features/invitations/link.server";
import { delegationOf, openEncounterContacts, placesForDelegation } from "~/features/invitations/queries/invitations.server";
import { startingRows } from "~/features/invitations/rules";
import { registrationWindow } from "~/features/encounters/rules";
import { registrationChangeable } from "~/features/registrations/rules";

// What the delegation page shows: the refusal of a link that does not work, or the city's
// invitation, its places and its delegation as it stands.

export async function refusalView(db: DB, opened: Exclude<OpenedDelegation, { state: "ok" }>): Promise<LinkRefusalView> {
  if (opened.state === "invalid") return { state: "invalid", status: delegationLinkStatus.invalid, encounter: null, contacts: await openEncounterContacts(db) };
  const { encounter } = opened;
  return {
    state: opened.state,
    status: delegationLinkStatus[opened.state],
    encounter: { slug: encounter.slug, title: encounter.title },
    contacts: encounter.contact_email ? [encounter.contact_email] : [],
  };
}

/** The refusal as an answer: the page draws it, with its status and the private headers. */
export async function refused(db: DB, opened: Exclude<OpenedDelegation, { state: "ok" }>) {
  const refusal = await refusalView(db, opened);
  return data({ state: "refused" as const, refusal }, { status: refusal.status, headers: delegationHeaders });
}

export async function delegationView(db: DB, opened: Extract<OpenedDelegation, { state: "ok" }>, now = new Date()) {
  const { invitation, encounter } = opened;
  const [delegates, places] = await Promise.all([delegationOf(db, invitation.id), placesForDelegation(db, encounter, invitation.city_id)]);
  return {
    state: "ok" as const,
    city: invitation.city_name,
    encounter: {
      slug: encounter.slug,
      title: encounter.title,
      startsAt: encounter.starts_at,
      timezone: encounter.timezone,
      venue: encounter.venue,
      closesAt: encounter.registration_closes_at,
    },
    declined: invitation.status === "declined" ? (invitation.decline_reason ?? "") : null,
    places,
    open: registrationWindow(encounter, now) === "open",
    changeable: registrationChangeable(encounter, now),
    startingRows: startingRows(places.left),
    delegates: delegates.map((d) => ({
      id: d.id,
      fullName: d.full_name,
      email: d.email,
      entity: d.entity,
      position: d.position,
      status: d.status as "confirmed" | "waitlisted",
      consentPending: d.consent_pending === 1,
    })),
  };
}
