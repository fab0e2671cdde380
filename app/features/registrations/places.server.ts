import type { DB } from "~db/client";
import type { Encounter } from "~db/schema";
import { listCities } from "~/features/cities/queries.server";

// What a new registration for one city would get right now, said the same way on the form's
// answer, whoever sent it: the answer depends only on the encounter and the chosen city, never
// on whether the email is known (an anonymous answer must not tell one from the other).

export interface CityPlaces {
  city: string;
  quota: number;
  /** The city's places still free (0 when its quota is taken). */
  cityLeft: number;
  capacity: number;
  /** The encounter's places still free, all cities together. */
  encounterLeft: number;
}

export async function cityPlaces(db: DB, encounter: Pick<Encounter, "id" | "capacity" | "city_quota" | "confirmed_count">, city: { id: number; name: string }): Promise<CityPlaces> {
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

/** Why a new registration would wait: the city's quota, the whole encounter, or neither. */
export function waitReason(places: CityPlaces): "city" | "encounter" | null {
  if (places.encounterLeft <= 0) return "encounter";
  if (places.cityLeft <= 0) return "city";
  return null;
}
