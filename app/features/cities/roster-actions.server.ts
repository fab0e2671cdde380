import type { DB } from "~db/client";
import { verifyByOrganizer, withdrawByOrganizer } from "~/features/cities/commands.server";
import { findRegistrationById } from "~/features/registrations/queries.server";

// The organizers' two roster buttons, offered on an encounter's registrations list and on one
// registration's page: verify the person for their city, or withdraw that verification. Both
// name the registration (of this encounter), never a bare person id typed into a form. The
// verify button also posts the city it showed, so a city changed meanwhile is not verified.

export const rosterIntents = ["verifyCity", "withdrawCity"] as const;
export type RosterOutcome = "verified" | "already" | "withdrawn" | "notVerified" | "cityChanged";

export function rosterIntentOf(form: FormData): (typeof rosterIntents)[number] | null {
  const intent = form.get("intent");
  return rosterIntents.find((i) => i === intent) ?? null;
}

/** null: no registration of this encounter by that id (the caller answers 404). */
export async function applyRosterIntent(
  db: DB,
  form: FormData,
  context: { encounterId: number; organizerId: number; registrationId?: number },
): Promise<RosterOutcome | null> {
  const intent = rosterIntentOf(form);
  const raw = context.registrationId ?? String(form.get("registrationId") ?? "");
  const id = typeof raw === "number" ? raw : /^\d{1,9}$/.test(raw) ? Number(raw) : null;
  if (!intent || !id) return null;
  const reg = await findRegistrationById(db, id);
  if (!reg || reg.encounter_id !== context.encounterId) return null;
  if (intent === "verifyCity") {
    // The city the button showed: if the person's city changed since, nothing is verified.
    const shown = String(form.get("cityId") ?? "");
    const shownCityId = /^\d{1,9}$/.test(shown) ? Number(shown) : undefined;
    const outcome = await verifyByOrganizer(db, reg.participant_id, context.organizerId, new Date(), shownCityId);
    return outcome === "unknown" ? null : outcome;
  }
  return (await withdrawByOrganizer(db, reg.participant_id, context.organizerId)) ? "withdrawn" : "notVerified";
}
