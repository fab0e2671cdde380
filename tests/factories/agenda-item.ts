import type { Insertable } from "kysely";
import type { DB } from "~db/client";
import type { AgendaItem, AgendaItemsTable, SpeakerRole } from "~db/schema";
import { makeEncounter } from "./encounter";
import { sequence } from "./sequence";

export type AgendaItemOverrides = Partial<Insertable<AgendaItemsTable>> & {
  /** People on the item, in order (none by default). */
  speakers?: { name: string; organization?: string; role?: SpeakerRole }[];
};

/** A one-hour panel at the start of its encounter (a new encounter unless `encounter_id` is given). */
export async function makeAgendaItem(db: DB, overrides: AgendaItemOverrides = {}): Promise<AgendaItem> {
  const { speakers = [], ...columns } = overrides;
  const n = sequence();
  const encounter =
    columns.encounter_id === undefined
      ? await makeEncounter(db)
      : await db.selectFrom("encounters").select(["id", "starts_at"]).where("id", "=", columns.encounter_id).executeTakeFirstOrThrow();
  const startsAt = columns.starts_at ?? encounter.starts_at;
  const item = await db
    .insertInto("agenda_items")
    .values({
      encounter_id: encounter.id,
      starts_at: startsAt,
      ends_at: new Date(new Date(startsAt).getTime() + 3_600_000).toISOString(),
      title: `Sesión de prueba ${n}`,
      kind: "panel",
      position: n,
      ...columns,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  for (const [position, speaker] of speakers.entries()) {
    const { id } = await db
      .insertInto("speakers")
      .values({ name: speaker.name, organization: speaker.organization ?? "" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("agenda_item_speakers")
      .values({ agenda_item_id: item.id, speaker_id: id, role: speaker.role ?? "speaker", position })
      .execute();
  }
  return item;
}
