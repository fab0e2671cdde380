import type { DB } from "~db/client";
import { verifyByOrganizer, withdrawByOrganizer } from "~/features/cities/commands.server";
import { findRegistrationById } from "~/features/registrations/queries.server";

// The organizers' two roster buttons, offered on an encounter's registrations list and on one
// registration's page: verify the person for their city, or withdraw that verification. Both
// name the registration (of this encounter), never a bare person id typed into a form. The
// verify button also posts the city it showed, so a city changed meanwhile is not verified.
// The pages parse the buttons' forms (registrationsListSchema, registrationRosterSchema).

export const rosterIntents = ["verifyCity", "withdrawCity"] as const;
export type RosterIntent = (typeof rosterIntents)[number];
export type RosterOutcome = "verified" | "already" | "withdrawn" | "notVerified" | "cityChanged";

/** Whether a form is one of the roster buttons' (the page then parses it with their schema). */
export function isRosterIntent(intent: FormDataEntryValue | null): intent is RosterIntent {
  return rosterIntents.some((i) => i === intent);
}

export type RosterInput = { intent: "verifyCity"; cityId: number | null } | { intent: "withdrawCity" };

/** null: no registration of this encounter by that id (the caller answers 404). */
export async function applyRosterIntent(
  db: DB,
  input: RosterInput,
  context: { encounterId: number; organizerId: number; registrationId: number },
): Promise<RosterOutcome | null> {
  const reg = await findRegistrationById(db, context.registrationId);
  if (!reg || reg.encounter_id !== context.encounterId) return null;
  if (input.intent === "verifyCity") {
    // The city the button showed: if the person's city changed since, nothing is verified.
    const outcome = await verifyByOrganizer(db, reg.participant_id, context.organizerId, new Date(), input.cityId ?? undefined);
    return outcome === "unknown" ? null : outcome;
  }
  return (await withdrawByOrganizer(db, reg.participant_id, context.organizerId)) ? "withdrawn" : "notVerified";
}
