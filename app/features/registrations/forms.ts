import { z } from "zod";
import { checkbox, email, id, lineBreakOrControl, orBlank, singleLine } from "~/lib/input-rules";
import {
  registrationErrorKeys,
  registrationStatusFilter,
  type RegistrationErrorKey,
  type RegistrationFieldErrors,
  type RegistrationListFilters,
  importLimits,
  fieldLimits as limits,
} from "~/features/registrations/rules";

// The forms of the registration area, one schema each, shared by pages and actions. Error
// messages are keys of t.registration.errors, so the same schema speaks Spanish and English.

const known = new Set<string>(registrationErrorKeys);

// eslint-disable-next-line no-control-regex
const controlExceptNewlines = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const cityDane = z
  .string({ required_error: "required", invalid_type_error: "invalid" })
  .trim()
  .min(1, "required")
  .regex(/^\d{5}$/, "city");

const phone = z
  .string({ invalid_type_error: "invalid" })
  .trim()
  .max(limits.phone, "tooLong")
  .refine((v) => v === "" || /^\+?[0-9][0-9 ().-]{5,38}$/.test(v), "phone")
  .optional()
  .transform((v) => (v ? v : null));

const needs = z
  .string({ invalid_type_error: "invalid" })
  .trim()
  .max(limits.needs, "tooLong")
  .refine((v) => !controlExceptNewlines.test(v), "invalid")
  .optional()
  .transform((v) => (v ? v.replace(/\r\n?/g, "\n") : null));

const consent = z.literal("on", { errorMap: () => ({ message: "consent" }) });

// Names, entities and positions take the one single-line rule (they go into mail subjects and
// headers, where a line break would be an injection); addresses the one email rule.
const profile = {
  fullName: singleLine(limits.fullName),
  entity: singleLine(limits.entity),
  position: singleLine(limits.position),
  phone,
};

/** The public form: POST /encuentros/:slug/registro. `website` is the honeypot. */
export const registrationSchema = z.object({
  ...profile,
  email: email(),
  cityDane,
  needs,
  consent,
  website: z.string().optional(),
});
export type RegistrationInput = z.output<typeof registrationSchema>;

/** What the person may correct from their manage link (the city and email stay: see the page). */
export const selfServiceSchema = z.object({
  ...profile,
  needs,
  locale: z.enum(["es", "en"], { errorMap: () => ({ message: "invalid" }) }),
});
export type SelfServiceInput = z.output<typeof selfServiceSchema>;

/** The person's own consent, given from their page when someone else registered them. */
const consentSchema = z.object({ consent });

/**
 * The forms of the person's own page (POST /inscripcion/:token), told apart by `intent`: their
 * consent, a cancellation, a correction of their data.
 */
export const manageRegistrationSchema = z.discriminatedUnion(
  "intent",
  [
    consentSchema.extend({ intent: z.literal("consent") }),
    z.object({ intent: z.literal("cancel") }),
    selfServiceSchema.extend({ intent: z.literal("update") }),
  ],
  { errorMap: () => ({ message: "invalid" }) },
);

/** An organizer's correction of someone's data, the city included. */
export const organizerEditSchema = z.object({ ...profile, cityDane, needs });
export type OrganizerEditInput = z.output<typeof organizerEditSchema>;

/** One row of an import of invited officials (the columns of the CSV, named like the form's fields). */
export const importRowSchema = z.object({ ...profile, email: email(), cityDane, needs });
export type ImportRow = z.output<typeof importRowSchema>;

export type FormParse<T> = { ok: true; data: T } | { ok: false; errors: RegistrationFieldErrors; values: Record<string, string> };

/** Reads one record (an import row) for a schema: the data, or the first error of each field as a key the area knows. */
export function parseRecord<S extends z.ZodTypeAny>(schema: S, raw: Record<string, unknown>, values: Record<string, string> = {}): FormParse<z.output<S>> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: RegistrationFieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "_form");
    errors[field] ??= known.has(issue.message) ? (issue.message as RegistrationErrorKey) : "invalid";
  }
  return { ok: false, errors, values };
}

// ---- organizers ----------------------------------------------------------------------------
// Read with conform (parseSubmission / parseFields, docs/decisions/007): a refusal is conform's
// reply, its errors keys of t.registration.errors (or of the page's refusals).

/** The largest id a row can have (a 32-bit integer): a bigger one is "invalid", never a query PostgreSQL refuses. */
const maxRowId = 2_147_483_647;
const rowId = id().refine((n) => n <= maxRowId, "invalid");

/** A note of several lines (a cancellation's reason): line breaks are fine, other control characters not; blank is null. */
const optionalNote = (max: number) =>
  z
    .string({ invalid_type_error: "invalid" })
    .trim()
    .max(max, "tooLong")
    .refine((v) => !controlExceptNewlines.test(v), "invalid")
    .optional()
    .transform((v) => (v ? v.replace(/\r\n?/g, "\n") : null));

const intentError = { errorMap: () => ({ message: "invalid" }) };

// The roster's two buttons (app/features/cities/roster-actions.server.ts). Verify also posts the
// city the button showed, so a city changed meanwhile is not verified.
const verifyCity = z.object({ intent: z.literal("verifyCity"), cityId: orBlank(rowId) });
const withdrawCity = z.object({ intent: z.literal("withdrawCity") });

/** The roster buttons of one registration's page: the registration is the page's own. */
export const registrationRosterSchema = z.discriminatedUnion("intent", [verifyCity, withdrawCity], intentError);

/** The row actions of the organizers' list, each naming its registration. */
export const registrationsListSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("cancel"), registrationId: rowId, reason: optionalNote(1000), notify: checkbox() }),
    z.object({ intent: z.literal("promote"), registrationId: rowId, ignoreQuota: checkbox() }),
    z.object({ intent: z.literal("fill") }),
    verifyCity.extend({ registrationId: rowId }),
    withdrawCity.extend({ registrationId: rowId }),
  ],
  intentError,
);

/** The check-in page's forms: an arrival (by tap, or by a scanned or typed code), its undoing, a walk-in. */
export const checkInSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("checkIn"), registrationId: rowId }),
    z.object({ intent: z.literal("undo"), registrationId: rowId }),
    z.object({
      intent: z.literal("code"),
      code: z.string({ required_error: "required", invalid_type_error: "invalid" }).trim().min(1, "required").max(500, "tooLong"),
    }),
    // A person who arrives without registration: registered and checked in at once.
    z.object({ intent: z.literal("walkIn"), ...profile, email: email(), cityDane, consent }),
  ],
  intentError,
);

/** The CSV an import reads: chosen, not empty, within the import's cap. */
const importFile = z
  .instanceof(File, { message: "noFile" })
  .refine((file) => file.size > 0, "noFile")
  .refine((file) => file.size <= importLimits.maxBytes, "tooLarge");

/** An import of invited officials: the file's preview, then the run (in chunks with JavaScript). */
export const importSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("preview"), file: importFile }),
    z.object({ intent: z.literal("run"), id: rowId, notify: checkbox(), chunk: z.literal("1", intentError).optional() }),
  ],
  intentError,
);

/** An import's id in the page's address (?id=): null when it is none. */
export function importIdOf(value: string | null): number | null {
  const parsed = rowId.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Filters from the list's query string (?q=&ciudad=&estado=&llegada=); anything odd is ignored. */
export function parseListFilters(url: URL): RegistrationListFilters {
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const city = url.searchParams.get("ciudad") ?? "";
  const status = url.searchParams.get("estado") ?? "";
  const arrived = url.searchParams.get("llegada") ?? "";
  return {
    q: lineBreakOrControl.test(q) ? "" : q,
    city: /^\d{5}$/.test(city) ? city : "",
    status: (registrationStatusFilter as readonly string[]).includes(status) ? (status as RegistrationListFilters["status"]) : "",
    arrived: arrived === "si" || arrived === "no" ? arrived : "",
  };
}

export function filtersQuery(filters: RegistrationListFilters): string {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.city) params.set("ciudad", filters.city);
  if (filters.status) params.set("estado", filters.status);
  if (filters.arrived) params.set("llegada", filters.arrived);
  const text = params.toString();
  return text ? `?${text}` : "";
}
