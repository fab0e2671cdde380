import { type ActionFunctionArgs } from "@remix-run/node";
import { applyRosterIntent, type RosterOutcome } from "~/features/cities/roster-actions.server";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { cancelRegistration } from "~/features/registrations/commands/cancel.server";
import { fillFromWaitlist, promoteByHand } from "~/features/registrations/commands/waitlist.server";
import { registrationsListSchema } from "~/features/registrations/forms";
import { findRegistrationById } from "~/features/registrations/queries.server";
import { actorOf } from "~/server/audit.server";
import { getDb } from "~/server/db.server";
import { parseSubmission, refuse, refuseForm } from "~/server/forms.server";

// The list's forms: a roster button, cancel on someone's behalf (with a reason, mailed or not),
// move someone from the waiting list by hand, or fill the free places from the line. A refusal
// is conform's reply: a field's error (a cancellation's reason, shown on its row) or the form's
// (a registration no longer active, no place left: keys of t.registration.admin.refusals).

/** What the page says when an action went through. */
export type Done = { ok: true; roster: RosterOutcome } | { ok: true; message: "cancelled" | "cancelledPromoted" | "promoted" | "filled"; count?: number };

const answer = (done: Done): Done => done;

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const submission = await parseSubmission(request, registrationsListSchema);
  if (submission.status !== "success") return refuse(submission);
  const form = submission.value;
  if (form.intent === "fill") {
    const promoted = await fillFromWaitlist(db, encounter.id, organizer.id);
    return answer({ ok: true, message: "filled", count: promoted.length });
  }
  if (form.intent === "verifyCity" || form.intent === "withdrawCity") {
    const roster = await applyRosterIntent(db, form, { encounterId: encounter.id, organizerId: organizer.id, registrationId: form.registrationId });
    if (!roster) return refuseForm(submission, "notActive", { status: 404 });
    // The city changed since the page showed it: nothing is verified.
    if (roster === "cityChanged") return refuseForm(submission, "cityChanged", { status: 409 });
    return answer({ ok: true, roster });
  }
  const reg = await findRegistrationById(db, form.registrationId);
  if (!reg || reg.encounter_id !== encounter.id) return refuseForm(submission, "notActive", { status: 404 });
  if (form.intent === "cancel") {
    const result = await cancelRegistration(db, reg.id, {
      actor: actorOf.organizer(organizer.id),
      byOrganizer: true,
      reason: form.reason,
      notify: form.notify,
    });
    if (!result.ok) return refuseForm(submission, result.reason, { status: 409 });
    return answer(result.promoted.length ? { ok: true, message: "cancelledPromoted", count: result.promoted.length } : { ok: true, message: "cancelled" });
  }
  const result = await promoteByHand(db, reg.id, organizer.id, { ignoreCityQuota: form.ignoreQuota });
  if (!result.ok) return refuseForm(submission, result.reason, { status: 409 });
  return answer({ ok: true, message: "promoted" });
}
