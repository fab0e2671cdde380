import type { DB } from "~db/client";
import type { Locale, RosterRole, RosterVia } from "~db/schema";
import { emailDomainOf } from "~/features/cities/rules";
import { normalizeEmail } from "~/server/auth.server";

// The one module that reads the cities table: the 32 capital cities, seeded once, ordered by
// name wherever they are listed (the city picker, the filters, the reports). Other areas join
// the table to name a row's city; to list or find a city, they ask here. It also reads the city
// roster (directorio de la ciudad): its focal points (enlaces) and verified officials, and the
// city's email domains. Whether a person speaks for a city is authority.server.ts's to say.

/** Every capital city, by name: what pickers and filters show. */
export async function listCities(db: DB) {
  return db.selectFrom("cities").select(["id", "dane", "name", "department"]).orderBy("name").execute();
}

/** Every capital city, by name, with its calendar feed's version (organizers only). */
export async function listCitiesWithFeeds(db: DB) {
  return db.selectFrom("cities").select(["id", "dane", "name", "department", "calendar_feed_version"]).orderBy("name").execute();
}

/** Every capital city, by name, with where it lies (for the reports' map). */
export async function listCityLocations(db: DB) {
  return db.selectFrom("cities").select(["id", "dane", "name", "lat", "lon"]).orderBy("name").execute();
}

/** The cities of these ids, in no particular order. */
export async function findCitiesByIds(db: DB, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom("cities").select(["id", "name", "dane"]).where("id", "in", ids).execute();
}

export async function findCityById(db: DB, id: number) {
  return (await db.selectFrom("cities").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}

/** The city of this DANE code (five digits), or null for any other text. */
export async function findCityByDane(db: DB, dane: string) {
  if (!/^\d{5}$/.test(dane)) return null;
  return (await db.selectFrom("cities").selectAll().where("dane", "=", dane).executeTakeFirst()) ?? null;
}

export async function cityExists(db: DB, id: number): Promise<boolean> {
  return (await db.selectFrom("cities").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
}

/** The cities this (normalized) address is an active focal point of: part of a person's data. */
export async function listCitiesWithFocalPoint(db: DB, email: string) {
  return db
    .selectFrom("city_roster")
    .innerJoin("cities", "cities.id", "city_roster.city_id")
    .innerJoin("participants", "participants.id", "city_roster.participant_id")
    .select(["cities.id", "cities.name as city", "city_roster.focal_point_since"])
    .where("participants.email", "=", email)
    .where("city_roster.role", "=", "focal_point")
    .where("city_roster.withdrawn_at", "is", null)
    .execute();
}

// ---- the city roster ------------------------------------------------------------------------

export interface FocalPoint {
  rosterId: number;
  participantId: number;
  email: string;
  fullName: string;
  locale: Locale;
  entity: string;
  position: string;
  since: string;
}

function focalPointRows(db: DB) {
  return db
    .selectFrom("city_roster")
    .innerJoin("participants", "participants.id", "city_roster.participant_id")
    .select([
      "city_roster.id",
      "city_roster.city_id",
      "city_roster.participant_id",
      "participants.email",
      "participants.full_name",
      "participants.locale",
      "city_roster.entity",
      "city_roster.position",
      "city_roster.focal_point_since",
      "city_roster.verified_at",
    ])
    .where("city_roster.role", "=", "focal_point")
    .where("city_roster.withdrawn_at", "is", null)
    .orderBy("city_roster.id");
}

function toFocalPoint(r: Awaited<ReturnType<ReturnType<typeof focalPointRows>["execute"]>>[number]): FocalPoint {
  return {
    rosterId: r.id,
    participantId: r.participant_id,
    email: r.email,
    fullName: r.full_name,
    locale: r.locale,
    entity: r.entity,
    position: r.position,
    since: r.focal_point_since ?? r.verified_at,
  };
}

/**
 * The city's active focal points (enlaces), first named first, with what it takes to write to
 * them: address, name, language. Empty when the city has none. Invitations, escalations and the
 * roster's notices go to these people.
 */
export async function focalPointsOf(db: DB, cityId: number): Promise<FocalPoint[]> {
  return (await focalPointRows(db).where("city_roster.city_id", "=", cityId).execute()).map(toFocalPoint);
}

/** focalPointsOf for many cities at once (all of them when `cityIds` is not given), by city id. */
export async function focalPointsOfCities(db: DB, cityIds?: number[]): Promise<Map<number, FocalPoint[]>> {
  const byCity = new Map<number, FocalPoint[]>();
  if (cityIds && cityIds.length === 0) return byCity;
  const query = cityIds ? focalPointRows(db).where("city_roster.city_id", "in", [...new Set(cityIds)]) : focalPointRows(db);
  for (const r of await query.execute()) byCity.set(r.city_id, [...(byCity.get(r.city_id) ?? []), toFocalPoint(r)]);
  return byCity;
}

export interface RosterCity {
  cityId: number;
  dane: string;
  cityName: string;
  role: RosterRole;
}

/**
 * The city whose roster this address is on (active row), or null: a person speaks for one city
 * at most. A delegation of another city refuses such an address, naming the city.
 */
export async function rosterCityOfEmail(db: DB, email: string): Promise<RosterCity | null> {
  const row = await db
    .selectFrom("city_roster")
    .innerJoin("participants", "participants.id", "city_roster.participant_id")
    .innerJoin("cities", "cities.id", "city_roster.city_id")
    .select(["cities.id", "cities.dane", "cities.name", "city_roster.role"])
    .where("participants.email", "=", normalizeEmail(email))
    .where("city_roster.withdrawn_at", "is", null)
    .executeTakeFirst();
  return row ? { cityId: row.id, dane: row.dane, cityName: row.name, role: row.role } : null;
}

export interface RosterMember {
  rosterId: number;
  participantId: number;
  fullName: string;
  email: string;
  role: RosterRole;
  entity: string;
  position: string;
  via: RosterVia;
  since: string;
  focalPointSince: string | null;
  /** Who vouched: an organizer's or a focal point's name; null for a check-in or a domain. */
  verifiedBy: string | null;
}

/** The city's roster as it stands: focal points first, then officials, each by name. */
export async function listRoster(db: DB, cityId: number): Promise<RosterMember[]> {
  const rows = await db
    .selectFrom("city_roster")
    .innerJoin("participants", "participants.id", "city_roster.participant_id")
    .leftJoin("organizers", "organizers.id", "city_roster.verified_by_organizer_id")
    .leftJoin("participants as voucher", "voucher.id", "city_roster.verified_by_participant_id")
    .select([
      "city_roster.id",
      "city_roster.participant_id",
      "participants.full_name",
      "participants.email",
      "city_roster.role",
      "city_roster.entity",
      "city_roster.position",
      "city_roster.verified_via",
      "city_roster.verified_at",
      "city_roster.focal_point_since",
      "organizers.name as organizer_name",
      "voucher.full_name as voucher_name",
    ])
    .where("city_roster.city_id", "=", cityId)
    .where("city_roster.withdrawn_at", "is", null)
    .orderBy("participants.full_name")
    .orderBy("city_roster.id")
    .execute();
  const members = rows.map((r) => ({
    rosterId: r.id,
    participantId: r.participant_id,
    fullName: r.full_name,
    email: r.email,
    role: r.role,
    entity: r.entity,
    position: r.position,
    via: r.verified_via,
    since: r.verified_at,
    focalPointSince: r.focal_point_since,
    verifiedBy: r.verified_via === "focal_point" ? r.voucher_name : r.verified_via === "organizer" ? r.organizer_name : null,
  }));
  return [...members.filter((m) => m.role === "focal_point"), ...members.filter((m) => m.role !== "focal_point")];
}

/** People who registered for the city (its typed city) and are on no roster: an organizer may verify them. */
export async function listUnverifiedOfCity(db: DB, cityId: number, limit = 200) {
  return (
    db
      .selectFrom("participants")
      .select(["participants.id", "participants.full_name", "participants.email", "participants.entity", "participants.position", "participants.created_at"])
      .where("participants.city_id", "=", cityId)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("city_roster")
              .select("city_roster.id")
              .whereRef("city_roster.participant_id", "=", "participants.id")
              .where("city_roster.withdrawn_at", "is", null),
          ),
        ),
      )
      // Anonymized people (deleted at their request) are nobody to verify.
      .where("participants.email", "not like", "%@anonimo.invalid")
      .orderBy("participants.full_name")
      .limit(limit)
      .execute()
  );
}

/** The city's own email domains, by domain. */
export async function listEmailDomains(db: DB, cityId: number) {
  return db
    .selectFrom("city_email_domains")
    .leftJoin("organizers", "organizers.id", "city_email_domains.added_by_organizer_id")
    .select(["city_email_domains.id", "city_email_domains.domain", "city_email_domains.added_at", "organizers.name as added_by"])
    .where("city_email_domains.city_id", "=", cityId)
    .orderBy("city_email_domains.domain")
    .execute();
}

/** The city whose domain this address is at (exactly, not a subdomain), or null. */
export async function cityOfEmailDomain(db: DB, email: string) {
  const domain = emailDomainOf(email);
  if (!domain) return null;
  return (
    (await db
      .selectFrom("city_email_domains")
      .innerJoin("cities", "cities.id", "city_email_domains.city_id")
      .select(["cities.id as cityId", "cities.name as cityName", "city_email_domains.domain"])
      .where("city_email_domains.domain", "=", domain)
      .executeTakeFirst()) ?? null
  );
}
