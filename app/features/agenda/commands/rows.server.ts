import type { DB } from "~db/client";
import type { Encounter, EncounterStatus } from "~db/schema";
import { listAgenda } from "~/features/agenda/queries.server";
import { shiftInstant, snapshotOf, sortAgenda, type AgendaSnapshot, type SpeakerInput } from "~/features/agenda/rules";
import { recordAudit } from "~/server/audit.server";

// Agenda writes that run inside a caller's write transaction (the caller passes it in): the
// agenda commands beside this file, and the encounter commands that move or copy a whole
// agenda with their encounter.

/** Drafts have no audience: only a published (or closed) encounter's changes are kept for a notice. */
export async function recordAgendaChange(
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

export async function renumber(trx: DB, encounterId: number): Promise<void> {
  const items = await trx.selectFrom("agenda_items").select(["id", "starts_at", "ends_at", "position"]).where("encounter_id", "=", encounterId).execute();
  for (const [position, item] of sortAgenda(items).entries()) {
    if (item.position !== position) await trx.updateTable("agenda_items").set({ position }).where("id", "=", item.id).execute();
  }
}

export async function replaceSpeakers(trx: DB, itemId: number, speakers: SpeakerInput[]): Promise<void> {
  const previous = await trx.selectFrom("agenda_item_speakers").select("speaker_id").where("agenda_item_id", "=", itemId).execute();
  await trx.deleteFrom("agenda_item_speakers").where("agenda_item_id", "=", itemId).execute();
  for (const [position, speaker] of speakers.entries()) {
    const { id } = await trx
      .insertInto("speakers")
      .values({ name: speaker.name, organization: speaker.organization })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("agenda_item_speakers").values({ agenda_item_id: itemId, speaker_id: id, role: speaker.role, position }).execute();
  }
  await deleteOrphanSpeakers(
    trx,
    previous.map((p) => p.speaker_id),
  );
}

export async function deleteOrphanSpeakers(trx: DB, speakerIds: number[]): Promise<void> {
  if (speakerIds.length === 0) return;
  await trx
    .deleteFrom("speakers")
    .where("id", "in", speakerIds)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom("agenda_item_speakers").select("speaker_id").whereRef("agenda_item_speakers.speaker_id", "=", "speakers.id"))),
    )
    .execute();
}

// ---- Whole-agenda operations (used by encounter edits and duplicates) -----------------------

/** Moves every item of an encounter by whole days, keeping local hours (and the new zone's clock). */
export async function shiftAgendaDays(
  trx: DB,
  encounter: Pick<Encounter, "id" | "status" | "timezone">,
  fromZone: string,
  days: number,
  actor: string,
): Promise<number> {
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
