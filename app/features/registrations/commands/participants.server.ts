import type { DB } from "~db/client";
import type { Locale } from "~db/schema";

// Participants: the officials who register. One row per email address (lowercase), shared by
// all their registrations. Written inside the caller's transaction.

export interface ParticipantProfile {
  fullName: string;
  entity: string;
  position: string;
  phone: string | null;
}

type NewParticipant = ParticipantProfile & { email: string; cityId: number; locale: Locale };

/** Inserts the person unless the email exists: the new row, or undefined when it existed. */
async function insertParticipant(db: DB, input: NewParticipant, now: string) {
  return db
    .insertInto("participants")
    .values({
      email: input.email,
      full_name: input.fullName,
      city_id: input.cityId,
      entity: input.entity,
      position: input.position,
      phone: input.phone,
      locale: input.locale,
      updated_at: now,
    })
    .onConflict((oc) => oc.column("email").doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Inserts the person unless the email exists; either way returns the stored row. */
export async function ensureParticipant(db: DB, input: NewParticipant, now: string) {
  const inserted = await insertParticipant(db, input, now);
  if (inserted) return { participant: inserted, created: true };
  const participant = await db.selectFrom("participants").selectAll().where("email", "=", input.email).executeTakeFirstOrThrow();
  return { participant, created: false };
}

export async function updateParticipantProfile(db: DB, id: number, profile: ParticipantProfile & { cityId?: number; locale?: Locale }, now: string) {
  await db
    .updateTable("participants")
    .set({
      full_name: profile.fullName,
      entity: profile.entity,
      position: profile.position,
      phone: profile.phone,
      ...(profile.cityId !== undefined ? { city_id: profile.cityId } : {}),
      ...(profile.locale !== undefined ? { locale: profile.locale } : {}),
      updated_at: now,
    })
    .where("id", "=", id)
    .execute();
}
