import { data, type ActionFunctionArgs } from "@remix-run/node";
import { applyRosterIntent, rosterIntentOf, type RosterOutcome } from "~/features/cities/roster-actions.server";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { cancelRegistration } from "~/features/registrations/commands/cancel.server";
import { fillFromWaitlist, promoteByHand } from "~/features/registrations/commands/waitlist.server";
import { adminRegistrationActionSchema, parseRegistrationForm } from "~/features/registrations/forms";
import { findRegistrationById } from "~/features/registrations/queries.server";
import type { RegistrationErrorKey } from "~/features/registrations/rules";
import { actorOf } from "~/server/audit.server";
import { getDb } from "~/server/db.server";
import { readForm } from "~/server/http.server";

// The list's forms: a roster button, cancel on someone's behalf (with a reason, mailed or not),
// move someone from the waiting list by hand, or fill the free places from the line.

export type ActionResult =
  | { ok: true; roster: RosterOutcome }
  | { ok: true; message: "cancelled" | "cancelledPromoted" | "promoted" | "filled"; count?: number }
  | {
      ok: false;
      refusal: "notActive" | "notWaitlisted" | "full" | "cityFull" | "invalid";
      reasonError?: { registrationId: string; error: RegistrationErrorKey; reason: string };
    };

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const formData = await readForm(request);
  if (rosterIntentOf(formData)) {
    const roster = await applyRosterIntent(db, formData, { encounterId: encounter.id, organizerId: organizer.id });
    if (!roster) return data<ActionResult>({ ok: false, refusal: "notActive" }, { status: 404 });
    return data<ActionResult>({ ok: true, roster }, { status: roster === "cityChanged" ? 409 : 200 });
  }
  const form = parseRegistrationForm(adminRegistrationActionSchema, formData);
  if (!form.ok) {
    // A refused cancellation reason is shown on its row's textarea, the row's form open again.
    const reason = form.values.intent === "cancel" ? form.errors.reason : undefined;
    const reasonError = reason ? { registrationId: form.values.registrationId ?? "", error: reason, reason: form.values.reason ?? "" } : undefined;
    return data<ActionResult>({ ok: false, refusal: "invalid", reasonError }, { status: 400 });
  }
  if (form.data.intent === "fill") {
    const promoted = await fillFromWaitlist(db, encounter.id, organizer.id);
    return data<ActionResult>({ ok: true, message: "filled", count: promoted.length });
  }
  const reg = await findRegistrationById(db, form.data.registrationId);
  if (!reg || reg.encounter_id !== encounter.id) return data<ActionResult>({ ok: false, refusal: "notActive" }, { status: 404 });
  if (form.data.intent === "cancel") {
    const result = await cancelRegistration(db, reg.id, {
      actor: actorOf.organizer(organizer.id),
      byOrganizer: true,
      reason: form.data.reason,
      notify: form.data.notify,
    });
    if (!result.ok) return data<ActionResult>({ ok: false, refusal: result.reason }, { status: 409 });
    return data<ActionResult>(
      result.promoted.length ? { ok: true, message: "cancelledPromoted", count: result.promoted.length } : { ok: true, message: "cancelled" },
    );
  }
  const result = await promoteByHand(db, reg.id, organizer.id, { ignoreCityQuota: form.data.ignoreQuota });
  if (!result.ok) return data<ActionResult>({ ok: false, refusal: result.reason }, { status: 409 });
  return data<ActionResult>({ ok: true, message: "promoted" });
}
