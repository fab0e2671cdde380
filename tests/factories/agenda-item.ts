import type { Insertable } from "kysely";
import type { DB } from "~db/client";
import type { AgendaItem, AgendaItemsTable } from "~db/schema";
import { makeEncounter } from "./encounter";
import { sequence } from "./sequence";

export type AgendaItemOverrides = Partial<Insertable<AgendaItemsTable>>;

/** A one-hour panel at the start of its encounter (a new encounter unless `encounter_id` is given). */
export async function makeAgendaItem(db: DB, overrides: AgendaItemOverrides = {}): Promise<AgendaItem> {
  const n = sequence();
  const encounter =
    overrides.encounter_id === undefined
      ? await makeEncounter(db)
      : await db.selectFrom("encounters").select(["id", "starts_at"]).where("id", "=", overrides.encounter_id).executeTakeFirstOrThrow();
  const startsAt = overrides.starts_at ?? encounter.starts_at;
  return db
    .insertInto("agenda_items")
    .values({
      encounter_id: encounter.id,
      starts_at: startsAt,
      ends_at: new Date(new Date(startsAt).getTime() + 3_600_000).toISOString(),
      title: `Sesión de prueba ${n}`,
      kind: "panel",
      position: n,
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
