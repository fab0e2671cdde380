import type { DB } from "~db/client";
import { normalizeCode } from "~/features/certificates/rules";

// Reads of attendance certificates: one person's facts, a code's, and every attendee's.

export function certificateQuery(db: DB) {
  return db
    .selectFrom("registrations")
    .innerJoin("participants", "participants.id", "registrations.participant_id")
    .innerJoin("cities", "cities.id", "participants.city_id")
    .innerJoin("encounters", "encounters.id", "registrations.encounter_id")
    .leftJoin("certificates", "certificates.registration_id", "registrations.id")
    .select([
      "registrations.id as registrationId",
      "registrations.checked_in_at",
      "registrations.participant_id",
      "certificates.code",
      "participants.full_name as fullName",
      "participants.entity",
      "cities.name as city",
      "encounters.id as encounterId",
      "encounters.title as encounterTitle",
      "encounters.slug as encounterSlug",
      "encounters.starts_at as startsAt",
      "encounters.timezone",
      "encounters.venue",
    ]);
}

export async function findCertificateByCode(db: DB, code: string) {
  const normalized = normalizeCode(code);
  if (!normalized) return null;
  const row = await certificateQuery(db).where("certificates.code", "=", normalized).where("registrations.checked_in_at", "is not", null).executeTakeFirst();
  return row ?? null;
}

export async function registrationOwner(db: DB, registrationId: number) {
  return db
    .selectFrom("registrations")
    .select(["id", "participant_id", "manage_token_hash", "checked_in_at", "encounter_id"])
    .where("id", "=", registrationId)
    .executeTakeFirst();
}

/** Every checked-in person of the encounter with their facts and code (null until issued). */
export async function listAttendeeCertificates(db: DB, encounterId: number) {
  return certificateQuery(db)
    .where("registrations.encounter_id", "=", encounterId)
    .where("registrations.checked_in_at", "is not", null)
    .orderBy("registrations.id")
    .execute();
}
