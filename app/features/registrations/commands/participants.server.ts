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

/** Inserts the person unless the email exists; either way returns the stored row. */
export async function ensureParticipant(db: DB, input: ParticipantProfile & { email: string; cityId: number; locale: Locale }, now: string) {
  const inserted = await db
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
    .executeTakeFirst();
  const participant = await db.selectFrom("participants").selectAll().where("email", "=", input.email).executeTakeFirstOrThrow();
  return { participant, created: Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 };
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
