import type { DB } from "~db/client";
import { agendaHours, normalizeCode } from "~/features/certificates/rules";

// Reads of attendance certificates: one person's facts, a code's, every attendee's, the hours
// each attended, and the encounter's certificate design (text, logos, signatories).

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
      "registrations.locale",
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

/**
 * The hours each of these registrations attended, by registration id (checked-in people only).
 *
 * Until attendance is taken per session, everyone who checked in at the door is counted the
 * hours the agenda fills (agendaHours: sessions without breaks, parallel ones once). The change
 * that brings per-session check-in refines this one function: the certificate, the
 * verification page and the reports read hours only through it.
 */
export async function hoursAttended(db: DB, encounterId: number, registrationIds: readonly number[]): Promise<Map<number, number>> {
  const hours = new Map<number, number>();
  if (registrationIds.length === 0) return hours;
  const encounter = await db.selectFrom("encounters").select(["starts_at", "ends_at"]).where("id", "=", encounterId).executeTakeFirst();
  if (!encounter) return hours;
  const items = await db.selectFrom("agenda_items").select(["starts_at", "ends_at", "kind"]).where("encounter_id", "=", encounterId).execute();
  const total = agendaHours(items, encounter);
  const checkedIn = new Set<number>();
  for (let i = 0; i < registrationIds.length; i += 500) {
    const rows = await db
      .selectFrom("registrations")
      .select("id")
      .where("encounter_id", "=", encounterId)
      .where("checked_in_at", "is not", null)
      .where("id", "in", registrationIds.slice(i, i + 500))
      .execute();
    for (const row of rows) checkedIn.add(row.id);
  }
  for (const id of registrationIds) if (checkedIn.has(id)) hours.set(id, total);
  return hours;
}

/** The encounter's agenda hours as the certificate editor shows them. */
export async function encounterAgendaHours(db: DB, encounterId: number): Promise<number> {
  const encounter = await db.selectFrom("encounters").select(["starts_at", "ends_at"]).where("id", "=", encounterId).executeTakeFirstOrThrow();
  const items = await db.selectFrom("agenda_items").select(["starts_at", "ends_at", "kind"]).where("encounter_id", "=", encounterId).execute();
  return agendaHours(items, encounter);
}

export interface CertificateSettings {
  textEs: string;
  textEn: string;
  showHours: boolean;
}

/** The encounter's certificate settings; the defaults when organizers never set them. */
export async function certificateSettings(db: DB, encounterId: number): Promise<CertificateSettings> {
  const row = await db.selectFrom("certificate_settings").selectAll().where("encounter_id", "=", encounterId).executeTakeFirst();
  return { textEs: row?.text_es ?? "", textEn: row?.text_en ?? "", showHours: row ? row.show_hours === 1 : true };
}

export async function certificateLogos(db: DB, encounterId: number) {
  return db
    .selectFrom("certificate_logos")
    .select(["id", "institution", "file_key", "content_type", "width", "height", "size"])
    .where("encounter_id", "=", encounterId)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export async function certificateSignatories(db: DB, encounterId: number) {
  return db
    .selectFrom("certificate_signatories")
    .select(["id", "name", "title", "signature_key", "signature_type", "signature_width", "signature_height"])
    .where("encounter_id", "=", encounterId)
    .orderBy("position")
    .orderBy("id")
    .execute();
}
