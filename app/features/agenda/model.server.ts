import type { DB } from "~db/client";
import type { AgendaKind, Encounter, EncounterStatus, SpeakerRole } from "~db/schema";
import type { AgendaItemInput } from "~/features/agenda/forms";
import { checkScheduledItem, moveInAgenda, sortAgenda, type ScheduleIssue, type ScheduledItem } from "~/features/agenda/rules";
import { utcToWallTime, wallTimeToUtc } from "~/lib/time";
import { recordAudit } from "~/server/audit.server";
import { writeTransaction } from "~db/write-transaction";

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

// ---- Changes, as people who registered will want to hear of them ----------------------------

/** What an item was before a change: enough to tell people what moved and to cancel it in calendars. */
export interface AgendaSnapshot {
  title: string;
  kind: AgendaKind;
  room: string;
  starts_at: string;
  ends_at: string;
  sequence: number;
}

function snapshotOf(item: AgendaSnapshot): AgendaSnapshot {
  return { title: item.title, kind: item.kind, room: item.room, starts_at: item.starts_at, ends_at: item.ends_at, sequence: item.sequence };
}

type EncounterRef = Pick<Encounter, "id" | "status" | "starts_at" | "ends_at" | "timezone">;

/** Drafts have no audience: only a published (or closed) encounter's changes are kept for a notice. */
async function recordAgendaChange(
  trx: DB,
  encounter: { id: number; status: EncounterStatus },
  itemId: number,
  action: "created" | "updated" | "removed",
  before: AgendaSnapshot | null,
): Promise<void> {
  if (encounter.status === "draft") return;
  await trx
    .insertInto("agenda_changes")
    .values({ encounter_id: encounter.id, agenda_item_id: itemId, action, before: before ? JSON.stringify(snapshotOf(before)) : null })
    .execute();
}

/** Marks the pending changes as known to everyone (after a notice, or when nobody could care). */
export async function settleAgendaChanges(trx: DB, encounterId: number, notificationId: number | null = null): Promise<number> {
  const result = await trx
    .updateTable("agenda_changes")
    .set({ notified_at: new Date().toISOString(), notification_id: notificationId })
    .where("encounter_id", "=", encounterId)
    .where("notified_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export type AgendaChangeField = "time" | "room" | "title";

export interface AgendaChange {
  itemId: number;
  change: "added" | "removed" | "changed";
  /** The item now (for a removed one: as it was). */
  title: string;
  kind: AgendaKind;
  room: string;
  starts_at: string;
  ends_at: string;
  sequence: number;
  before: AgendaSnapshot | null;
  fields: AgendaChangeField[];
}

/**
 * The agenda's changes since registered people were last told, netted per item: an item added
 * and removed again is no news; one moved and moved back neither. Only what people act on
 * counts: the time, the room, the title, an item added or removed.
 */
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
  const changes: AgendaChange[] = [];
  for (const [itemId, before] of firstBefore) {
    const now = current.get(itemId);
    if (!before && !now) continue;
    if (!before && now) {
      changes.push({ itemId, change: "added", ...snapshotOf(now), before: null, fields: [] });
    } else if (before && !now) {
      changes.push({ itemId, change: "removed", ...before, sequence: before.sequence + 1, before, fields: [] });
    } else if (before && now) {
      const fields: AgendaChangeField[] = [];
      if (before.starts_at !== now.starts_at || before.ends_at !== now.ends_at) fields.push("time");
      if (before.room.trim() !== now.room.trim()) fields.push("room");
      if (before.title.trim() !== now.title.trim()) fields.push("title");
      if (fields.length) changes.push({ itemId, change: "changed", ...snapshotOf(now), before, fields });
    }
  }
  return changes.sort((a, b) => (a.starts_at < b.starts_at ? -1 : a.starts_at > b.starts_at ? 1 : a.itemId - b.itemId));
}

// ---- Editing ------------------------------------------------------------------------------------

export function toScheduled(item: Pick<AgendaEntry, "id" | "title" | "kind" | "room" | "starts_at" | "ends_at" | "speakers">): ScheduledItem {
  return { id: item.id, title: item.title, kind: item.kind, room: item.room, starts_at: item.starts_at, ends_at: item.ends_at, speakers: item.speakers };
}

function candidateOf(input: AgendaItemInput, id: number | null): ScheduledItem {
  return { id, title: input.title, kind: input.kind, room: input.room, starts_at: input.startsAt, ends_at: input.endsAt, speakers: input.speakers };
}

/** The scheduling problems an item would have with the rest of the agenda (before saving). */
export async function checkAgendaItem(db: DB, encounter: EncounterRef, input: AgendaItemInput, itemId: number | null): Promise<ScheduleIssue[]> {
  const agenda = await listAgenda(db, encounter.id);
  return checkScheduledItem(encounter, candidateOf(input, itemId), agenda.map(toScheduled));
}

async function renumber(trx: DB, encounterId: number): Promise<void> {
  const items = await trx.selectFrom("agenda_items").select(["id", "starts_at", "ends_at", "position"]).where("encounter_id", "=", encounterId).execute();
  for (const [position, item] of sortAgenda(items).entries()) {
    if (item.position !== position) await trx.updateTable("agenda_items").set({ position }).where("id", "=", item.id).execute();
  }
}

async function replaceSpeakers(trx: DB, itemId: number, speakers: AgendaItemInput["speakers"]): Promise<void> {
  const previous = await trx.selectFrom("agenda_item_speakers").select("speaker_id").where("agenda_item_id", "=", itemId).execute();
  await trx.deleteFrom("agenda_item_speakers").where("agenda_item_id", "=", itemId).execute();
  for (const [position, speaker] of speakers.entries()) {
    const { id } = await trx.insertInto("speakers").values({ name: speaker.name, organization: speaker.organization }).returning("id").executeTakeFirstOrThrow();
    await trx.insertInto("agenda_item_speakers").values({ agenda_item_id: itemId, speaker_id: id, role: speaker.role, position }).execute();
  }
  await deleteOrphanSpeakers(trx, previous.map((p) => p.speaker_id));
}

async function deleteOrphanSpeakers(trx: DB, speakerIds: number[]): Promise<void> {
  if (speakerIds.length === 0) return;
  await trx
    .deleteFrom("speakers")
    .where("id", "in", speakerIds)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("agenda_item_speakers").select("speaker_id").whereRef("agenda_item_speakers.speaker_id", "=", "speakers.id"))))
    .execute();
}

export async function createAgendaItem(db: DB, encounter: EncounterRef, input: AgendaItemInput, actor: string): Promise<number> {
  return writeTransaction(db, async (trx) => {
    const last = await trx
      .selectFrom("agenda_items")
      .select((eb) => eb.fn.max("position").as("max"))
      .where("encounter_id", "=", encounter.id)
      .executeTakeFirst();
    const now = new Date().toISOString();
    const { id } = await trx
      .insertInto("agenda_items")
      .values({
        encounter_id: encounter.id,
        title: input.title,
        description: input.description,
        kind: input.kind,
        room: input.room,
        starts_at: input.startsAt,
        ends_at: input.endsAt,
        position: Number(last?.max ?? -1) + 1,
        sequence: 0,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await replaceSpeakers(trx, id, input.speakers);
    await renumber(trx, encounter.id);
    await recordAgendaChange(trx, encounter, id, "created", null);
    await recordAudit(trx, { actor, action: "agenda.create", entity: "encounter", entityId: encounter.id, data: { itemId: id, title: input.title, starts_at: input.startsAt, ends_at: input.endsAt, room: input.room } });
    return id;
  });
}

function sameSpeakers(a: AgendaEntry["speakers"], b: AgendaItemInput["speakers"]): boolean {
  return a.length === b.length && a.every((s, i) => s.name === b[i].name && s.organization === b[i].organization && s.role === b[i].role);
}

/** Saves an edit; a real change raises the item's SEQUENCE so that calendars take the new version. */
export async function updateAgendaItem(db: DB, encounter: EncounterRef, item: AgendaEntry, input: AgendaItemInput, actor: string): Promise<"updated" | "unchanged"> {
  const fields = {
    title: input.title,
    description: input.description,
    kind: input.kind,
    room: input.room,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
  };
  const changed = Object.fromEntries(
    (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => item[k] !== fields[k]).map((k) => [k, [item[k], fields[k]]]),
  );
  const speakersChanged = !sameSpeakers(item.speakers, input.speakers);
  if (Object.keys(changed).length === 0 && !speakersChanged) return "unchanged";
  await writeTransaction(db, async (trx) => {
    await trx
      .updateTable("agenda_items")
      .set((eb) => ({ ...fields, sequence: eb("sequence", "+", 1), updated_at: new Date().toISOString() }))
      .where("id", "=", item.id)
      .where("encounter_id", "=", encounter.id)
      .execute();
    if (speakersChanged) await replaceSpeakers(trx, item.id, input.speakers);
    await renumber(trx, encounter.id);
    await recordAgendaChange(trx, encounter, item.id, "updated", item);
    await recordAudit(trx, { actor, action: "agenda.update", entity: "encounter", entityId: encounter.id, data: { itemId: item.id, title: input.title, changed, speakersChanged } });
  });
  return "updated";
}

export async function deleteAgendaItem(db: DB, encounter: EncounterRef, item: AgendaEntry, actor: string): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const speakerIds = (await trx.selectFrom("agenda_item_speakers").select("speaker_id").where("agenda_item_id", "=", item.id).execute()).map((s) => s.speaker_id);
    await trx.deleteFrom("agenda_items").where("id", "=", item.id).where("encounter_id", "=", encounter.id).execute();
    await deleteOrphanSpeakers(trx, speakerIds);
    await renumber(trx, encounter.id);
    await recordAgendaChange(trx, encounter, item.id, "removed", item);
    await recordAudit(trx, { actor, action: "agenda.delete", entity: "encounter", entityId: encounter.id, data: { itemId: item.id, title: item.title, starts_at: item.starts_at } });
  });
}

export type MoveResult = { status: "moved" | "unchanged" } | { status: "blocked"; issues: Array<{ item: ScheduledItem; issue: ScheduleIssue }> };

/**
 * Moves an item to another place in the agenda's order (one step for the arrow buttons, more
 * for a drag), re-timing it and the items it passes so that durations and gaps stay (see
 * moveInAgenda). Refused when the new times would make a problem that was not there before.
 */
export async function moveAgendaItem(db: DB, encounter: EncounterRef, itemId: number, step: "up" | "down" | { to: number }, actor: string): Promise<MoveResult> {
  const agenda = await listAgenda(db, encounter.id);
  const index = agenda.findIndex((item) => item.id === itemId);
  const toIndex = step === "up" ? index - 1 : step === "down" ? index + 1 : step.to;
  // Past either end (the first item moved up) nothing moves.
  if (index < 0 || toIndex < 0 || toIndex >= agenda.length) return { status: "unchanged" };
  const moved = moveInAgenda(agenda, itemId, toIndex);
  if (!moved) return { status: "unchanged" };
  const before = new Map(agenda.map((item) => [item.id, item]));
  const retimed = moved.filter((item) => {
    const old = before.get(item.id)!;
    return old.starts_at !== item.starts_at || old.ends_at !== item.ends_at;
  });
  const oldScheduled = agenda.map(toScheduled);
  const newScheduled = moved.map(toScheduled);
  const newIssues: Array<{ item: ScheduledItem; issue: ScheduleIssue }> = [];
  for (const item of retimed) {
    const known = new Set(checkScheduledItem(encounter, toScheduled(before.get(item.id)!), oldScheduled).map((i) => i.key));
    const candidate = toScheduled(item);
    for (const issue of checkScheduledItem(encounter, candidate, newScheduled)) if (!known.has(issue.key)) newIssues.push({ item: candidate, issue });
  }
  if (newIssues.length) return { status: "blocked", issues: newIssues };
  await writeTransaction(db, async (trx) => {
    const now = new Date().toISOString();
    for (const item of moved) {
      const old = before.get(item.id)!;
      const timeChanged = old.starts_at !== item.starts_at || old.ends_at !== item.ends_at;
      if (!timeChanged && old.position === item.position) continue;
      if (timeChanged) {
        await trx
          .updateTable("agenda_items")
          .set((eb) => ({ starts_at: item.starts_at, ends_at: item.ends_at, position: item.position, sequence: eb("sequence", "+", 1), updated_at: now }))
          .where("id", "=", item.id)
          .execute();
        await recordAgendaChange(trx, encounter, item.id, "updated", old);
      } else {
        await trx.updateTable("agenda_items").set({ position: item.position }).where("id", "=", item.id).execute();
      }
    }
    await recordAudit(trx, {
      actor,
      action: "agenda.move",
      entity: "encounter",
      entityId: encounter.id,
      data: { itemId, toIndex, retimed: retimed.map((i) => ({ id: i.id, starts_at: i.starts_at, ends_at: i.ends_at })) },
    });
  });
  return { status: "moved" };
}

// ---- Whole-agenda operations (used by encounter edits and duplicates) -----------------------

/** The same local hour, some days later (or earlier), in a zone: not simply 24 h per day across a DST change. */
export function shiftInstant(instant: string, days: number, zone: string, toZone = zone): string {
  const wall = utcToWallTime(instant, zone);
  const date = new Date(Date.parse(`${wall.date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return wallTimeToUtc(date, wall.time, toZone);
}

/** Moves every item of an encounter by whole days, keeping local hours (and the new zone's clock). */
export async function shiftAgendaDays(trx: DB, encounter: Pick<Encounter, "id" | "status" | "timezone">, fromZone: string, days: number, actor: string): Promise<number> {
  const items = await trx
    .selectFrom("agenda_items")
    .select(["id", "title", "kind", "room", "starts_at", "ends_at", "sequence"])
    .where("encounter_id", "=", encounter.id)
    .execute();
  const now = new Date().toISOString();
  let moved = 0;
  for (const item of items) {
    const starts_at = shiftInstant(item.starts_at, days, fromZone, encounter.timezone);
    const ends_at = shiftInstant(item.ends_at, days, fromZone, encounter.timezone);
    if (starts_at === item.starts_at && ends_at === item.ends_at) continue;
    await trx
      .updateTable("agenda_items")
      .set((eb) => ({ starts_at, ends_at, sequence: eb("sequence", "+", 1), updated_at: now }))
      .where("id", "=", item.id)
      .execute();
    await recordAgendaChange(trx, encounter, item.id, "updated", item);
    moved++;
  }
  if (moved) {
    await renumber(trx, encounter.id);
    await recordAudit(trx, { actor, action: "agenda.shift", entity: "encounter", entityId: encounter.id, data: { days, items: moved } });
  }
  return moved;
}

/** Copies an agenda (items and their people) into another encounter, mapping each time. */
export async function copyAgenda(trx: DB, fromEncounterId: number, toEncounterId: number, mapInstant: (instant: string) => string): Promise<number> {
  const items = await listAgenda(trx, fromEncounterId);
  const now = new Date().toISOString();
  for (const [position, item] of items.entries()) {
    const { id } = await trx
      .insertInto("agenda_items")
      .values({
        encounter_id: toEncounterId,
        title: item.title,
        description: item.description,
        kind: item.kind,
        room: item.room,
        starts_at: mapInstant(item.starts_at),
        ends_at: mapInstant(item.ends_at),
        position,
        sequence: 0,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await replaceSpeakers(trx, id, item.speakers);
  }
  return items.length;
}
