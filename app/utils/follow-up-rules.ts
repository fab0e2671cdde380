import type { CommitmentStatus } from "~db/schema";
import { addDaysTo, daysBetween } from "./calendar-date";

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

/** Every occurrence of the responsible track up to and including `until`, oldest first. */
function responsibleOccurrences(plan: PlanRules, due: string, until: string): Occurrence[] {
  const out: Occurrence[] = [];
  for (const n of plan.reminderDays) out.push({ track: "responsible", rule: `before-${n}`, on: addDaysTo(due, -n) });
  if (plan.overdueNotice) out.push({ track: "responsible", rule: "overdue", on: addDaysTo(due, 1) });
  if (plan.weeklyOverdue) {
    const weeks = Math.floor(daysBetween(due, until) / 7);
    // Only the last week that has come matters for "latest"; the next one for "next".
    for (const k of [weeks, weeks + 1]) if (k >= 1) out.push({ track: "responsible", rule: "weekly", on: addDaysTo(due, 7 * k) });
  }
  return out.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

function escalationOccurrence(plan: PlanRules, due: string): Occurrence | null {
  return plan.escalateAfterWeeks ? { track: "escalation", rule: "escalation", on: addDaysTo(due, 7 * plan.escalateAfterWeeks) } : null;
}

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
  const out: Occurrence[] = [];
  if (!subject.remindersStopped) {
    const past = responsibleOccurrences(plan, subject.dueDate, today).filter((o) => o.on <= today);
    const latest = past[past.length - 1];
    if (latest && latest.on > subject.createdOn) out.push(latest);
  }
  // Escalation is about the city's commitment, not the official's inbox: it does not stop
  // when the official stops the reminders.
  const escalation = escalationOccurrence(plan, subject.dueDate);
  if (escalation && escalation.on <= today && escalation.on > subject.createdOn) out.push(escalation);
  return out;
}

/** The next reminder to the responsible official after today, for pages; null if none. */
export function nextReminder(plan: PlanRules, subject: FollowUpSubject, today: string): Occurrence | null {
  if (!plan.enabled || !isOpen(subject.status) || subject.remindersStopped) return null;
  return responsibleOccurrences(plan, subject.dueDate, today).find((o) => o.on > today && o.on > subject.createdOn) ?? null;
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
