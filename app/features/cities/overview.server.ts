import type { DB } from "~db/client";
import type { RegistrationStatus } from "~db/schema";
import { focalPointsOfCities, listCities } from "~/features/cities/queries.server";
import { listCityCommitments } from "~/features/commitments/queries/lists.server";

// What the organizers read about the cities as members (reads only): the 32 capitals at a
// glance (/admin/ciudades) and one city's history (/admin/ciudades/:dane). A city's people are
// those who registered for it (participants.city_id); its speakers are on its roster.

export interface CityOverview {
  id: number;
  dane: string;
  name: string;
  department: string;
  focalPoints: string[];
  /** Active rows of the roster, focal points included: everyone verified for the city. */
  verified: number;
  /** The latest thing the city's people or roster did: a roster change, a registration, a check-in, a download, a commitment's change. */
  lastActivity: string | null;
}

const latest = (...values: Array<string | null | undefined>) => values.reduce<string | null>((a, b) => (b && (!a || b > a) ? b : a), null);

/** Every capital, by name, with its focal points, how many are verified, and its last activity. */
export async function listCityOverview(db: DB): Promise<CityOverview[]> {
  const [cities, focalPoints, roster, registrations, downloads, commitments] = await Promise.all([
    listCities(db),
    focalPointsOfCities(db),
    db
      .selectFrom("city_roster")
      .select((eb) => [
        "city_id",
        eb.fn.count<number>(eb.case().when("withdrawn_at", "is", null).then(1).end()).as("verified"),
        eb.fn.max("verified_at").as("last_verified"),
        eb.fn.max("withdrawn_at").as("last_withdrawn"),
      ])
      .groupBy("city_id")
      .execute(),
    db
      .selectFrom("registrations")
      .innerJoin("participants", "participants.id", "registrations.participant_id")
      .select((eb) => [
        "participants.city_id",
        eb.fn.max("registrations.created_at").as("last_registered"),
        eb.fn.max("registrations.checked_in_at").as("last_arrived"),
      ])
      .groupBy("participants.city_id")
      .execute(),
    db
      .selectFrom("downloads")
      .innerJoin("participants", "participants.id", "downloads.participant_id")
      .select((eb) => ["participants.city_id", eb.fn.max("downloads.created_at").as("last_download")])
      .groupBy("participants.city_id")
      .execute(),
    db
      .selectFrom("commitments")
      .select((eb) => ["city_id", eb.fn.max("updated_at").as("last_commitment")])
      .groupBy("city_id")
      .execute(),
  ]);
  const byCity = <T extends { city_id: number }>(rows: T[]) => new Map(rows.map((r) => [r.city_id, r]));
  const rosterOf = byCity(roster);
  const registrationsOf = byCity(registrations);
  const downloadsOf = byCity(downloads);
  const commitmentsOf = byCity(commitments);
  return cities.map((c) => {
    const r = rosterOf.get(c.id);
    const g = registrationsOf.get(c.id);
    return {
      id: c.id,
      dane: c.dane,
      name: c.name,
      department: c.department,
      focalPoints: (focalPoints.get(c.id) ?? []).map((f) => f.fullName),
      verified: Number(r?.verified ?? 0),
      lastActivity: latest(
        r?.last_verified,
        r?.last_withdrawn,
        g?.last_registered,
        g?.last_arrived,
        downloadsOf.get(c.id)?.last_download,
        commitmentsOf.get(c.id)?.last_commitment,
      ),
    };
  });
}

export interface CityEncounter {
  slug: string;
  title: string;
  startsAt: string;
  timezone: string;
  registered: number;
  attended: number;
}

/** The encounters the city's people registered for, newest first, with how many came. */
export async function cityEncounters(db: DB, cityId: number): Promise<CityEncounter[]> {
  const confirmed: RegistrationStatus = "confirmed";
  const rows = await db
    .selectFrom("registrations")
    .innerJoin("participants", "participants.id", "registrations.participant_id")
    .innerJoin("encounters", "encounters.id", "registrations.encounter_id")
    .select((eb) => [
      "encounters.slug",
      "encounters.title",
      "encounters.starts_at",
      "encounters.timezone",
      eb.fn.count<number>(eb.case().when("registrations.status", "=", confirmed).then(1).end()).as("registered"),
      eb.fn.count<number>("registrations.checked_in_at").as("attended"),
    ])
    .where("participants.city_id", "=", cityId)
    .groupBy(["encounters.id", "encounters.slug", "encounters.title", "encounters.starts_at", "encounters.timezone"])
    .orderBy("encounters.starts_at", "desc")
    .execute();
  return rows.map((r) => ({
    slug: r.slug,
    title: r.title,
    startsAt: r.starts_at,
    timezone: r.timezone,
    registered: Number(r.registered),
    attended: Number(r.attended),
  }));
}

/** The materials the city's people downloaded: how many times, by how many people, last when. */
export async function cityDownloads(db: DB, cityId: number) {
  const rows = await db
    .selectFrom("downloads")
    .innerJoin("participants", "participants.id", "downloads.participant_id")
    .innerJoin("material_versions", "material_versions.id", "downloads.material_version_id")
    .innerJoin("materials", "materials.id", "material_versions.material_id")
    .select((eb) => [
      "materials.id",
      "materials.title",
      eb.fn.countAll<number>().as("downloads"),
      eb.fn.count<number>("downloads.participant_id").distinct().as("people"),
      eb.fn.max("downloads.created_at").as("last"),
    ])
    .where("participants.city_id", "=", cityId)
    .groupBy(["materials.id", "materials.title"])
    .orderBy("materials.title")
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, downloads: Number(r.downloads), people: Number(r.people), last: r.last }));
}

/** One city's history across encounters: encounters attended, its commitments, the materials downloaded. */
export async function cityHistory(db: DB, cityId: number, now = new Date()) {
  const [encounters, commitments, downloads] = await Promise.all([cityEncounters(db, cityId), listCityCommitments(db, cityId, now), cityDownloads(db, cityId)]);
  return { encounters, commitments, downloads };
}
