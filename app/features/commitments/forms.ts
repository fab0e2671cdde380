import { z } from "zod";
import { commitmentInstruments, commitmentStatuses, commitmentThemes } from "~db/schema";
import { calendarDate, checkbox, choice, email, id, optionalSingleLine, orBlank, singleLine } from "~/lib/input-rules";
import { parseReminderDays } from "~/features/commitments/follow-up/rules";
import { commitmentErrorKeys, type CommitmentErrorKey, type CommitmentFields, type ProgressUpdateInput } from "~/features/commitments/rules";
import type { CommitmentFilters } from "~/features/commitments/queries/lists.server";

// The forms of the commitments area, one schema each, built from the shared input rules
// (app/lib/input-rules.ts) and read with conform (docs/decisions/007). Error messages are keys
// of t.commitments.errors, so one schema speaks Spanish and English.

export { commitmentErrorKeys, type CommitmentErrorKey };

// Names and titles end up in mail subjects: a line break there is "invalid", as it always was.
const line = (max: number) => singleLine(max, { lineBreak: "invalid" });
/** A line that may be left blank: blank reads as "" (the columns hold text, never null). */
const optionalLine = (max: number) => optionalSingleLine(max, { lineBreak: "invalid" }).transform((v) => v ?? "");

/** Several lines (a description, a note): line breaks are fine, other control characters not. */
const optionalParagraph = (max: number) =>
  z
    .string({ invalid_type_error: "invalid" })
    .trim()
    .max(max, "tooLong")
    // eslint-disable-next-line no-control-regex -- the control characters are what it refuses
    .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), "invalid")
    .optional()
    .transform((v) => v ?? "");

const cityDane = z
  .string({ invalid_type_error: "city" })
  .trim()
  .regex(/^\d{5}$/, "city");

export const commitmentFieldsSchema = z.object({
  title: line(200),
  description: optionalParagraph(2000),
  instrument: choice(commitmentInstruments),
  theme: choice(commitmentThemes),
  agendaItemId: orBlank(id()),
  responsibleName: line(120),
  responsiblePosition: optionalLine(120),
  responsibleEmail: email(),
  dueDate: calendarDate(),
  indicator: optionalLine(300),
  target: optionalLine(200),
});
export type { CommitmentFields };
// The schema's output is the domain's CommitmentFields (checked at compile time).
commitmentFieldsSchema satisfies z.ZodType<CommitmentFields, z.ZodTypeDef, unknown>;

/** Recording: an organizer also picks the city (an authority's is always its own). */
export const recordCommitmentSchema = commitmentFieldsSchema.extend({ cityDane: cityDane.optional() });

/** A link to evidence: http or https only. */
const httpLink = z
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
  enabled: checkbox(),
  reminderDays: z
    .string({ invalid_type_error: "reminderDays" })
    .optional()
    .transform((v, ctx) => {
      const days = parseReminderDays(v ?? "");
      if (!days) {
        ctx.addIssue({ code: "custom", message: "reminderDays" });
        return z.NEVER;
      }
      return days;
    }),
  overdueNotice: checkbox(),
  weeklyOverdue: checkbox(),
  escalateAfterWeeks: z
    .string({ invalid_type_error: "weeks" })
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
    .string({ required_error: "required", invalid_type_error: "hour" })
    .trim()
    .regex(/^\d{1,2}$/, "hour")
    .transform(Number)
    .refine((n) => n >= 0 && n <= 23, "hour"),
});

/** A new calendar feed link for a city, voiding the one given out. */
export const rotateFeedSchema = z.object({ cityDane });

// ---- filters of the organizers' list (query string; a bad value is dropped) ----

export const commitmentFilterSchema = z.object({
  encuentro: z
    .string()
    .max(120)
    .regex(/^[a-z0-9-]+$/)
    .optional()
    .catch(undefined),
  ciudad: z
    .string()
    .regex(/^\d{5}$/)
    .optional()
    .catch(undefined),
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

/** The reminders' one button: stop them, or resume them. */
export const remindersSchema = z.object({ intent: z.enum(["stopReminders", "resumeReminders"]) });

/** The responsibles review's one-click decisions, each about one row (and the address it showed). */
export const reviewIntents = ["confirm", "stopResponsible", "send", "stopMail", "stopOfficial"] as const;
export type ReviewIntent = (typeof reviewIntents)[number];
export const reviewDecisionSchema = z.object({ intent: z.enum(reviewIntents), id: id(), email: z.string().max(254).optional() });
