import { z } from "zod";
import type { MessageStatus, RegistrationStatus } from "~db/schema";
import { isValidRecipient } from "~/features/mail/rules";
import { addDaysTo, localDate } from "~/lib/calendar-date";
import { wallTimeToUtc } from "~/lib/time";

// The rules of messages to registrants and of the automatic reminders. Pure: no database, no
// clock (`now` is always a parameter), so the tests move time freely.

// ---- who receives a message -------------------------------------------------------------------

/**
 * The groups an organizer picks from. "attended": checked in (and not cancelled since);
 * "did_not_attend": confirmed and not checked in. They overlap with "confirmed" on purpose:
 * "confirmed" is everyone with a place, whatever happened on the day.
 */
export const segmentStatuses = ["confirmed", "waitlisted", "attended", "did_not_attend"] as const;
export type SegmentStatus = (typeof segmentStatuses)[number];

/**
 * Who a message goes to: registrations in ANY of the statuses, of ANY of the cities (none: all
 * cities), and, when set, whose answer to a registration question is the option given. The
 * answer filter waits for the registration questions (table registration_answers), which are
 * built on another branch: it is stored and read here, and refused by the queries until then.
 */
export interface Segment {
  statuses: SegmentStatus[];
  /** DANE codes; empty means every city. */
  cities: string[];
  answer?: { questionId: number; optionCode: string };
}

export const defaultSegment: Segment = { statuses: ["confirmed"], cities: [] };

const segmentSchema = z.object({
  statuses: z.array(z.enum(segmentStatuses)).min(1).max(segmentStatuses.length),
  cities: z
    .array(z.string().regex(/^\d{5}$/))
    .max(40)
    .default([]),
  answer: z.object({ questionId: z.number().int().positive(), optionCode: z.string().min(1).max(100) }).optional(),
});

/** A segment in a stable form: statuses in their list order, cities sorted, no repeats. */
export function normalizeSegment(segment: Segment): Segment {
  const statuses = segmentStatuses.filter((s) => segment.statuses.includes(s));
  const cities = [...new Set(segment.cities)].sort();
  return segment.answer ? { statuses, cities, answer: segment.answer } : { statuses, cities };
}

export function serializeSegment(segment: Segment): string {
  return JSON.stringify(normalizeSegment(segment));
}

/** The stored JSON read back; a row that does not parse is a programming error, not input. */
export function parseSegment(json: string): Segment {
  return normalizeSegment(segmentSchema.parse(JSON.parse(json)));
}

/** What the database knows of one registration, as far as the segment and the mail care. */
export interface RecipientFacts {
  status: RegistrationStatus;
  checkedIn: boolean;
  cityDane: string;
  /** Entered by someone else and not yet consented to: only that one mail may reach them. */
  consentPending: boolean;
  /** The person asked for no more messages or reminders. */
  messagesStopped: boolean;
  email: string;
  /** The registration's answers, question id -> option codes (once questions exist). */
  answers?: ReadonlyMap<number, readonly string[]>;
}

export function matchesStatus(status: SegmentStatus, facts: Pick<RecipientFacts, "status" | "checkedIn">): boolean {
  switch (status) {
    case "confirmed":
      return facts.status === "confirmed";
    case "waitlisted":
      return facts.status === "waitlisted";
    case "attended":
      return facts.checkedIn && facts.status !== "cancelled";
    case "did_not_attend":
      return facts.status === "confirmed" && !facts.checkedIn;
  }
}

/** Whether a registration is in the segment (who the organizer meant). */
export function inSegment(segment: Segment, facts: RecipientFacts): boolean {
  if (!segment.statuses.some((s) => matchesStatus(s, facts))) return false;
  if (segment.cities.length > 0 && !segment.cities.includes(facts.cityDane)) return false;
  if (segment.answer && !(facts.answers?.get(segment.answer.questionId) ?? []).includes(segment.answer.optionCode)) return false;
  return true;
}

/**
 * An address mail can really reach: a valid one, and not one of the `.invalid` addresses a
 * deleted person's data was replaced with (RFC 2606: never delivered).
 */
export function canReceiveMail(email: string): boolean {
  return isValidRecipient(email) && !/\.invalid$/i.test(email);
}

/**
 * Whether the person gets a non-essential message (a message or a reminder): in the segment,
 * consented, not opted out, reachable.
 */
export function receivesMessage(segment: Segment, facts: RecipientFacts): boolean {
  return inSegment(segment, facts) && !facts.consentPending && !facts.messagesStopped && canReceiveMail(facts.email);
}

// ---- a message's life ----------------------------------------------------------------------

/** What an organizer may still change or cancel: until a scheduler claims it, it has not gone. */
export const changeableStatuses: readonly MessageStatus[] = ["draft", "scheduled"];

export function isChangeable(status: MessageStatus): boolean {
  return changeableStatuses.includes(status);
}

/** The latest a message may be scheduled, from now. */
export const maxScheduleDays = 366;

export type ScheduleProblem = "inPast" | "tooFar";

/** A time to send at: not in the past (a minute's grace for the form's round trip), within a year. */
export function scheduleProblem(sendAt: Date, now: Date): ScheduleProblem | null {
  if (sendAt.getTime() < now.getTime() - 60_000) return "inPast";
  if (sendAt.getTime() > now.getTime() + maxScheduleDays * 86_400_000) return "tooFar";
  return null;
}

/** A message is due once its time has come and it is still scheduled. */
export function isDue(message: { status: MessageStatus; send_at: string | null }, now: Date): boolean {
  return message.status === "scheduled" && message.send_at !== null && message.send_at <= now.toISOString();
}

/** A claim older than this belongs to a scheduler that died mid-send: another one takes it over. */
export const staleClaimMs = 10 * 60_000;

/** The outbox key of one person's copy of a message: the same message reaches a registration once. */
export function deliveryKey(messageId: number, registrationId: number): string {
  return `message:${messageId}:registration:${registrationId}`;
}

/** The body as paragraphs of lines: a blank line starts a paragraph, a line break stays one. */
export function paragraphs(body: string): string[][] {
  return body
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split("\n")
        .map((line) => line.trimEnd())
        .filter((line) => line.trim() !== ""),
    )
    .filter((lines) => lines.length > 0);
}

// ---- automatic reminders -------------------------------------------------------------------

export interface ReminderPlan {
  enabled: boolean;
  /** Whole days before the encounter's first day, largest first. */
  daysBefore: number[];
  /** "HH:MM" in the encounter's zone. */
  sendTime: string;
  whatToBring: string;
}

export const defaultReminderPlan: ReminderPlan = { enabled: true, daysBefore: [7, 1], sendTime: "08:00", whatToBring: "" };

export const reminderLimits = { minDays: 0, maxDays: 90, maxReminders: 5, whatToBringMax: 2000 } as const;

/** Days as stored (JSON) or typed ("7, 1"): whole numbers in range, no repeats, largest first. */
export function normalizeReminderDays(days: readonly number[]): number[] {
  return [...new Set(days)].filter((d) => Number.isInteger(d) && d >= reminderLimits.minDays && d <= reminderLimits.maxDays).sort((a, b) => b - a);
}

/** "7, 1" -> [7, 1]; null when a part is not a whole number in range, or there are too many. */
export function parseReminderDays(text: string): number[] | null {
  const parts = text
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length > reminderLimits.maxReminders) return null;
  const days: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n < reminderLimits.minDays || n > reminderLimits.maxDays) return null;
    days.push(n);
  }
  return normalizeReminderDays(days);
}

export function formatReminderDays(days: readonly number[]): string {
  return days.join(", ");
}

/** The instant a reminder `days` before the encounter's first (local) day goes, at `sendTime` local. */
export function reminderDueAt(encounter: { startsAt: string; timezone: string }, days: number, sendTime: string): string {
  const firstDay = localDate(encounter.startsAt, encounter.timezone);
  return wallTimeToUtc(addDaysTo(firstDay, -days), sendTime, encounter.timezone);
}

/**
 * The reminder due at `now`, if any: of the plan's reminders whose time has come before the
 * encounter starts, the latest one. After downtime (or when reminders are turned on late) the
 * person gets one reminder, the one that applies now, never a burst; an earlier one left behind
 * is not sent later. Which were sent already is the caller's to know (one row per reminder).
 */
export function dueReminder(plan: ReminderPlan, encounter: { startsAt: string; timezone: string }, now: Date): { days: number; dueAt: string } | null {
  if (!plan.enabled) return null;
  const at = now.toISOString();
  if (at >= encounter.startsAt) return null;
  let due: { days: number; dueAt: string } | null = null;
  for (const days of normalizeReminderDays(plan.daysBefore)) {
    const dueAt = reminderDueAt(encounter, days, plan.sendTime);
    if (dueAt <= at && dueAt < encounter.startsAt && (!due || dueAt > due.dueAt)) due = { days, dueAt };
  }
  return due;
}

/** Every reminder of the plan with its time, for the organizers' page. */
export function plannedReminders(plan: ReminderPlan, encounter: { startsAt: string; timezone: string }): Array<{ days: number; dueAt: string }> {
  return normalizeReminderDays(plan.daysBefore).map((days) => ({ days, dueAt: reminderDueAt(encounter, days, plan.sendTime) }));
}

/** How far ahead the scheduler looks for encounters whose reminders could be due. */
export const reminderHorizonDays = reminderLimits.maxDays + 1;

/** A link that finds the venue on a map (OpenStreetMap: no account, no tracking). */
export function mapUrl(parts: Array<string | null | undefined>): string | null {
  const query = parts
    .map((p) => (p ?? "").trim())
    .filter(Boolean)
    .join(", ");
  return query ? `https://www.openstreetmap.org/search?query=${encodeURIComponent(query)}` : null;
}
