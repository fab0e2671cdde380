import { z } from "zod";
import { commitmentInstruments, commitmentStatuses, commitmentThemes } from "~db/schema";
import { isCalendarDate } from "~/lib/calendar-date";
import { parseReminderDays } from "~/features/commitments/follow-up/rules";
import { commitmentErrorKeys, type CommitmentErrorKey, type CommitmentFields, type ProgressUpdateInput } from "~/features/commitments/rules";
import type { CommitmentFilters } from "~/features/commitments/queries/lists.server";
import { firstErrorPerField, hasHiddenCharacters, lineBreakOrControl as controlCharacters, readFormFields, repeatedIsInvalid } from "~/lib/forms";

// The forms of the commitments area, one schema each, shared by pages and actions. Error
// messages are keys of t.commitments.errors, so one schema speaks Spanish and English.

export { commitmentErrorKeys, type CommitmentErrorKey };
export type CommitmentFieldErrors = Partial<Record<string, CommitmentErrorKey>>;

const known = new Set<string>(commitmentErrorKeys);

/** One line of text (names and titles end up in mail subjects). */
export const line = (max: number) =>
  z
    .string({ required_error: "required", invalid_type_error: "invalid" })
    .trim()
    .min(1, "required")
    .max(max, "tooLong")
    .refine((v) => !controlCharacters.test(v), "invalid")
    .refine((v) => !hasHiddenCharacters(v), "hiddenCharacters");

export const optionalLine = (max: number) =>
  z
    .string({ invalid_type_error: "invalid" })
    .trim()
    .max(max, "tooLong")
    .refine((v) => !controlCharacters.test(v), "invalid")
    .refine((v) => !hasHiddenCharacters(v), "hiddenCharacters")
    .optional()
    .transform((v) => v ?? "");

/** Several lines (a description, a note): line breaks are fine, other control characters not. */
export const optionalParagraph = (max: number) =>
  z
    .string({ invalid_type_error: "invalid" })
    .trim()
    .max(max, "tooLong")
    // eslint-disable-next-line no-control-regex
    .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), "invalid")
    .optional()
    .transform((v) => v ?? "");

export const emailAddress = () =>
  z
    .string({ required_error: "required", invalid_type_error: "invalid" })
    .trim()
    .min(1, "required")
    .max(254, "tooLong")
    .email("email")
    .transform((v) => v.toLowerCase());

const calendarDay = z
  .string({ required_error: "required", invalid_type_error: "date" })
  .trim()
  .min(1, "required")
  .refine(isCalendarDate, "date");

const optionalId = z
  .string({ invalid_type_error: "invalid" })
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    if (!/^\d{1,9}$/.test(v)) {
      ctx.addIssue({ code: "custom", message: "invalid" });
      return z.NEVER;
    }
    return Number(v);
  });

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "1" || v === "true");

export const commitmentFieldsSchema = z.object({
  title: line(200),
  description: optionalParagraph(2000),
  instrument: z.enum(commitmentInstruments, { errorMap: () => ({ message: "invalid" }) }),
  theme: z.enum(commitmentThemes, { errorMap: () => ({ message: "invalid" }) }),
  agendaItemId: optionalId,
  responsibleName: line(120),
  responsiblePosition: optionalLine(120),
  responsibleEmail: emailAddress(),
  dueDate: calendarDay,
  indicator: optionalLine(300),
  target: optionalLine(200),
});

/** Recording: an organizer also picks the city (an authority's is always its own). */
export const recordCommitmentSchema = commitmentFieldsSchema.extend({
  cityDane: z
    .string()
    .trim()
    .regex(/^\d{5}$/, "city")
    .optional(),
});
export type { CommitmentFields };
// The schema's output is the domain's CommitmentFields (checked here, at compile time).
commitmentFieldsSchema satisfies z.ZodType<CommitmentFields, z.ZodTypeDef, unknown>;

export const httpLink = z
  .string({ invalid_type_error: "invalid" })
  .trim()
  .max(2000, "tooLong")
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      ctx.addIssue({ code: "custom", message: "url" });
      return z.NEVER;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      ctx.addIssue({ code: "custom", message: "url" });
      return z.NEVER;
    }
    return url.href;
  });

export const progressUpdateSchema = z.object({
  status: z.enum(commitmentStatuses, { errorMap: () => ({ message: "status" }) }),
  progress: z
    .string({ required_error: "required", invalid_type_error: "progressRange" })
    .trim()
    .min(1, "required")
    .regex(/^\d{1,3}$/, "progressRange")
    .transform(Number)
    .refine((n) => n >= 0 && n <= 100, "progressRange"),
  note: optionalParagraph(2000),
  evidenceUrl: httpLink,
});
export type { ProgressUpdateInput };
progressUpdateSchema satisfies z.ZodType<ProgressUpdateInput, z.ZodTypeDef, unknown>;

export const validateSchema = z.object({ note: optionalParagraph(2000) });
export const reopenSchema = z.object({ note: optionalParagraph(2000).refine((v) => v.length > 0, "required") });

export const planSchema = z.object({
  enabled: checkbox,
  reminderDays: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const days = parseReminderDays(v ?? "");
      if (!days) {
        ctx.addIssue({ code: "custom", message: "reminderDays" });
        return z.NEVER;
      }
      return days;
    }),
  overdueNotice: checkbox,
  weeklyOverdue: checkbox,
  escalateAfterWeeks: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v || v.trim() === "") return null;
      const n = Number(v);
      if (!/^\d{1,2}$/.test(v.trim()) || n < 1 || n > 52) {
        ctx.addIssue({ code: "custom", message: "weeks" });
        return z.NEVER;
      }
      return n;
    }),
  sendHour: z
    .string({ required_error: "required" })
    .trim()
    .regex(/^\d{1,2}$/, "hour")
    .transform(Number)
    .refine((n) => n >= 0 && n <= 23, "hour"),
});

export const focalPointSchema = z.object({
  cityDane: z.string().trim().regex(/^\d{5}$/, "city"),
  focalPointName: optionalLine(120),
  focalPointEmail: z
    .string()
    .trim()
    .max(254, "tooLong")
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      if (!z.string().email().safeParse(v).success) {
        ctx.addIssue({ code: "custom", message: "email" });
        return z.NEVER;
      }
      return v.toLowerCase();
    }),
});

export type FormOutcome<T> =
  | { ok: true; data: T }
  | { ok: false; errors: CommitmentFieldErrors; values: Record<string, string> };

/** Parses a form; a repeated text field counts as invalid (a value no text schema accepts), a lone file as absent. */
export function parseCommitmentForm<S extends z.ZodTypeAny>(schema: S, formData: FormData): FormOutcome<z.output<S>> {
  const { raw, values } = readFormFields(formData, repeatedIsInvalid);
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: issuesToErrors(result.error.issues), values };
}

export function issuesToErrors(issues: z.ZodIssue[]): CommitmentFieldErrors {
  return firstErrorPerField<CommitmentErrorKey>(issues, (message) => known.has(message));
}

// ---- filters of the organizers' list (query string; a bad value is dropped) ----

export const commitmentFilterSchema = z.object({
  encuentro: z.string().max(120).regex(/^[a-z0-9-]+$/).optional().catch(undefined),
  ciudad: z.string().regex(/^\d{5}$/).optional().catch(undefined),
  estado: z.enum(commitmentStatuses).optional().catch(undefined),
  instrumento: z.enum(commitmentInstruments).optional().catch(undefined),
  tema: z.enum(commitmentThemes).optional().catch(undefined),
  vencidos: z.literal("1").optional().catch(undefined),
  sinRecordatorios: z.literal("1").optional().catch(undefined),
});
export type CommitmentFilterQuery = z.output<typeof commitmentFilterSchema>;

/** The query as the page echoes it back, and the filters the list and the exports apply. */
const commitmentFiltersFromQuery = commitmentFilterSchema.transform((query) => {
  const filters: CommitmentFilters = {
    encounterSlug: query.encuentro,
    cityDane: query.ciudad,
    status: query.estado,
    instrument: query.instrumento,
    theme: query.tema,
    overdue: query.vencidos === "1",
    remindersStopped: query.sinRecordatorios === "1",
  };
  return { query, filters };
});

export function readCommitmentFilters(url: URL): { query: CommitmentFilterQuery; filters: CommitmentFilters } {
  const raw = Object.fromEntries([...url.searchParams.entries()].filter(([, v]) => v !== ""));
  return commitmentFiltersFromQuery.parse(raw);
}
