import type { DB } from "~db/client";
import type { CommitmentInstrument, CommitmentStatus, CommitmentTheme, CommitmentUpdateKind } from "~db/schema";
import { writeTransaction } from "~db/write-transaction";
import { actorOf, recordAudit } from "~/server/audit.server";
import { addDaysTo, localDate } from "~/lib/calendar-date";
import { cityAuthorityOf, speaksFor, type CityAuthority } from "~/features/cities/authority.server";
import { repeatWindowStart, sameTitle } from "~/lib/repeated-submission";
import type { CommitmentErrorKey, CommitmentFields, CommitmentFilterQuery, ProgressUpdateInput } from "~/features/commitments/forms";
import { defaultPlan, formatReminderDays, isOverdue, nextReminder, openStatuses, type PlanRules } from "~/features/commitments/follow-up/rules";

// Commitments of the cities and their history. Every change goes through one of the functions
// below, in one transaction with its history row and its audit entry; the status and progress
// of a commitment change only through a history row (commitment_updates).

export type CommitmentActor =
  | { kind: "participant"; id: number; name: string; cityId: number }
  | { kind: "organizer"; id: number; name: string }
  | { kind: "responsible"; email: string; name: string };

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

export interface EvidenceFile {
  key: string;
  originalName: string;
  contentType: string;
  size: number;
  sha256: string;
}

const maxYearsAhead = 10;

function actorLabel(actor: CommitmentActor): string {
  if (actor.kind === "organizer") return actorOf.organizer(actor.id);
  if (actor.kind === "participant") return actorOf.participant(actor.id);
  return actorOf.responsible(actor.email);
}

/**
 * Checked again inside each write's transaction: a verification withdrawn while a form was
 * open stops the change, answered as for another city's commitment.
 */
async function refuseWithoutAuthority(trx: DB, actor: CommitmentActor, cityId: number): Promise<void> {
  if (actor.kind !== "participant") return;
  if (!speaksFor(await cityAuthorityOf(trx, actor.id), cityId)) throw new CommitmentRuleError("_form", "invalid", 404);
}

// ---- reading ------------------------------------------------------------------------------

function commitmentQuery(db: DB) {
  return db
    .selectFrom("commitments")
    .innerJoin("encounters", "encounters.id", "commitments.encounter_id")
    .innerJoin("cities", "cities.id", "commitments.city_id")
    .leftJoin("agenda_items", "agenda_items.id", "commitments.agenda_item_id")
    .selectAll("commitments")
    .select([
      "encounters.slug as encounter_slug",
      "encounters.title as encounter_title",
      "encounters.timezone as encounter_timezone",
      "encounters.starts_at as encounter_starts_at",
      "encounters.status as encounter_status",
      "cities.name as city_name",
      "cities.dane as city_dane",
      "agenda_items.title as agenda_item_title",
    ]);
}

export type CommitmentDetail = NonNullable<Awaited<ReturnType<typeof findCommitment>>>;

export async function findCommitment(db: DB, id: number) {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  return (await commitmentQuery(db).where("commitments.id", "=", id).executeTakeFirst()) ?? null;
}

/** Organizers see every commitment; a person only those of the city they were verified for. */
export function canAccessCommitment(viewer: { kind: "organizer" } | { kind: "participant"; authority: CityAuthority | null }, commitment: { city_id: number }): boolean {
  return viewer.kind === "organizer" || speaksFor(viewer.authority, commitment.city_id);
}

/** The history entries' columns, for one commitment's page and for the exports. */
function historyQuery(db: DB) {
  return db
    .selectFrom("commitment_updates")
    .select([
      "id",
      "kind",
      "author_kind",
      "author_name",
      "status_from",
      "status_to",
      "progress_from",
      "progress_to",
      "note",
      "evidence_key",
      "evidence_name",
      "evidence_url",
      "evidence_type",
      "evidence_size",
      "created_at",
    ]);
}

export async function listHistory(db: DB, commitmentId: number) {
  return historyQuery(db)
    .where("commitment_id", "=", commitmentId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

export type HistoryEntry = Awaited<ReturnType<typeof listHistory>>[number];

export async function findEvidence(db: DB, commitmentId: number, updateId: number) {
  if (!Number.isSafeInteger(updateId) || updateId <= 0) return null;
  return (
    (await db
      .selectFrom("commitment_updates")
      .select(["id", "evidence_key", "evidence_name", "evidence_type", "evidence_size", "evidence_sha256", "created_at"])
      .where("commitment_id", "=", commitmentId)
      .where("id", "=", updateId)
      .where("evidence_key", "is not", null)
      .executeTakeFirst()) ?? null
  );
}

export async function listFollowUpEvents(db: DB, commitmentId: number) {
  return db
    .selectFrom("follow_up_events")
    .select(["id", "rule", "occurs_on", "outcome", "recipients", "detail", "created_at"])
    .where("commitment_id", "=", commitmentId)
    .orderBy("occurs_on", "desc")
    .orderBy("id", "desc")
    .execute();
}

export async function agendaItemsFor(db: DB, encounterId: number) {
  return db
    .selectFrom("agenda_items")
    .select(["id", "title", "kind", "starts_at"])
    .where("encounter_id", "=", encounterId)
    .where("kind", "!=", "break")
    .orderBy("starts_at")
    .orderBy("position")
    .execute();
}

/** The locale mail to this address should use: the participant's, if the person is one. */
export async function localeForEmail(db: DB, email: string): Promise<"es" | "en"> {
  const row = await db.selectFrom("participants").select("locale").where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
  return row?.locale ?? "es";
}

// ---- follow-up plans ------------------------------------------------------------------------

type PlanRow = {
  enabled: number;
  reminder_days: string;
  overdue_notice: number;
  weekly_overdue: number;
  escalate_after_weeks: number | null;
  send_hour: number;
};

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

export async function getPlan(db: DB, encounterId: number): Promise<PlanRules & { customized: boolean; updatedAt: string | null }> {
  const row = await db.selectFrom("follow_up_plans").selectAll().where("encounter_id", "=", encounterId).executeTakeFirst();
  return { ...planFromRow(row), customized: Boolean(row), updatedAt: row?.updated_at ?? null };
}

export async function plansByEncounter(db: DB): Promise<Map<number, PlanRules>> {
  const rows = await db.selectFrom("follow_up_plans").selectAll().execute();
  return new Map(rows.map((r) => [r.encounter_id, planFromRow(r)]));
}

export async function savePlan(db: DB, encounterId: number, plan: Omit<PlanRules, never>, organizer: { id: number }, now = new Date()): Promise<void> {
  const values = {
    enabled: plan.enabled ? 1 : 0,
    reminder_days: formatReminderDays(plan.reminderDays).replace(/\s/g, ""),
    overdue_notice: plan.overdueNotice ? 1 : 0,
    weekly_overdue: plan.weeklyOverdue ? 1 : 0,
    escalate_after_weeks: plan.escalateAfterWeeks,
    send_hour: plan.sendHour,
    updated_at: now.toISOString(),
    updated_by: organizer.id,
  };
  await writeTransaction(db, async (trx) => {
    await trx
      .insertInto("follow_up_plans")
      .values({ encounter_id: encounterId, ...values })
      .onConflict((oc) => oc.column("encounter_id").doUpdateSet(values))
      .execute();
    await recordAudit(trx, { actor: actorOf.organizer(organizer.id), action: "follow_up_plan.save", entity: "encounter", entityId: encounterId, data: plan });
  });
}

export async function listRunners(db: DB) {
  return db.selectFrom("follow_up_runners").selectAll().orderBy("last_run_at", "desc").limit(5).execute();
}

export async function followUpCounts(db: DB, encounterId: number) {
  const rows = await db
    .selectFrom("follow_up_events")
    .innerJoin("commitments", "commitments.id", "follow_up_events.commitment_id")
    .select(["follow_up_events.rule", "follow_up_events.outcome", "follow_up_events.occurs_on"])
    .where("commitments.encounter_id", "=", encounterId)
    .execute();
  const reminders = rows.filter((r) => r.outcome === "queued" && r.rule !== "escalation").length;
  const escalations = rows.filter((r) => r.outcome === "queued" && r.rule === "escalation").length;
  const skipped = rows.filter((r) => r.outcome === "skipped").length;
  const last = rows.reduce<string | null>((max, r) => (max === null || r.occurs_on > max ? r.occurs_on : max), null);
  return { reminders, escalations, skipped, last };
}

// ---- focal points and feeds ------------------------------------------------------------------

export async function saveFocalPoint(
  db: DB,
  cityId: number,
  focal: { name: string; email: string | null },
  organizer: { id: number },
): Promise<void> {
  await writeTransaction(db, async (trx) => {
    await trx
      .updateTable("cities")
      .set({ focal_point_name: focal.email ? focal.name || null : null, focal_point_email: focal.email })
      .where("id", "=", cityId)
      .execute();
    await recordAudit(trx, { actor: actorOf.organizer(organizer.id), action: "city.focal_point", entity: "city", entityId: cityId, data: focal });
  });
}

/** Voids the city's calendar feed link given out so far (a new one is shown). */
export async function rotateCityFeed(db: DB, cityId: number, organizer: { id: number }): Promise<void> {
  await writeTransaction(db, async (trx) => {
    await trx
      .updateTable("cities")
      .set((eb) => ({ calendar_feed_version: eb("calendar_feed_version", "+", 1) }))
      .where("id", "=", cityId)
      .execute();
    await recordAudit(trx, { actor: actorOf.organizer(organizer.id), action: "city.feed_rotate", entity: "city", entityId: cityId });
  });
}

// ---- lists ---------------------------------------------------------------------------------------

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
    { status: row.status, dueDate: row.due_date, createdOn: localDate(row.created_at, row.encounter_timezone), remindersStopped: row.reminders_stopped_at !== null },
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

export function filtersFromQuery(q: CommitmentFilterQuery): CommitmentFilters {
  return {
    encounterSlug: q.encuentro,
    cityDane: q.ciudad,
    status: q.estado,
    instrument: q.instrumento,
    theme: q.tema,
    overdue: q.vencidos === "1",
    remindersStopped: q.sinRecordatorios === "1",
  };
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
    query = query
      .where("commitments.status", "in", [...openStatuses])
      .where("commitments.due_date", "<", addDaysTo(now.toISOString().slice(0, 10), 1));
  }
  const [rows, plans] = await Promise.all([
    query.orderBy("commitments.due_date").orderBy("cities.name").orderBy("commitments.id").execute(),
    plansByEncounter(db),
  ]);
  const listed = rows.map((r) => toListed(r, plans, now));
  return filters.overdue ? listed.filter((c) => c.overdue) : listed;
}

/** Every history entry of the given commitments, oldest first, for exports. */
export async function historyOf(db: DB, commitmentIds: number[]) {
  const out: Array<HistoryEntry & { commitment_id: number }> = [];
  for (let i = 0; i < commitmentIds.length; i += 500) {
    const chunk = commitmentIds.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await historyQuery(db)
      .select("commitment_id")
      .where("commitment_id", "in", chunk)
      .orderBy("commitment_id")
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    out.push(...rows);
  }
  return out;
}

// ---- writing ----------------------------------------------------------------------------------

function checkDueDate(due: string, encounter: { starts_at: string; timezone: string }) {
  const start = localDate(encounter.starts_at, encounter.timezone);
  if (due < start) throw new CommitmentRuleError("dueDate", "dueBeforeEncounter");
  if (due > addDaysTo(start, Math.round(maxYearsAhead * 365.25))) throw new CommitmentRuleError("dueDate", "dueTooFar");
}

async function checkAgendaItem(db: DB, agendaItemId: number | null, encounterId: number) {
  if (agendaItemId === null) return;
  const item = await db.selectFrom("agenda_items").select("id").where("id", "=", agendaItemId).where("encounter_id", "=", encounterId).executeTakeFirst();
  if (!item) throw new CommitmentRuleError("agendaItemId", "agendaItem");
}

async function addHistory(
  db: DB,
  entry: {
    commitmentId: number;
    kind: CommitmentUpdateKind;
    actor: CommitmentActor;
    statusFrom: CommitmentStatus | null;
    statusTo: CommitmentStatus;
    progressFrom: number | null;
    progressTo: number;
    note?: string;
    evidenceUrl?: string | null;
    evidence?: EvidenceFile | null;
    at: string;
  },
): Promise<number> {
  const row = await db
    .insertInto("commitment_updates")
    .values({
      commitment_id: entry.commitmentId,
      kind: entry.kind,
      author_kind: entry.actor.kind,
      author_name: entry.actor.name,
      author_participant_id: entry.actor.kind === "participant" ? entry.actor.id : null,
      status_from: entry.statusFrom,
      status_to: entry.statusTo,
      progress_from: entry.progressFrom,
      progress_to: entry.progressTo,
      note: entry.note ?? "",
      evidence_url: entry.evidenceUrl ?? null,
      evidence_key: entry.evidence?.key ?? null,
      evidence_name: entry.evidence?.originalName ?? null,
      evidence_type: entry.evidence?.contentType ?? null,
      evidence_size: entry.evidence?.size ?? null,
      evidence_sha256: entry.evidence?.sha256 ?? null,
      created_at: entry.at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface NewCommitment {
  encounter: { id: number; starts_at: string; timezone: string };
  cityId: number;
  fields: CommitmentFields;
  actor: CommitmentActor;
  now?: Date;
}

/**
 * The commitment this same author recorded from this same form a moment ago, if any: the second
 * send of a double tap or a resent POST. "The same form" is every field the form sends, for the
 * same encounter and city: the title compared as sameTitle does, the rest exactly (the form has
 * trimmed them and lower-cased the address). Comparing every field, not just the title, keeps a
 * correction safe: someone who goes back, fixes the responsible's address and sends again gets
 * what they sent written, not the old commitment with the wrong address and no mail to the new.
 * An author is one participant or one organizer (by id): two authorities of the same city who
 * record the same text each get theirs written.
 */
async function findRepeatedCommitment(db: DB, input: NewCommitment, now: Date): Promise<number | null> {
  const { encounter, fields, actor } = input;
  if (actor.kind === "responsible") return null;
  const candidates = await db
    .selectFrom("commitments")
    .selectAll()
    .where("encounter_id", "=", encounter.id)
    .where("city_id", "=", input.cityId)
    .where(actor.kind === "participant" ? "created_by_participant_id" : "created_by_organizer_id", "=", actor.id)
    .where("due_date", "=", fields.dueDate)
    .where("created_at", ">=", repeatWindowStart(now))
    .orderBy("id", "desc")
    .execute();
  const same = candidates.find(
    (c) =>
      sameTitle(c.title, fields.title) &&
      (Object.keys(editableColumns) as Array<keyof CommitmentFields>).every((field) => field === "title" || (c[editableColumns[field]] ?? null) === (fields[field] ?? null)),
  );
  return same?.id ?? null;
}

/**
 * Writes a new commitment (status proposed, progress 0) with its first history entry, or, when
 * the same author sent the same form a moment ago, writes nothing and names that commitment
 * (`recorded: false`), so a double tap leads to one commitment.
 */
export async function insertCommitment(db: DB, input: NewCommitment): Promise<{ id: number; recorded: boolean }> {
  const { encounter, fields, actor } = input;
  const now = input.now ?? new Date();
  const at = now.toISOString();
  checkDueDate(fields.dueDate, encounter);
  if (actor.kind === "participant" && actor.cityId !== input.cityId) throw new CommitmentRuleError("cityDane", "city", 403);
  return writeTransaction(db, async (trx) => {
    await refuseWithoutAuthority(trx, actor, input.cityId);
    // Inside the write transaction, so two sends that arrive together cannot both miss the
    // other: writers run one at a time, and the second one finds the first one's row.
    const repeated = await findRepeatedCommitment(trx, input, now);
    if (repeated !== null) return { id: repeated, recorded: false };
    await checkAgendaItem(trx, fields.agendaItemId, encounter.id);
    const row = await trx
      .insertInto("commitments")
      .values({
        encounter_id: encounter.id,
        city_id: input.cityId,
        agenda_item_id: fields.agendaItemId,
        title: fields.title,
        description: fields.description,
        instrument: fields.instrument,
        theme: fields.theme,
        responsible_name: fields.responsibleName,
        responsible_position: fields.responsiblePosition,
        responsible_email: fields.responsibleEmail,
        due_date: fields.dueDate,
        indicator: fields.indicator,
        target: fields.target,
        status: "proposed",
        progress: 0,
        created_by_participant_id: actor.kind === "participant" ? actor.id : null,
        created_by_organizer_id: actor.kind === "organizer" ? actor.id : null,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await addHistory(trx, { commitmentId: row.id, kind: "created", actor, statusFrom: null, statusTo: "proposed", progressFrom: null, progressTo: 0, at });
    await recordAudit(trx, {
      actor: actorLabel(actor),
      action: "commitment.create",
      entity: "commitment",
      entityId: row.id,
      data: { encounterId: encounter.id, cityId: input.cityId, title: fields.title, dueDate: fields.dueDate, responsibleEmail: fields.responsibleEmail },
    });
    return { id: row.id, recorded: true };
  });
}

/** Fields an edit may change; each one named in the history entry. */
const editableColumns = {
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

/** Changes the details of a commitment; returns the fields that changed. */
export async function editCommitment(
  db: DB,
  commitmentId: number,
  fields: CommitmentFields,
  actor: CommitmentActor,
  now = new Date(),
): Promise<{ changed: Array<keyof CommitmentFields>; historyId: number | null }> {
  const at = now.toISOString();
  return writeTransaction(db, async (trx) => {
    const current = await findCommitment(trx, commitmentId);
    if (!current) throw new CommitmentRuleError("_form", "invalid", 404);
    await refuseWithoutAuthority(trx, actor, current.city_id);
    if (current.validated_at) throw new CommitmentRuleError("_form", "locked", 409);
    const changed = (Object.keys(editableColumns) as Array<keyof CommitmentFields>).filter(
      (field) => (current[editableColumns[field]] ?? null) !== (fields[field] ?? null),
    );
    if (changed.length === 0) return { changed, historyId: null };
    if (changed.includes("dueDate")) checkDueDate(fields.dueDate, { starts_at: current.encounter_starts_at, timezone: current.encounter_timezone });
    if (changed.includes("agendaItemId")) await checkAgendaItem(trx, fields.agendaItemId, current.encounter_id);
    const set: Record<string, unknown> = { updated_at: at };
    for (const field of changed) set[editableColumns[field]] = fields[field];
    const result = await trx.updateTable("commitments").set(set).where("id", "=", commitmentId).where("updated_at", "=", current.updated_at).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new CommitmentRuleError("_form", "conflict", 409);
    const historyId = await addHistory(trx, {
      commitmentId,
      kind: "edited",
      actor,
      statusFrom: current.status,
      statusTo: current.status,
      progressFrom: current.progress,
      progressTo: current.progress,
      note: changed.join(","),
      at,
    });
    const before = Object.fromEntries(changed.map((f) => [f, current[editableColumns[f]]]));
    const after = Object.fromEntries(changed.map((f) => [f, fields[f]]));
    await recordAudit(trx, { actor: actorLabel(actor), action: "commitment.edit", entity: "commitment", entityId: commitmentId, data: { before, after } });
    return { changed, historyId };
  });
}

/**
 * The history entry a second send of this same update would repeat: the commitment's latest
 * entry, if it is an update by this author (history keeps the kind and name of an author, which
 * for one commitment tell its people apart) that set this status and progress with this note and
 * evidence link, within the repeat window, and the commitment still stands where it left it.
 * An update that brings an evidence file is never taken for a repeat: the file is what the
 * official came to add, and a second photo of the same page is theirs to send.
 */
async function findRepeatedUpdate(
  db: DB,
  current: { id: number; status: CommitmentStatus; progress: number },
  change: { status: CommitmentStatus; progress: number; note: string; evidenceUrl: string | null; evidence: EvidenceFile | null },
  actor: CommitmentActor,
  now: Date,
): Promise<number | null> {
  if (change.evidence) return null;
  const latest = await db
    .selectFrom("commitment_updates")
    .select(["id", "kind", "author_kind", "author_name", "status_to", "progress_to", "note", "evidence_url", "evidence_key", "created_at"])
    .where("commitment_id", "=", current.id)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  const same =
    latest !== undefined &&
    latest.kind === "update" &&
    latest.author_kind === actor.kind &&
    latest.author_name === actor.name &&
    latest.status_to === change.status &&
    latest.progress_to === change.progress &&
    latest.note === change.note &&
    latest.evidence_url === change.evidenceUrl &&
    latest.evidence_key === null &&
    latest.created_at >= repeatWindowStart(now) &&
    current.status === change.status &&
    current.progress === change.progress;
  return same ? latest.id : null;
}

/**
 * An update of status and progress, with a note and evidence. Rules: a validated commitment is
 * locked until an organizer reopens it; "done" sets progress to 100 and needs a note or
 * evidence; "dropped" needs a note; an update must change or say something. The same update
 * sent again a moment later writes nothing and answers with the first one's entry
 * (`recorded: false`).
 */
export async function updateProgress(
  db: DB,
  commitmentId: number,
  input: ProgressUpdateInput,
  actor: CommitmentActor,
  options: { evidence?: EvidenceFile | null; now?: Date } = {},
): Promise<{ historyId: number; status: CommitmentStatus; progress: number; recorded: boolean }> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const evidence = options.evidence ?? null;
  return writeTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom("commitments")
      .select(["id", "city_id", "status", "progress", "validated_at", "updated_at"])
      .where("id", "=", commitmentId)
      .executeTakeFirst();
    if (!current) throw new CommitmentRuleError("_form", "invalid", 404);
    await refuseWithoutAuthority(trx, actor, current.city_id);
    if (current.validated_at) throw new CommitmentRuleError("_form", "locked", 409);
    const progress = input.status === "done" ? 100 : input.progress;
    // Before the rules: a second send of an update without a note would otherwise meet "nothing
    // changed", an error for an update that was in fact saved.
    const repeated = await findRepeatedUpdate(trx, current, { status: input.status, progress, note: input.note, evidenceUrl: input.evidenceUrl ?? null, evidence }, actor, now);
    if (repeated !== null) return { historyId: repeated, status: input.status, progress, recorded: false };
    const hasEvidence = Boolean(input.evidenceUrl || evidence);
    if (input.status === "done" && current.status !== "done" && !input.note && !hasEvidence) throw new CommitmentRuleError("note", "doneNeedsNote");
    if (input.status === "dropped" && current.status !== "dropped" && !input.note) throw new CommitmentRuleError("note", "droppedNeedsNote");
    if (input.status === current.status && progress === current.progress && !input.note && !hasEvidence) {
      throw new CommitmentRuleError("_form", "nothingChanged");
    }
    const result = await trx
      .updateTable("commitments")
      .set({ status: input.status, progress, updated_at: at })
      .where("id", "=", commitmentId)
      .where("status", "=", current.status)
      .where("progress", "=", current.progress)
      .where("updated_at", "=", current.updated_at)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new CommitmentRuleError("_form", "conflict", 409);
    const historyId = await addHistory(trx, {
      commitmentId,
      kind: "update",
      actor,
      statusFrom: current.status,
      statusTo: input.status,
      progressFrom: current.progress,
      progressTo: progress,
      note: input.note,
      evidenceUrl: input.evidenceUrl,
      evidence,
      at,
    });
    await recordAudit(trx, {
      actor: actorLabel(actor),
      action: "commitment.update",
      entity: "commitment",
      entityId: commitmentId,
      data: {
        status: [current.status, input.status],
        progress: [current.progress, progress],
        note: input.note || undefined,
        evidenceUrl: input.evidenceUrl ?? undefined,
        evidenceFile: evidence ? { key: evidence.key, name: evidence.originalName, size: evidence.size } : undefined,
      },
    });
    return { historyId, status: input.status, progress, recorded: true };
  });
}

/** An organizer confirms that a done commitment is done; it is locked until reopened. */
export async function validateCommitment(db: DB, commitmentId: number, organizer: { id: number; name: string }, note: string, now = new Date()) {
  const at = now.toISOString();
  return writeTransaction(db, async (trx) => {
    const current = await trx.selectFrom("commitments").select(["status", "progress", "validated_at"]).where("id", "=", commitmentId).executeTakeFirst();
    if (!current) throw new CommitmentRuleError("_form", "invalid", 404);
    if (current.validated_at) throw new CommitmentRuleError("_form", "alreadyValidated", 409);
    if (current.status !== "done") throw new CommitmentRuleError("_form", "notDone", 409);
    const result = await trx
      .updateTable("commitments")
      .set({ validated_at: at, updated_at: at })
      .where("id", "=", commitmentId)
      .where("status", "=", "done")
      .where("validated_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new CommitmentRuleError("_form", "conflict", 409);
    const actor: CommitmentActor = { kind: "organizer", id: organizer.id, name: organizer.name };
    await addHistory(trx, { commitmentId, kind: "validated", actor, statusFrom: "done", statusTo: "done", progressFrom: current.progress, progressTo: current.progress, note, at });
    await recordAudit(trx, { actor: actorOf.organizer(organizer.id), action: "commitment.validate", entity: "commitment", entityId: commitmentId, data: { note: note || undefined } });
  });
}

/** An organizer sends a done or dropped commitment back to "in progress", with a reason. */
export async function reopenCommitment(db: DB, commitmentId: number, organizer: { id: number; name: string }, note: string, now = new Date()) {
  const at = now.toISOString();
  if (!note) throw new CommitmentRuleError("note", "required");
  return writeTransaction(db, async (trx) => {
    const current = await trx.selectFrom("commitments").select(["status", "progress", "updated_at"]).where("id", "=", commitmentId).executeTakeFirst();
    if (!current) throw new CommitmentRuleError("_form", "invalid", 404);
    if (current.status !== "done" && current.status !== "dropped") throw new CommitmentRuleError("_form", "notReopenable", 409);
    const result = await trx
      .updateTable("commitments")
      .set({ status: "in_progress", validated_at: null, updated_at: at })
      .where("id", "=", commitmentId)
      .where("updated_at", "=", current.updated_at)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new CommitmentRuleError("_form", "conflict", 409);
    const actor: CommitmentActor = { kind: "organizer", id: organizer.id, name: organizer.name };
    await addHistory(trx, {
      commitmentId,
      kind: "reopened",
      actor,
      statusFrom: current.status,
      statusTo: "in_progress",
      progressFrom: current.progress,
      progressTo: current.progress,
      note,
      at,
    });
    await recordAudit(trx, { actor: actorOf.organizer(organizer.id), action: "commitment.reopen", entity: "commitment", entityId: commitmentId, data: { from: current.status, note } });
  });
}

/** Stops or resumes the reminders to the responsible official; says whether anything changed. */
export async function setRemindersStopped(db: DB, commitmentId: number, stop: boolean, actor: CommitmentActor, now = new Date()): Promise<boolean> {
  const at = now.toISOString();
  return writeTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom("commitments")
      .select(["city_id", "status", "progress", "reminders_stopped_at", "reminders_stopped_by"])
      .where("id", "=", commitmentId)
      .executeTakeFirst();
    if (!current) throw new CommitmentRuleError("_form", "invalid", 404);
    await refuseWithoutAuthority(trx, actor, current.city_id);
    if ((current.reminders_stopped_at !== null) === stop) return false;
    // An organizer's stop (of a responsible nobody confirmed, say) is theirs to undo.
    if (!stop && current.reminders_stopped_by === "organizer" && actor.kind !== "organizer") throw new CommitmentRuleError("_form", "stoppedByOrganizer", 409);
    const result = await trx
      .updateTable("commitments")
      .set({ reminders_stopped_at: stop ? at : null, reminders_stopped_by: stop ? actor.kind : null })
      .where("id", "=", commitmentId)
      .where("reminders_stopped_at", stop ? "is" : "is not", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await addHistory(trx, {
      commitmentId,
      kind: stop ? "reminders_stopped" : "reminders_resumed",
      actor,
      statusFrom: current.status,
      statusTo: current.status,
      progressFrom: current.progress,
      progressTo: current.progress,
      at,
    });
    await recordAudit(trx, { actor: actorLabel(actor), action: stop ? "commitment.reminders_stop" : "commitment.reminders_resume", entity: "commitment", entityId: commitmentId });
    return true;
  });
}
