import type { DB } from "~db/client";
import type { AgendaKind, SpeakerRole } from "~db/schema";
import {
  checkScheduledItem,
  netAgendaChanges,
  scheduledInput,
  toScheduled,
  type AgendaChange,
  type AgendaItemInput,
  type AgendaSnapshot,
  type ScheduleIssue,
} from "~/features/agenda/rules";
import { isValidRecipient } from "~/features/mail/rules";

// Reads of an encounter's agenda, its untold changes and the notices sent about them. Nothing
// here writes or opens a transaction: the writers are in commands/.

export interface AgendaEntry {
  id: number;
  starts_at: string;
  ends_at: string;
  title: string;
  description: string;
  kind: AgendaKind;
  room: string;
  position: number;
  sequence: number;
  created_at: string;
  updated_at: string | null;
  speakers: { name: string; organization: string; role: SpeakerRole }[];
}

/** The agenda in order, each item with its speakers (two queries, not one per item). */
export async function listAgenda(db: DB, encounterId: number): Promise<AgendaEntry[]> {
  const items = await db
    .selectFrom("agenda_items")
    .select(["id", "starts_at", "ends_at", "title", "description", "kind", "room", "position", "sequence", "created_at", "updated_at"])
    .where("encounter_id", "=", encounterId)
    .orderBy("starts_at")
    .orderBy("position")
    .orderBy("id")
    .execute();
  if (items.length === 0) return [];
  const links = await db
    .selectFrom("agenda_item_speakers")
    .innerJoin("speakers", "speakers.id", "agenda_item_speakers.speaker_id")
    .innerJoin("agenda_items", "agenda_items.id", "agenda_item_speakers.agenda_item_id")
    .select(["agenda_item_speakers.agenda_item_id", "speakers.name", "speakers.organization", "agenda_item_speakers.role"])
    // By encounter rather than "in (every item id)": the same answer without a 200-value list.
    .where("agenda_items.encounter_id", "=", encounterId)
    .orderBy("agenda_item_speakers.agenda_item_id")
    .orderBy("agenda_item_speakers.position")
    .execute();
  const byItem = new Map<number, AgendaEntry["speakers"]>();
  for (const { agenda_item_id, name, organization, role } of links) {
    let list = byItem.get(agenda_item_id);
    if (!list) byItem.set(agenda_item_id, (list = []));
    list.push({ name, organization, role });
  }
  return items.map((item) => ({ ...item, speakers: byItem.get(item.id) ?? [] }));
}

/** One item, only if it belongs to this encounter (an id from another encounter is not found). */
export async function findAgendaItem(db: DB, encounterId: number, itemId: number): Promise<AgendaEntry | null> {
  const item = await db
    .selectFrom("agenda_items")
    .select(["id", "starts_at", "ends_at", "title", "description", "kind", "room", "position", "sequence", "created_at", "updated_at"])
    .where("encounter_id", "=", encounterId)
    .where("id", "=", itemId)
    .executeTakeFirst();
  if (!item) return null;
  const speakers = await db
    .selectFrom("agenda_item_speakers")
    .innerJoin("speakers", "speakers.id", "agenda_item_speakers.speaker_id")
    .select(["speakers.name", "speakers.organization", "agenda_item_speakers.role"])
    .where("agenda_item_speakers.agenda_item_id", "=", item.id)
    .orderBy("agenda_item_speakers.position")
    .execute();
  return { ...item, speakers };
}

/** The agenda's changes since registered people were last told, netted per item (see netAgendaChanges). */
export async function listPendingAgendaChanges(db: DB, encounterId: number): Promise<AgendaChange[]> {
  const rows = await db
    .selectFrom("agenda_changes")
    .select(["agenda_item_id", "before"])
    .where("encounter_id", "=", encounterId)
    .where("notified_at", "is", null)
    .orderBy("id")
    .execute();
  if (rows.length === 0) return [];
  const firstBefore = new Map<number, AgendaSnapshot | null>();
  for (const row of rows) {
    if (!firstBefore.has(row.agenda_item_id)) firstBefore.set(row.agenda_item_id, row.before ? (JSON.parse(row.before) as AgendaSnapshot) : null);
  }
  const current = new Map(
    (
      await db
        .selectFrom("agenda_items")
        .select(["id", "title", "kind", "room", "starts_at", "ends_at", "sequence"])
        .where("encounter_id", "=", encounterId)
        .where("id", "in", [...firstBefore.keys()])
        .execute()
    ).map((item) => [item.id, item]),
  );
  return netAgendaChanges(firstBefore, current);
}

/** The scheduling problems an item would have with the rest of the agenda (before saving). */
export async function checkAgendaItem(
  db: DB,
  encounter: { id: number; starts_at: string; ends_at: string },
  input: AgendaItemInput,
  itemId: number | null,
): Promise<ScheduleIssue[]> {
  const agenda = await listAgenda(db, encounter.id);
  return checkScheduledItem(encounter, scheduledInput(input, itemId), agenda.map(toScheduled));
}

// ---- Notices of changes ---------------------------------------------------------------------

/** The people who would get the notice: registered (confirmed or waiting), with a usable address. */
export async function listAgendaNoticeRecipients(db: DB, encounterId: number) {
  const rows = await db
    .selectFrom("registrations")
    .innerJoin("participants", "participants.id", "registrations.participant_id")
    .select(["registrations.id as registration_id", "registrations.participant_id", "registrations.locale", "participants.email", "participants.full_name"])
    .where("registrations.encounter_id", "=", encounterId)
    .where("registrations.status", "in", ["confirmed", "waitlisted"])
    .orderBy("registrations.id")
    .execute();
  return rows.filter((r) => isValidRecipient(r.email));
}

export async function lastAgendaNotice(db: DB, encounterId: number) {
  return (
    (await db
      .selectFrom("agenda_notifications")
      .select(["id", "recipients", "changes", "created_at"])
      .where("encounter_id", "=", encounterId)
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst()) ?? null
  );
}
