import type { Insertable, Selectable } from "kysely";
import type { DB } from "~db/client";
import type { InvitationsTable } from "~db/schema";
import { makeEncounter } from "./encounter";
import { makeParticipant } from "./participant";
import { makeRosterEntry } from "./roster-entry";
import { cityIdOf, dane, sequence } from "./sequence";

export type InvitationOverrides = Partial<Insertable<InvitationsTable>> & {
  /** The city by DANE code, when `city_id` is not given (Bogotá by default). */
  cityDane?: string;
};

/**
 * A city's invitation as the app keeps it, sent now to a typed address unless a focal point is
 * given, for a new encounter unless `encounter_id` is given. No mail is queued: a test of the
 * mail invites through the app (inviteCities).
 */
export async function makeInvitation(db: DB, overrides: InvitationOverrides = {}): Promise<Selectable<InvitationsTable>> {
  const { cityDane, ...columns } = overrides;
  const n = sequence();
  const now = new Date().toISOString();
  const encounterId = columns.encounter_id ?? (await makeEncounter(db)).id;
  const cityId = columns.city_id ?? (await cityIdOf(db, cityDane ?? dane.bogota));
  return db
    .insertInto("invitations")
    .values({
      typed_email: columns.focal_point_id ? null : `enlace.${n}@alcaldia.gov.co`,
      sent_at: now,
      updated_at: now,
      ...columns,
      encounter_id: encounterId,
      city_id: cityId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A focal point (enlace) of the city: a new participant of the city on its roster with role 'focal_point'. */
export async function makeFocalPoint(db: DB, cityDane: string = dane.bogota) {
  const cityId = await cityIdOf(db, cityDane);
  const participant = await makeParticipant(db, { city_id: cityId });
  await makeRosterEntry(db, { participant_id: participant.id, city_id: cityId, role: "focal_point" });
  return participant;
}
