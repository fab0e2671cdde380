import type { DB } from "~db/client";
import type { Locale } from "~db/schema";
import { normalizeEmail } from "~/server/auth.server";

// Who speaks for a city, as invitations need it. A focal point (enlace) is an active row of the
// city roster with role 'focal_point' (the roster's own pages name and replace them); the
// roster is the one source of a city's authority (app/features/cities/authority.server.ts).
// The roster branch has its own focalPointsOf*/rosterCityOfEmail in cities/queries: these two
// read the same rows, and can give way to those once both are in.

export interface FocalPoint {
  participantId: number;
  email: string;
  fullName: string;
  locale: Locale;
}

/** The active focal points of these cities (all cities when none are given), first named first, by city id. */
export async function focalPointsOfCities(db: DB, cityIds?: number[]): Promise<Map<number, FocalPoint[]>> {
  const byCity = new Map<number, FocalPoint[]>();
  if (cityIds && cityIds.length === 0) return byCity;
  let query = db
    .selectFrom("city_roster")
    .innerJoin("participants", "participants.id", "city_roster.participant_id")
    .select(["city_roster.city_id", "participants.id", "participants.email", "participants.full_name", "participants.locale"])
    .where("city_roster.role", "=", "focal_point")
    .where("city_roster.withdrawn_at", "is", null)
    .orderBy("city_roster.id");
  if (cityIds) query = query.where("city_roster.city_id", "in", [...new Set(cityIds)]);
  for (const r of await query.execute()) {
    const list = byCity.get(r.city_id) ?? [];
    list.push({ participantId: r.id, email: r.email, fullName: r.full_name, locale: r.locale });
    byCity.set(r.city_id, list);
  }
  return byCity;
}

/** The city whose roster this address is on (an active row), or null: a person speaks for one city at most. */
export async function rosterCityOfEmail(db: DB, email: string): Promise<{ cityId: number; cityName: string } | null> {
  const row = await db
    .selectFrom("city_roster")
    .innerJoin("participants", "participants.id", "city_roster.participant_id")
    .innerJoin("cities", "cities.id", "city_roster.city_id")
    .select(["cities.id", "cities.name"])
    .where("participants.email", "=", normalizeEmail(email))
    .where("city_roster.withdrawn_at", "is", null)
    .executeTakeFirst();
  return row ? { cityId: row.id, cityName: row.name } : null;
}
