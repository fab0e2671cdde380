import type { CommitmentStatus } from "~db/schema";
import { addDaysTo } from "~/lib/calendar-date";

// The reminder rules of an encounter's follow-up plan, as pure functions of dates, so that the
// scheduler, the pages ("next reminder") and the tests read the same answer.
//
// Two tracks per commitment:
// - to the responsible official: `before-N` on the day N days before the due date (for each N
//   in the plan), `overdue` on the first day past it, then `weekly` every 7 days after the due
//   date (7, 14, 21... days overdue);
// - escalation to the city's focal point and the organizers: once, N weeks after the due date.
// On each track only the latest occurrence that applies is ever sent: after downtime the
// scheduler sends that one (with today's figures) and skips the older ones it missed.

export interface PlanRules {
  enabled: boolean;
  /** Days before the due date, distinct, largest first; 0 means on the due date. */
  reminderDays: number[];
  overdueNotice: boolean;
  weeklyOverdue: boolean;
  /** Weeks after the due date; null: never escalate. */
  escalateAfterWeeks: number | null;
  /** Local hour from which the day's reminders go out. */
  sendHour: number;
}

export const defaultPlan: PlanRules = {
  enabled: true,
  reminderDays: [30, 7, 1],
  overdueNotice: true,
  weeklyOverdue: true,
  escalateAfterWeeks: 4,
  sendHour: 8,
};

export const maxReminderDays = 365;
export const maxReminders = 6;

/** "30, 7,1" -> [30, 7, 1]; null when a value is not a whole number of days in range. */
export function parseReminderDays(text: string): number[] | null {
  const parts = text
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length > maxReminders) return null;
  const days: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > maxReminderDays) return null;
    if (!days.includes(n)) days.push(n);
  }
  return days.sort((a, b) => b - a);
}

export function formatReminderDays(days: number[]): string {
  return days.join(", ");
}

export type Track = "responsible" | "escalation";

export interface Occurrence {
  track: Track;
  /** before-30, overdue, weekly, escalation */
  rule: string;
  /** The day the rule falls on. */
  on: string;
}

/** Statuses that still get follow-up mail. */
export const openStatuses: readonly CommitmentStatus[] = ["proposed", "in_progress", "at_risk"];

export function isOpen(status: CommitmentStatus): boolean {
  return openStatuses.includes(status);
}

export function isOverdue(status: CommitmentStatus, dueDate: string, today: string): boolean {
  return isOpen(status) && dueDate < today;
}

// Days are handled as whole numbers (days since 1970-01-01) while deciding, and written back
// as YYYY-MM-DD only for the occurrence chosen: the scheduler decides for thousands of rows.
function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

function dayString(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

type DayOccurrence = { rule: string; on: number };

/** The responsible track's occurrences around `until`, oldest first (weekly: the last one come and the next). */
function responsibleDays(plan: PlanRules, due: number, until: number): DayOccurrence[] {
  const out: DayOccurrence[] = [];
  for (const n of plan.reminderDays) out.push({ rule: `before-${n}`, on: due - n });
  if (plan.overdueNotice) out.push({ rule: "overdue", on: due + 1 });
  if (plan.weeklyOverdue) {
    const weeks = Math.floor((until - due) / 7);
    for (const k of [weeks, weeks + 1]) if (k >= 1) out.push({ rule: "weekly", on: due + 7 * k });
  }
  return out.sort((a, b) => a.on - b.on);
}

const toOccurrence = (track: Track, o: DayOccurrence): Occurrence => ({ track, rule: o.rule, on: dayString(o.on) });

export interface FollowUpSubject {
  status: CommitmentStatus;
  dueDate: string;
  /** The local day it was recorded: rules that fell on or before it are not sent. */
  createdOn: string;
  remindersStopped: boolean;
}

/**
 * What is due on `today` (the local day, already shifted by the plan's send hour), per track:
 * the latest occurrence on or before today and after the day of recording, or nothing.
 */
export function dueOccurrences(plan: PlanRules, subject: FollowUpSubject, today: string): Occurrence[] {
  if (!plan.enabled || !isOpen(subject.status)) return [];
  const due = dayNumber(subject.dueDate);
  const now = dayNumber(today);
  const created = dayNumber(subject.createdOn);
  const out: Occurrence[] = [];
  if (!subject.remindersStopped) {
    let latest: DayOccurrence | null = null;
    for (const o of responsibleDays(plan, due, now)) if (o.on <= now) latest = o;
    if (latest && latest.on > created) out.push(toOccurrence("responsible", latest));
  }
  // Escalation is about the city's commitment, not the official's inbox: it does not stop
  // when the official stops the reminders.
  if (plan.escalateAfterWeeks) {
    const on = due + 7 * plan.escalateAfterWeeks;
    if (on <= now && on > created) out.push(toOccurrence("escalation", { rule: "escalation", on }));
  }
  return out;
}

/** The next reminder to the responsible official after today, for pages; null if none. */
export function nextReminder(plan: PlanRules, subject: FollowUpSubject, today: string): Occurrence | null {
  if (!plan.enabled || !isOpen(subject.status) || subject.remindersStopped) return null;
  const now = dayNumber(today);
  const created = dayNumber(subject.createdOn);
  const next = responsibleDays(plan, dayNumber(subject.dueDate), now).find((o) => o.on > now && o.on > created);
  return next ? toOccurrence("responsible", next) : null;
}

/** The outbox key of an occurrence: `commitment:<id>:<rule>:<date>`. */
export function occurrenceKey(commitmentId: number, occurrence: Pick<Occurrence, "rule" | "on">): string {
  return `commitment:${commitmentId}:${occurrence.rule}:${occurrence.on}`;
}

/**
 * The day whose reminders may go out at `localDay`/`localHour`: before the send hour it is
 * still "yesterday" for the scheduler, so nothing goes out at midnight.
 */
export function schedulerDay(localDay: string, localHour: number, sendHour: number): string {
  return localHour >= sendHour ? localDay : addDaysTo(localDay, -1);
}
