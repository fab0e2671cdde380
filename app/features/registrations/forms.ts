import { z } from "zod";
import { firstErrorPerField, lineBreakOrControl, readFormFields } from "~/lib/forms";
import { email, singleLine } from "~/lib/input-rules";
import {
  registrationErrorKeys,
  registrationStatusFilter,
  type RegistrationErrorKey,
  type RegistrationFieldErrors,
  type RegistrationListFilters,
} from "~/features/registrations/rules";

// The forms of the registration area, one schema each, shared by pages and actions. Error
// messages are keys of t.registration.errors, so the same schema speaks Spanish and English.

const known = new Set<string>(registrationErrorKeys);

export const limits = { fullName: 120, entity: 160, position: 160, phone: 40, needs: 1000, email: 254 } as const;

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

/** A person who arrives without registration: registered and checked in at once. */
export const walkInSchema = z.object({ ...profile, email: email(), cityDane, consent });
export type WalkInInput = z.output<typeof walkInSchema>;

/** One row of an import of invited officials (the columns of the CSV, named like the form's fields). */
export const importRowSchema = z.object({ ...profile, email: email(), cityDane, needs });
export type ImportRow = z.output<typeof importRowSchema>;

export type FormParse<T> = { ok: true; data: T } | { ok: false; errors: RegistrationFieldErrors; values: Record<string, string> };

/** A repeated field, or a file where text belongs, counts as invalid (null fails every text check). */
export function parseRegistrationForm<S extends z.ZodTypeAny>(schema: S, formData: FormData): FormParse<z.output<S>> {
  const { raw, values } = readFormFields(formData, () => null);
  return parseRecord(schema, raw, values);
}

export function parseRecord<S extends z.ZodTypeAny>(schema: S, raw: Record<string, unknown>, values: Record<string, string> = {}): FormParse<z.output<S>> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: RegistrationFieldErrors = firstErrorPerField<RegistrationErrorKey>(result.error.issues, (message) => known.has(message));
  // Never echo the honeypot back into the form.
  delete values.website;
  return { ok: false, errors, values };
}

/** The text values of a form, to show again after a refusal (never the honeypot). */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string" && key !== "website") values[key] = value.slice(0, 2000);
  return values;
}

// ---- organizers ----------------------------------------------------------------------------

const id = z.coerce.number({ invalid_type_error: "invalid" }).int("invalid").positive("invalid").max(2_147_483_647, "invalid");
const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on");

/** The row actions of the organizers' list. */
export const adminRegistrationActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("cancel"),
      registrationId: id,
      reason: z
        .string()
        .trim()
        .max(1000, "tooLong")
        .refine((v) => !controlExceptNewlines.test(v), "invalid")
        .optional()
        .transform((v) => v || null),
      notify: checkbox,
    }),
    z.object({ intent: z.literal("promote"), registrationId: id, ignoreQuota: checkbox }),
    z.object({ intent: z.literal("fill") }),
  ],
  { errorMap: () => ({ message: "invalid" }) },
);

export const checkInActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("checkIn"), registrationId: id }),
    z.object({ intent: z.literal("undo"), registrationId: id }),
    z.object({ intent: z.literal("code"), code: z.string().trim().min(1, "required").max(500, "tooLong") }),
  ],
  { errorMap: () => ({ message: "invalid" }) },
);

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
