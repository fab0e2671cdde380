import type { DB } from "~db/client";
import type { Encounter, RegistrationStatus } from "~db/schema";
import { sha256 } from "~/server/session.server";
import { findCityByDane, listCities } from "~/features/cities/queries.server";
import { foldForSearch } from "~/features/cities/search";
import { findEncounterById } from "~/features/encounters/queries.server";
import {
  type CityPlaces,
  type ImportResults,
  type RefusedRow,
  type ValidRow,
  manageLinkUsable,
  type ProfileChanges,
  registrationChangeable,
  type RegistrationListFilters,
} from "~/features/registrations/rules";
import { isManageTokenShape, manageTokenHash } from "~/features/registrations/tokens.server";

// What the registration area reads: registrations with their person and city, the organizers'
// list and counts, the places a city has left, the waiting line, and what a manage link or a
// profile-change link opens. Reads only, database first; never a transaction of their own
// (a command may call them with its transaction).

/** The person's place in line now (1 = next), counting only those still waiting. */
export async function waitlistRank(db: DB, encounterId: number, position: number): Promise<number> {
  const row = await db
    .selectFrom("registrations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("encounter_id", "=", encounterId)
    .where("status", "=", "waitlisted")
    .where("waitlist_position", "<=", position)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The first person in line whose city still has room under its quota, if any. */
export async function firstFittingWaitlisted(trx: DB, encounterId: number) {
  return (
    (await trx
      .selectFrom("registrations")
      .innerJoin("participants", "participants.id", "registrations.participant_id")
      .innerJoin("encounters", "encounters.id", "registrations.encounter_id")
      .leftJoin("encounter_city_places", (join) =>
        join.onRef("encounter_city_places.encounter_id", "=", "registrations.encounter_id").onRef("encounter_city_places.city_id", "=", "participants.city_id"),
      )
      .select(["registrations.id", "participants.city_id"])
      .where("registrations.encounter_id", "=", encounterId)
      .where("registrations.status", "=", "waitlisted")
      .where((eb) => eb(eb.fn.coalesce("encounter_city_places.confirmed_count", eb.lit(0)), "<", eb.ref("encounters.city_quota")))
      .orderBy("registrations.waitlist_position")
      .limit(1)
      .executeTakeFirst()) ?? null
  );
}

const detailColumns = [
  "registrations.id",
  "registrations.encounter_id",
  "registrations.participant_id",
  "registrations.status",
  "registrations.waitlist_position",
  "registrations.needs",
  "registrations.checked_in_at",
  "registrations.checked_in_by",
  "registrations.checkin_code",
  "registrations.manage_nonce",
  "registrations.locale",
  "registrations.source",
  "registrations.consent_at",
  "registrations.consent_pending",
  "registrations.registered_by_organizer_id",
  "registrations.created_at",
  "registrations.updated_at",
  "registrations.cancelled_at",
  "participants.email",
  "participants.full_name",
  "participants.entity",
  "participants.position",
  "participants.phone",
  "participants.city_id",
  "cities.dane as city_dane",
  "cities.name as city_name",
] as const;

function detailQuery(db: DB) {
  return db
    .selectFrom("registrations")
    .innerJoin("participants", "participants.id", "registrations.participant_id")
    .innerJoin("cities", "cities.id", "participants.city_id")
    .select(detailColumns);
}

export type RegistrationDetail = NonNullable<Awaited<ReturnType<typeof findRegistrationById>>>;

export async function findRegistrationById(db: DB, id: number) {
  return (await detailQuery(db).where("registrations.id", "=", id).executeTakeFirst()) ?? null;
}

/** What was done to the registration and by whom, newest first: the organizer's page shows it. */
export async function listRegistrationAudit(db: DB, registrationId: number, limit = 50) {
  return db
    .selectFrom("audit_log")
    .select(["id", "actor", "action", "created_at"])
    .where("entity", "=", "registration")
    .where("entity_id", "=", String(registrationId))
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

export async function findRegistrationByTokenHash(db: DB, hash: string) {
  return (await detailQuery(db).where("registrations.manage_token_hash", "=", hash).executeTakeFirst()) ?? null;
}

export async function findRegistrationFor(db: DB, encounterId: number, participantId: number) {
  return (
    (await detailQuery(db)
      .where("registrations.encounter_id", "=", encounterId)
      .where("registrations.participant_id", "=", participantId)
      .executeTakeFirst()) ?? null
  );
}

export async function findRegistrationByCheckinCode(db: DB, encounterId: number, code: string) {
  return (
    (await detailQuery(db).where("registrations.encounter_id", "=", encounterId).where("registrations.checkin_code", "=", code).executeTakeFirst()) ?? null
  );
}

export interface RegistrationFilters {
  cityId?: number;
  status?: RegistrationStatus;
  checkedIn?: "yes" | "no";
}

/** The organizers' list: confirmed first, then the waiting line in order, then cancellations. */
export async function listRegistrations(db: DB, encounterId: number, filters: RegistrationFilters = {}, limit = 5000) {
  let query = detailQuery(db).where("registrations.encounter_id", "=", encounterId);
  if (filters.cityId) query = query.where("participants.city_id", "=", filters.cityId);
  if (filters.status) query = query.where("registrations.status", "=", filters.status);
  if (filters.checkedIn === "yes") query = query.where("registrations.checked_in_at", "is not", null);
  if (filters.checkedIn === "no") query = query.where("registrations.checked_in_at", "is", null);
  return query
    .orderBy((eb) => eb.case().when("registrations.status", "=", "confirmed").then(0).when("registrations.status", "=", "waitlisted").then(1).else(2).end())
    .orderBy("registrations.waitlist_position")
    .orderBy("cities.name")
    .orderBy("participants.full_name")
    .limit(limit)
    .execute();
}

export interface CityCount {
  cityId: number;
  dane: string;
  name: string;
  confirmed: number;
  waitlisted: number;
  cancelled: number;
  checkedIn: number;
}

/** For every capital city: confirmed, waitlisted, cancelled and arrived, for one encounter. */
export async function countsByCity(db: DB, encounterId: number): Promise<CityCount[]> {
  const [cities, rows] = await Promise.all([
    listCities(db),
    db
      .selectFrom("registrations")
      .innerJoin("participants", "participants.id", "registrations.participant_id")
      .select((eb) => [
        "participants.city_id",
        "registrations.status",
        eb.fn.countAll<number>().as("n"),
        eb.fn.count<number>("registrations.checked_in_at").as("arrived"),
      ])
      .where("registrations.encounter_id", "=", encounterId)
      .groupBy(["participants.city_id", "registrations.status"])
      .execute(),
  ]);
  const byCity = new Map<number, CityCount>(
    cities.map((c) => [c.id, { cityId: c.id, dane: c.dane, name: c.name, confirmed: 0, waitlisted: 0, cancelled: 0, checkedIn: 0 }]),
  );
  for (const row of rows) {
    const count = byCity.get(row.city_id);
    if (!count) continue;
    count[row.status] += Number(row.n);
    if (row.status === "confirmed") count.checkedIn += Number(row.arrived);
  }
  return [...byCity.values()];
}

export async function registrationTotals(db: DB, encounterId: number) {
  const rows = await db
    .selectFrom("registrations")
    .select((eb) => ["status", eb.fn.countAll<number>().as("n"), eb.fn.count<number>("checked_in_at").as("arrived")])
    .where("encounter_id", "=", encounterId)
    .groupBy("status")
    .execute();
  const totals = { confirmed: 0, waitlisted: 0, cancelled: 0, checkedIn: 0 };
  for (const row of rows) {
    totals[row.status] = Number(row.n);
    if (row.status === "confirmed") totals.checkedIn = Number(row.arrived);
  }
  return totals;
}

/** Everyone the person is registered as, across encounters (for the signed-in page). */
export async function listParticipantRegistrations(db: DB, participantId: number) {
  return db
    .selectFrom("registrations")
    .innerJoin("encounters", "encounters.id", "registrations.encounter_id")
    .select([
      "registrations.id",
      "registrations.status",
      "registrations.waitlist_position",
      "registrations.checked_in_at",
      "registrations.encounter_id",
      "registrations.manage_nonce",
      "encounters.slug",
      "encounters.title",
      "encounters.starts_at",
      "encounters.ends_at",
      "encounters.timezone",
      "encounters.venue",
    ])
    .where("registrations.participant_id", "=", participantId)
    .orderBy("encounters.starts_at", "desc")
    .execute();
}

/** Confirmed or waitlisted registrations of the person, other than in the given encounter. */
export async function countOtherActiveRegistrations(db: DB, participantId: number, exceptEncounterId: number): Promise<number> {
  const row = await db
    .selectFrom("registrations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("participant_id", "=", participantId)
    .where("encounter_id", "!=", exceptEncounterId)
    .where("status", "in", ["confirmed", "waitlisted"])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function cityPlaces(
  db: DB,
  encounter: Pick<Encounter, "id" | "capacity" | "city_quota" | "confirmed_count">,
  city: { id: number; name: string },
): Promise<CityPlaces> {
  const row = await db
    .selectFrom("encounter_city_places")
    .select("confirmed_count")
    .where("encounter_id", "=", encounter.id)
    .where("city_id", "=", city.id)
    .executeTakeFirst();
  const taken = Number(row?.confirmed_count ?? 0);
  return {
    city: city.name,
    quota: encounter.city_quota,
    cityLeft: Math.max(0, encounter.city_quota - taken),
    capacity: encounter.capacity,
    encounterLeft: Math.max(0, encounter.capacity - encounter.confirmed_count),
  };
}

/** Every city's free places, by DANE code (for the form, which says them when a city is chosen). */
export async function placesLeftByCity(db: DB, encounter: Pick<Encounter, "id" | "city_quota">): Promise<Record<string, number>> {
  const [cities, taken] = await Promise.all([
    listCities(db),
    db.selectFrom("encounter_city_places").select(["city_id", "confirmed_count"]).where("encounter_id", "=", encounter.id).execute(),
  ]);
  const takenByCity = new Map(taken.map((r) => [r.city_id, Number(r.confirmed_count)]));
  return Object.fromEntries(cities.map((c) => [c.dane, Math.max(0, encounter.city_quota - (takenByCity.get(c.id) ?? 0))]));
}

export type ManagedRegistration = { registration: RegistrationDetail; encounter: Encounter; changeable: boolean };

/** What a manage link opens, or null for a token that is malformed, unknown or past its time. */
export async function openManageLink(db: DB, token: string | undefined, now = new Date()): Promise<ManagedRegistration | null> {
  if (!isManageTokenShape(token)) return null;
  const registration = await findRegistrationByTokenHash(db, manageTokenHash(token));
  if (!registration) return null;
  const encounter = await findEncounterById(db, registration.encounter_id);
  if (!encounter || !manageLinkUsable(encounter, now)) return null;
  return { registration, encounter, changeable: registrationChangeable(encounter, now) };
}

/** Cheap shape check before any lookup: 43 base64url characters. */
function isTokenShape(token: string | undefined): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);
}

export type OpenedProfileChange =
  | { kind: "open"; id: number; registrationId: number; participantId: number; changes: ProfileChanges; expiresAt: string }
  | { kind: "used" | "expired" }
  | { kind: "invalid" };

/** What a confirmation link opens: its pending changes, or why it no longer works. */
export async function openProfileChange(db: DB, token: string | undefined, now = new Date()): Promise<OpenedProfileChange> {
  if (!isTokenShape(token)) return { kind: "invalid" };
  const row = await db.selectFrom("profile_change_requests").selectAll().where("token_hash", "=", sha256(token)).executeTakeFirst();
  if (!row) return { kind: "invalid" };
  if (row.used_at) return { kind: "used" };
  if (Date.parse(row.expires_at) <= now.getTime()) return { kind: "expired" };
  return {
    kind: "open",
    id: row.id,
    registrationId: row.registration_id,
    participantId: row.participant_id,
    changes: JSON.parse(row.changes) as ProfileChanges,
    expiresAt: row.expires_at,
  };
}

export async function listForOrganizers(db: DB, encounterId: number, filters: RegistrationListFilters) {
  const modelFilters: RegistrationFilters = {};
  if (filters.status) modelFilters.status = filters.status;
  if (filters.arrived) modelFilters.checkedIn = filters.arrived === "si" ? "yes" : "no";
  if (filters.city) {
    const city = await findCityByDane(db, filters.city);
    // An unknown city code matches nobody rather than everybody.
    modelFilters.cityId = city?.id ?? -1;
  }
  const rows = await listRegistrations(db, encounterId, modelFilters);
  if (!filters.q) return rows;
  // Searched here rather than in SQL: "gomez" finds "Gómez" and "ÑÁÑEZ" finds "Ñáñez", which
  // SQL's lower() and LIKE do not do beyond ASCII; one encounter's list is a few hundred rows.
  const words = foldForSearch(filters.q).split(/\s+/).filter(Boolean);
  return rows.filter((r) => {
    const haystack = foldForSearch(`${r.full_name} ${r.email} ${r.entity} ${r.position} ${r.checkin_code ?? ""}`);
    return words.every((w) => haystack.includes(w));
  });
}

/** An import of invited officials, its rows and results read back. */
export async function findImport(db: DB, importId: number, encounterId: number) {
  const row = await db.selectFrom("registration_imports").selectAll().where("id", "=", importId).where("encounter_id", "=", encounterId).executeTakeFirst();
  if (!row) return null;
  return {
    ...row,
    rows: JSON.parse(row.rows) as ValidRow[],
    refused: JSON.parse(row.refused) as RefusedRow[],
    results: { confirmed: 0, waitlisted: 0, existing: 0, failed: 0, failures: [], ...(JSON.parse(row.results) as Partial<ImportResults>) } as ImportResults,
  };
}
