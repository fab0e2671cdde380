import type { DB } from "~db/client";

// The one module that reads the cities table: the 32 capital cities, seeded once, ordered by
// name wherever they are listed (the city picker, the filters, the reports). Other areas join
// the table to name a row's city; to list or find a city, they ask here.

/** Every capital city, by name: what pickers and filters show. */
export async function listCities(db: DB) {
  return db.selectFrom("cities").select(["id", "dane", "name", "department"]).orderBy("name").execute();
}

/** Every capital city, by name, with its focal point and calendar feed (organizers only). */
export async function listCitiesWithFocalPoints(db: DB) {
  return db
    .selectFrom("cities")
    .select(["id", "dane", "name", "department", "focal_point_name", "focal_point_email", "calendar_feed_version"])
    .orderBy("name")
    .execute();
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

/** The cities whose focal point is this (normalized) address: part of a person's data. */
export async function listCitiesWithFocalPoint(db: DB, email: string) {
  return db.selectFrom("cities").select(["id", "name as city", "focal_point_name", "focal_point_email"]).where("focal_point_email", "=", email).execute();
}
