import { z } from "zod";
import { parseWallTime } from "~/features/agenda/forms";
import { parseReminderDays, reminderLimits, segmentStatuses, type Segment } from "~/features/messages/rules";
import { hasHiddenCharacters } from "~/lib/input-rules";
import { calendarDate, checkbox, choice, orBlank, repeated, singleLine } from "~/lib/input-rules";

// The forms of the messages area (docs/decisions/007): one schema each, errors as keys of
// t.messages.errors. Each form posts a hidden `intent`, which the actions read first.

export const messageLimits = { subjectMax: 200, bodyMax: 5000 } as const;

// eslint-disable-next-line no-control-regex -- the control characters are what it refuses
const controlCharacter = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Several lines of text (line breaks kept), not blank, without control or hidden characters. */
const paragraph = (max: number) =>
  z
    .string({ required_error: "required", invalid_type_error: "invalid" })
    .trim()
    .min(1, "required")
    .max(max, "tooLong")
    .refine((v) => !controlCharacter.test(v), "invalid")
    .refine((v) => !hasHiddenCharacters(v), "hiddenCharacters");

const optionalParagraph = (max: number) => orBlank(paragraph(max)).transform((v) => v ?? "");

const cityDane = z
  .string({ invalid_type_error: "city" })
  .trim()
  .regex(/^\d{5}$/, "city");

/** A message's text and who it goes to. */
export const messageSchema = z.object({
  subject: singleLine(messageLimits.subjectMax),
  body: paragraph(messageLimits.bodyMax),
  statuses: repeated(choice(segmentStatuses), { max: segmentStatuses.length }).refine((s) => s.length > 0, "noStatus"),
  cities: repeated(cityDane, { max: 40 }),
});
export type MessageFields = z.output<typeof messageSchema>;

export function segmentOf(fields: Pick<MessageFields, "statuses" | "cities">): Segment {
  return { statuses: fields.statuses, cities: fields.cities };
}

const clock = z
  .string({ required_error: "required", invalid_type_error: "invalid" })
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "time");

/**
 * When to send: now (intent "send"), or a date and a time in the encounter's zone (intent
 * "schedule"). The instant is worked out with the zone by `sendInstant`.
 */
export const scheduleSchema = z
  .object({
    intent: z.enum(["send", "schedule"]),
    sendDate: orBlank(calendarDate()),
    sendTime: orBlank(clock),
  })
  .superRefine((v, ctx) => {
    if (v.intent !== "schedule") return;
    if (v.sendDate === null) ctx.addIssue({ code: "custom", path: ["sendDate"], message: "required" });
    if (v.sendTime === null) ctx.addIssue({ code: "custom", path: ["sendTime"], message: "required" });
  });

/** The instant a schedule form means in the zone; a time the clocks skip that day is refused. */
export function sendInstant(
  fields: z.output<typeof scheduleSchema>,
  zone: string,
  now: Date,
): { ok: true; at: Date } | { ok: false; field: "sendDate" | "sendTime"; key: string } {
  if (fields.intent === "send" || fields.sendDate === null || fields.sendTime === null) return { ok: true, at: now };
  const wall = parseWallTime(fields.sendDate, fields.sendTime, zone);
  if (!wall.ok) return { ok: false, field: wall.part === "date" ? "sendDate" : "sendTime", key: wall.error };
  return { ok: true, at: new Date(wall.instant) };
}

/** Cancelling takes nothing but the button. */
export const cancelSchema = z.object({ intent: z.literal("cancel") });

/** An encounter's reminder plan. */
export const reminderPlanSchema = z.object({
  enabled: checkbox(),
  daysBefore: z
    .string({ invalid_type_error: "invalid" })
    .optional()
    .transform((v, ctx) => {
      const days = parseReminderDays(v ?? "");
      if (days === null) {
        ctx.addIssue({ code: "custom", message: "days" });
        return z.NEVER;
      }
      return days;
    }),
  sendTime: clock,
  whatToBring: optionalParagraph(reminderLimits.whatToBringMax),
});
