import type { DB } from "~db/client";
import { localDate } from "~/lib/calendar-date";
import { isOverdue, nextReminder } from "~/features/commitments/follow-up/rules";
import { getPlan } from "./follow-up.server";

// One commitment and what hangs from it: its history (status and progress change only through
// a history row, commitment_updates), its evidence files, the scheduler's decisions about it,
// and the agenda items it may point at.

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
  return historyQuery(db).where("commitment_id", "=", commitmentId).orderBy("created_at", "desc").orderBy("id", "desc").execute();
}

export type HistoryEntry = Awaited<ReturnType<typeof listHistory>>[number];

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

/**
 * What the commitment pages (the city's and the organizers') show of one commitment's
 * follow-up: its history, whether it is overdue and the day of the next reminder under its
 * encounter's plan.
 */
export async function loadFollowUp(db: DB, commitment: CommitmentDetail, now = new Date()) {
  const [history, plan] = await Promise.all([listHistory(db, commitment.id), getPlan(db, commitment.encounter_id)]);
  const today = localDate(now, commitment.encounter_timezone);
  const next = nextReminder(
    plan,
    {
      status: commitment.status,
      dueDate: commitment.due_date,
      createdOn: localDate(commitment.created_at, commitment.encounter_timezone),
      remindersStopped: commitment.reminders_stopped_at !== null,
    },
    today,
  );
  return { history, overdue: isOverdue(commitment.status, commitment.due_date, today), nextReminderOn: next?.on ?? null };
}

/** The agenda items a commitment may come from (breaks aside). */
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
