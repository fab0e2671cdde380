import type { DB } from "~db/client";
import type { RegistrationStatus } from "~db/schema";
import { listCities } from "~/features/cities/queries.server";

// Registrations and the places they hold. The counters encounters.confirmed_count and
// encounter_city_places.confirmed_count are moved only by the conditional UPDATEs below, inside
// the caller's write transaction: a place is taken only if one is free at that instant, so
// neither limit can be passed however many requests (or processes) arrive together. The
// database's CHECK (confirmed_count <= capacity) is the last line behind them.

/** Takes one place in the encounter and one in the city's quota, or neither. */
export async function takePlace(trx: DB, encounterId: number, cityId: number, options: { ignoreCityQuota?: boolean } = {}): Promise<boolean> {
  const encounter = await trx
    .updateTable("encounters")
    .set((eb) => ({ confirmed_count: eb("confirmed_count", "+", 1) }))
    .where("id", "=", encounterId)
    .whereRef("confirmed_count", "<", "capacity")
    .executeTakeFirst();
  if (Number(encounter.numUpdatedRows) !== 1) return false;
  await trx
    .insertInto("encounter_city_places")
    .values({ encounter_id: encounterId, city_id: cityId, confirmed_count: 0 })
    .onConflict((oc) => oc.columns(["encounter_id", "city_id"]).doNothing())
    .execute();
  let cityUpdate = trx
    .updateTable("encounter_city_places")
    .set((eb) => ({ confirmed_count: eb("confirmed_count", "+", 1) }))
    .where("encounter_id", "=", encounterId)
    .where("city_id", "=", cityId);
  if (!options.ignoreCityQuota) {
    cityUpdate = cityUpdate.where((eb) => eb("confirmed_count", "<", eb.selectFrom("encounters").select("city_quota").where("id", "=", encounterId)));
  }
  const city = await cityUpdate.executeTakeFirst();
  if (Number(city.numUpdatedRows) === 1) return true;
  // The city is full: give the encounter's place back (same transaction, nobody saw it).
  await trx
    .updateTable("encounters")
    .set((eb) => ({ confirmed_count: eb("confirmed_count", "-", 1) }))
    .where("id", "=", encounterId)
    .execute();
  return false;
}

/** Gives back the place of a confirmed registration that is cancelled or moved. */
export async function releasePlace(trx: DB, encounterId: number, cityId: number): Promise<void> {
  await trx
    .updateTable("encounters")
    .set((eb) => ({ confirmed_count: eb("confirmed_count", "-", 1) }))
    .where("id", "=", encounterId)
    .where("confirmed_count", ">", 0)
    .execute();
  await trx
    .updateTable("encounter_city_places")
    .set((eb) => ({ confirmed_count: eb("confirmed_count", "-", 1) }))
    .where("encounter_id", "=", encounterId)
    .where("city_id", "=", cityId)
    .where("confirmed_count", ">", 0)
    .execute();
}

/** The next place in the waiting line: a counter handed out by a conditional UPDATE. */
export async function nextWaitlistPosition(trx: DB, encounterId: number): Promise<number> {
  const row = await trx
    .updateTable("encounters")
    .set((eb) => ({ waitlist_seq: eb("waitlist_seq", "+", 1) }))
    .where("id", "=", encounterId)
    .returning("waitlist_seq")
    .executeTakeFirstOrThrow();
  return row.waitlist_seq;
}

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
    (await detailQuery(db)
      .where("registrations.encounter_id", "=", encounterId)
      .where("registrations.checkin_code", "=", code)
      .executeTakeFirst()) ?? null
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
  const byCity = new Map<number, CityCount>(cities.map((c) => [c.id, { cityId: c.id, dane: c.dane, name: c.name, confirmed: 0, waitlisted: 0, cancelled: 0, checkedIn: 0 }]));
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

/** Marks the arrival once: a second scan changes nothing and the caller says when it was. */
export async function markCheckedIn(trx: DB, registrationId: number, organizerId: number | null, at: string): Promise<boolean> {
  const result = await trx
    .updateTable("registrations")
    .set({ checked_in_at: at, checked_in_by: organizerId, updated_at: at })
    .where("id", "=", registrationId)
    .where("status", "=", "confirmed")
    .where("checked_in_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function undoCheckIn(trx: DB, registrationId: number, at: string): Promise<boolean> {
  const result = await trx
    .updateTable("registrations")
    .set({ checked_in_at: null, checked_in_by: null, updated_at: at })
    .where("id", "=", registrationId)
    .where("checked_in_at", "is not", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
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
