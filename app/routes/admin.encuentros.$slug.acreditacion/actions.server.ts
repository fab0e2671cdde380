import { type ActionFunctionArgs } from "@remix-run/node";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { checkIn, checkInByCode, undoArrival, type CheckInResult } from "~/features/registrations/commands/check-in.server";
import { registerForEncounter } from "~/features/registrations/commands/register.server";
import { checkInSchema } from "~/features/registrations/forms";
import { getLocale } from "~/i18n/locale.server";
import { actorOf } from "~/server/audit.server";
import { getDb } from "~/server/db.server";
import { parseSubmission, refuse, refuseField, refuseForm } from "~/server/forms.server";

// The check-in page's forms: an arrival (by tap, scan or typed code), its undoing, and a
// walk-in registered and checked in at once. A refusal is conform's reply: an unknown code or
// registration (404), a walk-in whose address is already registered or who finds no place
// (409); the page shows each where it belongs by the intent it sent.

export type Person = {
  id: number;
  name: string;
  email: string;
  city: string;
  entity: string;
  status: "confirmed" | "waitlisted" | "cancelled";
  checkedInAt: string | null;
};

export function personOf(r: {
  id: number;
  full_name: string;
  email: string;
  city_name: string;
  entity: string;
  status: Person["status"];
  checked_in_at: string | null;
}): Person {
  return { id: r.id, name: r.full_name, email: r.email, city: r.city_name, entity: r.entity, status: r.status, checkedInAt: r.checked_in_at };
}

/** What the page says when a form went through (or found someone it cannot let in). */
export type Outcome =
  | { kind: "checkIn"; result: Exclude<CheckInResult["kind"], "unknown">; person: Person }
  | { kind: "undone"; person: Person }
  | { kind: "walkIn"; outcome: "done"; person: Person };

const answer = (outcome: Outcome): Outcome => outcome;

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const submission = await parseSubmission(request, checkInSchema);
  if (submission.status !== "success") return refuse(submission);
  const form = submission.value;
  if (form.intent === "walkIn") {
    const { intent: _intent, ...person } = form;
    const outcome = await registerForEncounter(
      db,
      encounter.id,
      { ...person, needs: null },
      {
        locale: await getLocale(request),
        source: "walk_in",
        ignoreWindow: true,
        confirmedOnly: true,
        checkInBy: organizer.id,
        registeredBy: organizer.id,
        actor: actorOf.organizer(organizer.id),
      },
    );
    if (outcome.kind === "confirmed")
      return answer({
        kind: "walkIn",
        outcome: "done",
        person: {
          id: outcome.registrationId,
          name: form.fullName,
          email: form.email,
          city: "",
          entity: form.entity,
          status: "confirmed",
          checkedInAt: new Date().toISOString(),
        },
      });
    if (outcome.kind === "duplicate") return refuseField(submission, "email", "walkInExisting", { status: 409 });
    if (outcome.kind === "invalid") {
      const [field, key] = Object.entries(outcome.errors)[0] ?? ["cityDane", "invalid"];
      return refuseField(submission, field, key ?? "invalid");
    }
    return refuseForm(submission, "fullWalkIn", { status: 409 });
  }
  if (form.intent === "undo") {
    const reg = await undoArrival(db, encounter.id, form.registrationId, organizer.id);
    if (!reg) return refuseForm(submission, "unknownCode", { status: 404 });
    return answer({ kind: "undone", person: personOf({ ...reg, checked_in_at: null }) });
  }
  const result =
    form.intent === "code"
      ? await checkInByCode(db, encounter.id, form.code, organizer.id)
      : await checkIn(db, encounter.id, form.registrationId, organizer.id);
  if (result.kind === "unknown")
    return form.intent === "code" ? refuseField(submission, "code", "unknownCode", { status: 404 }) : refuseForm(submission, "unknownCode", { status: 404 });
  return answer({ kind: "checkIn", result: result.kind, person: personOf(result.registration) });
}
