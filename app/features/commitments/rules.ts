import type { CommitmentInstrument, CommitmentStatus, CommitmentTheme } from "~db/schema";
import { addDaysTo, localDate } from "~/lib/calendar-date";
import { defaultPlan, type PlanRules } from "~/features/commitments/follow-up/rules";

// The rules of a city's commitments as pure functions and types: who acts, what an edit may
// change, which due dates are allowed, how a follow-up plan row reads, and what every
// commitment mail says about its commitment. The commands apply them inside their transaction;
// the forms speak their error codes.

export type CommitmentActor =
  | { kind: "participant"; id: number; name: string; cityId: number }
  | { kind: "organizer"; id: number; name: string }
  | { kind: "responsible"; email: string; name: string };

/** The reasons a form or a rule refuses; each is a key of t.commitments.errors. */
export const commitmentErrorKeys = [
  "required",
  "email",
  "tooLong",
  "invalid",
  "hiddenCharacters",
  "date",
  "dueBeforeEncounter",
  "dueTooFar",
  "progressRange",
  "status",
  "url",
  "doneNeedsNote",
  "droppedNeedsNote",
  "nothingChanged",
  "locked",
  "conflict",
  "stoppedByOrganizer",
  "notDone",
  "alreadyValidated",
  "notReopenable",
  "agendaItem",
  "city",
  "reminderDays",
  "weeks",
  "hour",
  "evidenceTooLarge",
  "evidenceType",
  "evidenceName",
  "evidenceMalformed",
] as const;
export type CommitmentErrorKey = (typeof commitmentErrorKeys)[number];

/** A rule of the domain refused the change; nothing was written. */
export class CommitmentRuleError extends Error {
  constructor(
    readonly field: string,
    readonly code: CommitmentErrorKey,
    readonly status = 400,
  ) {
    super(`Compromiso: ${field} ${code}`);
    this.name = "CommitmentRuleError";
  }
}

/** The details of a commitment, as recorded and edited (the form's checked output). */
export interface CommitmentFields {
  title: string;
  description: string;
  instrument: CommitmentInstrument;
  theme: CommitmentTheme;
  agendaItemId: number | null;
  responsibleName: string;
  responsiblePosition: string;
  responsibleEmail: string;
  dueDate: string;
  indicator: string;
  target: string;
}

/** An update of status and progress, with a note and an evidence link. */
export interface ProgressUpdateInput {
  status: CommitmentStatus;
  progress: number;
  note: string;
  evidenceUrl: string | null;
}

export interface EvidenceFile {
  key: string;
  originalName: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** Fields an edit may change, with their columns; each one named in the history entry. */
export const editableColumns = {
  title: "title",
  description: "description",
  instrument: "instrument",
  theme: "theme",
  agendaItemId: "agenda_item_id",
  responsibleName: "responsible_name",
  responsiblePosition: "responsible_position",
  responsibleEmail: "responsible_email",
  dueDate: "due_date",
  indicator: "indicator",
  target: "target",
} as const satisfies Record<keyof CommitmentFields, string>;

type CommitmentColumns = { [K in keyof CommitmentFields as (typeof editableColumns)[K]]: CommitmentFields[K] | null };

export const editableFields = Object.keys(editableColumns) as Array<keyof CommitmentFields>;

/** The fields whose value differs from the commitment's row. */
export function changedFields(current: CommitmentColumns, fields: CommitmentFields): Array<keyof CommitmentFields> {
  return editableFields.filter((field) => (current[editableColumns[field]] ?? null) !== (fields[field] ?? null));
}

const maxYearsAhead = 10;

/** A due date falls between the encounter's local day and ten years after it. */
export function checkDueDate(due: string, encounter: { starts_at: string; timezone: string }) {
  const start = localDate(encounter.starts_at, encounter.timezone);
  if (due < start) throw new CommitmentRuleError("dueDate", "dueBeforeEncounter");
  if (due > addDaysTo(start, Math.round(maxYearsAhead * 365.25))) throw new CommitmentRuleError("dueDate", "dueTooFar");
}

type PlanRow = {
  enabled: number;
  reminder_days: string;
  overdue_notice: number;
  weekly_overdue: number;
  escalate_after_weeks: number | null;
  send_hour: number;
};

/** An encounter's stored follow-up plan; no row means the default plan. */
export function planFromRow(row: PlanRow | null | undefined): PlanRules {
  if (!row) return defaultPlan;
  const days = row.reminder_days
    .split(",")
    .map((d) => Number(d.trim()))
    .filter((d) => Number.isInteger(d) && d >= 0);
  return {
    enabled: Boolean(row.enabled),
    reminderDays: [...new Set(days)].sort((a, b) => b - a),
    overdueNotice: Boolean(row.overdue_notice),
    weeklyOverdue: Boolean(row.weekly_overdue),
    escalateAfterWeeks: row.escalate_after_weeks,
    sendHour: row.send_hour,
  };
}

/** What every commitment mail says about the commitment. */
export function mailCommitment(c: {
  title: string;
  city_name: string;
  instrument: CommitmentInstrument;
  due_date: string;
  description: string;
  status: CommitmentStatus;
  progress: number;
}) {
  return {
    title: c.title,
    cityName: c.city_name,
    instrument: c.instrument,
    dueDate: c.due_date,
    description: c.description || undefined,
    status: c.status,
    progress: c.progress,
  };
}
