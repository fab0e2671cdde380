import { scaleSteps, type QuestionKind } from "~/features/questions/kinds";

// The rules of surveys, pure: when a survey takes answers, when its mail is due, how a matrix
// names its fields, and the figures its results page shows. Times are UTC ISO text.

export type SurveyState = "upcoming" | "open" | "closed";

export interface SurveyWindow {
  opens_at: string;
  closes_at: string;
}

/** Whether the survey takes answers at `now`: from its opening (included) to its closing (excluded). */
export function surveyState(survey: SurveyWindow, now = new Date()): SurveyState {
  const at = now.toISOString();
  if (at < survey.opens_at) return "upcoming";
  return at < survey.closes_at ? "open" : "closed";
}

/** Why a survey's window is refused, if it is. */
export function windowRefusal(opensAt: string, closesAt: string): "closesBeforeOpening" | null {
  return closesAt <= opensAt ? "closesBeforeOpening" : null;
}

/**
 * The survey an encounter's address (/encuentros/:slug/encuesta) shows: the one open now (the
 * latest opened, when several are), else the next to open, else the last that closed (whose
 * page says when it closed); null without surveys.
 */
export function currentSurvey<T extends SurveyWindow & { id: number }>(surveys: readonly T[], now = new Date()): T | null {
  const open = surveys.filter((s) => surveyState(s, now) === "open").sort((a, b) => b.opens_at.localeCompare(a.opens_at) || b.id - a.id);
  if (open.length) return open[0];
  const upcoming = surveys.filter((s) => surveyState(s, now) === "upcoming").sort((a, b) => a.opens_at.localeCompare(b.opens_at) || a.id - b.id);
  if (upcoming.length) return upcoming[0];
  const closed = [...surveys].sort((a, b) => b.closes_at.localeCompare(a.closes_at) || b.id - a.id);
  return closed[0] ?? null;
}

export interface MailPlan extends SurveyWindow {
  mail_after_end: number;
  mail_delay_hours: number;
  reminder_days: number;
  invited_at: string | null;
  reminded_at: string | null;
  mode: "linked" | "anonymous";
}

const hour = 3_600_000;

/**
 * When the invitation after the encounter is due: `mail_delay_hours` after it ends, or when the
 * survey opens if that is later; null when it is off, already sent, or would come after closing.
 */
export function invitationDueAt(survey: MailPlan, encounterEndsAt: string): string | null {
  if (!survey.mail_after_end || survey.invited_at) return null;
  const afterEnd = new Date(new Date(encounterEndsAt).getTime() + survey.mail_delay_hours * hour).toISOString();
  const due = afterEnd > survey.opens_at ? afterEnd : survey.opens_at;
  return due < survey.closes_at ? due : null;
}

/**
 * When the one reminder is due: `reminder_days` after the invitation, to those who did not
 * answer. Only a linked survey knows who did; null when off, sent, or after closing.
 */
export function reminderDueAt(survey: MailPlan): string | null {
  if (survey.mode !== "linked" || !survey.mail_after_end || !survey.invited_at || survey.reminded_at || survey.reminder_days <= 0) return null;
  const due = new Date(new Date(survey.invited_at).getTime() + survey.reminder_days * 24 * hour).toISOString();
  return due < survey.closes_at ? due : null;
}

/** The prefix of a matrix row's fields: a session's answer to a per-session question is `s<item>-q-<question>`. */
export const sessionPrefix = (agendaItemId: number): string => `s${agendaItemId}-`;

/** Agenda kinds nobody evaluates. */
export const unratedAgendaKinds: readonly string[] = ["break"];

/** A share as a whole percentage ("—" as null when there is no base). */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 100) : null;
}

/** The mean of a scale's counts per step (1 to 5), to one decimal; null without answers. */
export function scaleMean(counts: readonly number[]): number | null {
  const n = counts.reduce((a, b) => a + b, 0);
  if (!n) return null;
  const sum = counts.reduce((total, count, i) => total + count * Number(scaleSteps[i]), 0);
  return Math.round((sum / n) * 10) / 10;
}

/** The kinds whose answers the results list one by one (the words people wrote). */
export const listedKinds: readonly QuestionKind[] = ["short_text", "long_text"];

/** The kinds summarised by their figures (numbers and dates: least, most, and for numbers the mean). */
export const summarisedKinds: readonly QuestionKind[] = ["number", "date"];

/**
 * Who a survey is for (the base of its response rate, the people its mail goes to): those who
 * came (checked in) once check-in started, the confirmed registrations before that (a survey may
 * open before the day, or an encounter may not use check-in).
 */
export const forThoseWhoCame = (checkedIn: number): boolean => checkedIn > 0;

/** The most new anonymous answers one client address may send to one survey in an hour (a whole room on one network). */
export const anonymousClientRule = { limit: 150, windowMs: hour } as const;

/** How long the browser cookie of anonymous surveys lives: longer than any survey stays open. */
export const browserCookieDays = 400;
