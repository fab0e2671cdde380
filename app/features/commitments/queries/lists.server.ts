import type { DB } from "~db/client";
import type { CommitmentInstrument, CommitmentStatus, CommitmentTheme } from "~db/schema";
import { addDaysTo, localDate } from "~/lib/calendar-date";
import { defaultPlan, isOverdue, nextReminder, openStatuses, type PlanRules } from "~/features/commitments/follow-up/rules";
import { plansByEncounter } from "./follow-up.server";

// Lists of commitments: the organizers' (filtered), a city's, and the exports'.

export interface ListedCommitment {
  id: number;
  title: string;
  encounterSlug: string;
  encounterTitle: string;
  cityName: string;
  cityDane: string;
  instrument: CommitmentInstrument;
  theme: CommitmentTheme;
  status: CommitmentStatus;
  progress: number;
  dueDate: string;
  responsibleName: string;
  responsibleEmail: string;
  validatedAt: string | null;
  remindersStoppedAt: string | null;
  updatedAt: string;
  /** The encounter's zone, in which the commitment's times are shown. */
  encounterTimezone: string;
  overdue: boolean;
  /** The next reminder's day to the responsible official, if any. */
  nextReminderOn: string | null;
}

function listQuery(db: DB) {
  return db
    .selectFrom("commitments")
    .innerJoin("encounters", "encounters.id", "commitments.encounter_id")
    .innerJoin("cities", "cities.id", "commitments.city_id")
    .select([
      "commitments.id",
      "commitments.title",
      "commitments.instrument",
      "commitments.theme",
      "commitments.status",
      "commitments.progress",
      "commitments.due_date",
      "commitments.responsible_name",
      "commitments.responsible_email",
      "commitments.validated_at",
      "commitments.reminders_stopped_at",
      "commitments.created_at",
      "commitments.updated_at",
      "commitments.encounter_id",
      "encounters.slug as encounter_slug",
      "encounters.title as encounter_title",
      "encounters.timezone as encounter_timezone",
      "encounters.starts_at as encounter_starts_at",
      "cities.name as city_name",
      "cities.dane as city_dane",
    ]);
}

type ListRow = Awaited<ReturnType<ReturnType<typeof listQuery>["execute"]>>[number];

function toListed(row: ListRow, plans: Map<number, PlanRules>, now: Date): ListedCommitment {
  const today = localDate(now, row.encounter_timezone);
  const plan = plans.get(row.encounter_id) ?? defaultPlan;
  const next = nextReminder(
    plan,
    {
      status: row.status,
      dueDate: row.due_date,
      createdOn: localDate(row.created_at, row.encounter_timezone),
      remindersStopped: row.reminders_stopped_at !== null,
    },
    today,
  );
  return {
    id: row.id,
    title: row.title,
    encounterSlug: row.encounter_slug,
    encounterTitle: row.encounter_title,
    cityName: row.city_name,
    cityDane: row.city_dane,
    instrument: row.instrument,
    theme: row.theme,
    status: row.status,
    progress: row.progress,
    dueDate: row.due_date,
    responsibleName: row.responsible_name,
    responsibleEmail: row.responsible_email,
    validatedAt: row.validated_at,
    remindersStoppedAt: row.reminders_stopped_at,
    updatedAt: row.updated_at,
    encounterTimezone: row.encounter_timezone,
    overdue: isOverdue(row.status, row.due_date, today),
    nextReminderOn: next?.on ?? null,
  };
}

/** A city's commitments across encounters: open ones by due date first, then the rest. */
export async function listCityCommitments(db: DB, cityId: number, now = new Date()): Promise<ListedCommitment[]> {
  const [rows, plans] = await Promise.all([
    listQuery(db).where("commitments.city_id", "=", cityId).orderBy("commitments.due_date").orderBy("commitments.id").execute(),
    plansByEncounter(db),
  ]);
  const listed = rows.map((r) => toListed(r, plans, now));
  const rank = (c: ListedCommitment) => (openStatuses.includes(c.status) ? 0 : 1);
  return listed.sort((a, b) => rank(a) - rank(b));
}

export interface CommitmentFilters {
  encounterSlug?: string;
  cityDane?: string;
  status?: CommitmentStatus;
  instrument?: CommitmentInstrument;
  theme?: CommitmentTheme;
  overdue?: boolean;
  remindersStopped?: boolean;
}

/**
 * Organizers' list. "Overdue" is decided in the query against the earliest "today" of any zone
 * in use (a day boundary can only make it stricter), then exactly per encounter in TypeScript.
 */
export async function listCommitments(db: DB, filters: CommitmentFilters, now = new Date()): Promise<ListedCommitment[]> {
  let query = listQuery(db);
  if (filters.encounterSlug) query = query.where("encounters.slug", "=", filters.encounterSlug);
  if (filters.cityDane) query = query.where("cities.dane", "=", filters.cityDane);
  if (filters.status) query = query.where("commitments.status", "=", filters.status);
  if (filters.instrument) query = query.where("commitments.instrument", "=", filters.instrument);
  if (filters.theme) query = query.where("commitments.theme", "=", filters.theme);
  if (filters.remindersStopped) query = query.where("commitments.reminders_stopped_at", "is not", null);
  if (filters.overdue) {
    query = query.where("commitments.status", "in", [...openStatuses]).where("commitments.due_date", "<", addDaysTo(now.toISOString().slice(0, 10), 1));
  }
  const [rows, plans] = await Promise.all([
    query.orderBy("commitments.due_date").orderBy("cities.name").orderBy("commitments.id").execute(),
    plansByEncounter(db),
  ]);
  const listed = rows.map((r) => toListed(r, plans, now));
  return filters.overdue ? listed.filter((c) => c.overdue) : listed;
}
