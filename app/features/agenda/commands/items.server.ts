import type { DB } from "~db/client";
import type { Encounter } from "~db/schema";
import { writeTransaction } from "~db/write-transaction";
import { listAgenda, type AgendaEntry } from "~/features/agenda/queries.server";
import {
  issuesAddedByMove,
  moveInAgenda,
  sameSpeakers,
  toScheduled,
  type AgendaItemInput,
  type ScheduledItem,
  type ScheduleIssue,
} from "~/features/agenda/rules";
import { recordAudit } from "~/server/audit.server";
import { publicPagesChanged } from "~/server/public-versions.server";
import { deleteOrphanSpeakers, recordAgendaChange, renumber, replaceSpeakers } from "./rows.server";

// The organizer's changes to an agenda item: each in one write transaction with its audit
// entry and, for a published encounter, the change kept for the next notice.

type EncounterRef = Pick<Encounter, "id" | "status" | "starts_at" | "ends_at" | "timezone">;

/** The item's own columns as an input sets them. */
function itemColumns(input: AgendaItemInput) {
  return { title: input.title, description: input.description, kind: input.kind, room: input.room, starts_at: input.startsAt, ends_at: input.endsAt };
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
        ...itemColumns(input),
        position: Number(last?.max ?? -1) + 1,
        sequence: 0,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await replaceSpeakers(trx, id, input.speakers);
    await renumber(trx, encounter.id);
    await recordAgendaChange(trx, encounter, id, "created", null);
    await publicPagesChanged(trx);
    await recordAudit(trx, {
      actor,
      action: "agenda.create",
      entity: "encounter",
      entityId: encounter.id,
      data: { itemId: id, title: input.title, starts_at: input.startsAt, ends_at: input.endsAt, room: input.room },
    });
    return id;
  });
}

/** Saves an edit; a real change raises the item's SEQUENCE so that calendars take the new version. */
export async function updateAgendaItem(
  db: DB,
  encounter: EncounterRef,
  item: AgendaEntry,
  input: AgendaItemInput,
  actor: string,
): Promise<"updated" | "unchanged"> {
  const fields = itemColumns(input);
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
    await publicPagesChanged(trx);
    await recordAudit(trx, {
      actor,
      action: "agenda.update",
      entity: "encounter",
      entityId: encounter.id,
      data: { itemId: item.id, title: input.title, changed, speakersChanged },
    });
  });
  return "updated";
}

export async function deleteAgendaItem(db: DB, encounter: EncounterRef, item: AgendaEntry, actor: string): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const speakerIds = (await trx.selectFrom("agenda_item_speakers").select("speaker_id").where("agenda_item_id", "=", item.id).execute()).map(
      (s) => s.speaker_id,
    );
    await trx.deleteFrom("agenda_items").where("id", "=", item.id).where("encounter_id", "=", encounter.id).execute();
    await deleteOrphanSpeakers(trx, speakerIds);
    await renumber(trx, encounter.id);
    await recordAgendaChange(trx, encounter, item.id, "removed", item);
    await publicPagesChanged(trx);
    await recordAudit(trx, {
      actor,
      action: "agenda.delete",
      entity: "encounter",
      entityId: encounter.id,
      data: { itemId: item.id, title: item.title, starts_at: item.starts_at },
    });
  });
}

export type MoveResult = { status: "moved" | "unchanged" } | { status: "blocked"; issues: Array<{ item: ScheduledItem; issue: ScheduleIssue }> };

/**
 * Moves an item to another place in the agenda's order (one step for the arrow buttons, more
 * for a drag), re-timing it and the items it passes so that durations and gaps stay (see
 * moveInAgenda). Refused when the new times would make a problem that was not there before.
 */
export async function moveAgendaItem(
  db: DB,
  encounter: EncounterRef,
  itemId: number,
  step: "up" | "down" | { to: number },
  actor: string,
): Promise<MoveResult> {
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
  const newIssues = issuesAddedByMove(encounter, agenda.map(toScheduled), moved.map(toScheduled), new Set(retimed.map((item) => item.id)));
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
    await publicPagesChanged(trx);
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
