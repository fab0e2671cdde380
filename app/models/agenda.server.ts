import type { DB } from "~db/client";
import type { AgendaKind, SpeakerRole } from "~db/schema";

export interface AgendaEntry {
  id: number;
  starts_at: string;
  ends_at: string;
  title: string;
  description: string;
  kind: AgendaKind;
  room: string;
  position: number;
  speakers: { name: string; organization: string; role: SpeakerRole }[];
}

/** The agenda in order, each item with its speakers (two queries, not one per item). */
export async function listAgenda(db: DB, encounterId: number): Promise<AgendaEntry[]> {
  const items = await db
    .selectFrom("agenda_items")
    .select(["id", "starts_at", "ends_at", "title", "description", "kind", "room", "position"])
    .where("encounter_id", "=", encounterId)
    .orderBy("starts_at")
    .orderBy("position")
    .execute();
  if (items.length === 0) return [];
  const links = await db
    .selectFrom("agenda_item_speakers")
    .innerJoin("speakers", "speakers.id", "agenda_item_speakers.speaker_id")
    .select(["agenda_item_speakers.agenda_item_id", "speakers.name", "speakers.organization", "agenda_item_speakers.role"])
    .where(
      "agenda_item_speakers.agenda_item_id",
      "in",
      items.map((i) => i.id),
    )
    .orderBy("agenda_item_speakers.position")
    .execute();
  return items.map((item) => ({
    ...item,
    speakers: links
      .filter((l) => l.agenda_item_id === item.id)
      .map(({ name, organization, role }) => ({ name, organization, role })),
  }));
}
