import { data, type ActionFunctionArgs } from "@remix-run/node";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { checkIn, checkInByCode, undoArrival, type CheckInResult } from "~/features/registrations/commands/check-in.server";
import { registerForEncounter } from "~/features/registrations/commands/register.server";
import { checkInActionSchema, formValues, parseRegistrationForm, walkInSchema } from "~/features/registrations/forms";
import type { RegistrationFieldErrors } from "~/features/registrations/rules";
import { getLocale } from "~/i18n/locale.server";
import { actorOf } from "~/server/audit.server";
import { getDb } from "~/server/db.server";
import { readForm } from "~/server/http.server";

// The check-in page's forms: an arrival (by tap, scan or typed code), its undoing, and a
// walk-in registered and checked in at once.

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

export type ActionResult =
  | { kind: "checkIn"; result: CheckInResult["kind"]; person: Person | null }
  | { kind: "undone"; person: Person | null }
  | {
      kind: "walkIn";
      outcome: "done" | "existing" | "full" | "invalid";
      errors?: RegistrationFieldErrors;
      values?: Record<string, string>;
      person?: Person | null;
    }
  | { kind: "invalid" };

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const formData = await readForm(request);
  if (formData.get("intent") === "walkIn") {
    const form = parseRegistrationForm(walkInSchema, formData);
    if (!form.ok) return data<ActionResult>({ kind: "walkIn", outcome: "invalid", errors: form.errors, values: form.values }, { status: 400 });
    const outcome = await registerForEncounter(
      db,
      encounter.id,
      { ...form.data, needs: null },
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
      return data<ActionResult>({
        kind: "walkIn",
        outcome: "done",
        person: {
          id: outcome.registrationId,
          name: form.data.fullName,
          email: form.data.email,
          city: "",
          entity: form.data.entity,
          status: "confirmed",
          checkedInAt: new Date().toISOString(),
        },
      });
    if (outcome.kind === "duplicate") return data<ActionResult>({ kind: "walkIn", outcome: "existing", values: formValues(formData) }, { status: 409 });
    if (outcome.kind === "invalid")
      return data<ActionResult>({ kind: "walkIn", outcome: "invalid", errors: outcome.errors, values: formValues(formData) }, { status: 400 });
    return data<ActionResult>({ kind: "walkIn", outcome: "full", values: formValues(formData) }, { status: 409 });
  }
  const form = parseRegistrationForm(checkInActionSchema, formData);
  if (!form.ok) return data<ActionResult>({ kind: "invalid" }, { status: 400 });
  if (form.data.intent === "undo") {
    const reg = await undoArrival(db, encounter.id, form.data.registrationId, organizer.id);
    return data<ActionResult>({ kind: "undone", person: reg ? personOf({ ...reg, checked_in_at: null }) : null }, { status: reg ? 200 : 404 });
  }
  const result =
    form.data.intent === "code"
      ? await checkInByCode(db, encounter.id, form.data.code, organizer.id)
      : await checkIn(db, encounter.id, form.data.registrationId, organizer.id);
  const person = result.kind === "unknown" ? null : personOf(result.registration);
  return data<ActionResult>({ kind: "checkIn", result: result.kind, person }, { status: result.kind === "unknown" ? 404 : 200 });
}
