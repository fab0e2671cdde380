import type { Insertable, Selectable } from "kysely";
import type { DB } from "~db/client";
import type { CityRosterTable } from "~db/schema";
import { makeParticipant } from "./participant";

export type RosterEntryOverrides = Partial<Insertable<CityRosterTable>>;

/**
 * A person verified as speaking for their city (a new participant unless `participant_id` is
 * given; the city is the participant's own unless `city_id` is given), an official unless
 * `role: "focal_point"`, holding the participant's entity and position. Written directly: a
 * test of the roster's own rules verifies through the app.
 */
export async function makeRosterEntry(db: DB, overrides: RosterEntryOverrides = {}): Promise<Selectable<CityRosterTable>> {
  const participant =
    overrides.participant_id === undefined
      ? await makeParticipant(db)
      : await db.selectFrom("participants").selectAll().where("id", "=", overrides.participant_id).executeTakeFirstOrThrow();
  const at = new Date().toISOString();
  return db
    .insertInto("city_roster")
    .values({
      city_id: participant.city_id,
      verified_at: at,
      verified_via: "organizer",
      entity: participant.entity,
      position: participant.position,
      focal_point_since: overrides.role === "focal_point" ? at : null,
      ...overrides,
      participant_id: participant.id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
