import type { DB } from "~db/client";
import { verifyByOrganizer, withdrawByOrganizer } from "~/models/city-roster.server";
import { findRegistrationById } from "~/models/registrations.server";

// The organizers' two roster buttons, offered on an encounter's registrations list and on one
// registration's page: verify the person for their city, or withdraw that verification. Both
// name the registration (of this encounter), never a bare person id typed into a form.

export const rosterIntents = ["verifyCity", "withdrawCity"] as const;
export type RosterOutcome = "verified" | "already" | "withdrawn" | "notVerified";

export function rosterIntentOf(form: FormData): (typeof rosterIntents)[number] | null {
  const intent = form.get("intent");
  return rosterIntents.find((i) => i === intent) ?? null;
}

/** null: no registration of this encounter by that id (the caller answers 404). */
export async function applyRosterIntent(db: DB, form: FormData, context: { encounterId: number; organizerId: number; registrationId?: number }): Promise<RosterOutcome | null> {
  const intent = rosterIntentOf(form);
  const raw = context.registrationId ?? String(form.get("registrationId") ?? "");
  const id = typeof raw === "number" ? raw : /^\d{1,9}$/.test(raw) ? Number(raw) : null;
  if (!intent || !id) return null;
  const reg = await findRegistrationById(db, id);
  if (!reg || reg.encounter_id !== context.encounterId) return null;
  if (intent === "verifyCity") {
    const outcome = await verifyByOrganizer(db, reg.participant_id, context.organizerId);
    return outcome === "unknown" ? null : outcome;
  }
  return (await withdrawByOrganizer(db, reg.participant_id, context.organizerId)) ? "withdrawn" : "notVerified";
}
