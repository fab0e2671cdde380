import type { DB } from "~db/client";
import type { RosterVia } from "~db/schema";

// The one rule of a city's authority: a person speaks for a city (reads and records its
// commitments, updates them, stops their reminders, sees its calendar) only through an active
// row of the city roster for that city, written when an organizer verified them or staff
// checked them in at an encounter (app/features/cities/commands.server.ts). The city a person typed
// on a registration form grants nothing. Every check of a city's authority asks this module.
//
// Not covered here, on purpose: the responsible official's signed link (/seguimiento/:token) is
// bound to one commitment and one address, and keeps working without any roster row.

export interface CityAuthority {
  rosterId: number;
  cityId: number;
  via: RosterVia;
  verifiedAt: string;
}

/** The city this person speaks for, if an organizer or a check-in verified them; else null. */
export async function cityAuthorityOf(db: DB, participantId: number): Promise<CityAuthority | null> {
  const row = await db
    .selectFrom("city_roster")
    .select(["id", "city_id", "verified_via", "verified_at"])
    .where("participant_id", "=", participantId)
    .where("withdrawn_at", "is", null)
    .executeTakeFirst();
  return row ? { rosterId: row.id, cityId: row.city_id, via: row.verified_via, verifiedAt: row.verified_at } : null;
}

/** Whether this authority (or its absence) lets its holder act for the given city. */
export function speaksFor(authority: CityAuthority | null, cityId: number): boolean {
  return authority !== null && authority.cityId === cityId;
}

/** Whether the address belongs to a person verified for this city (a known responsible). */
export async function isVerifiedInCity(db: DB, cityId: number, email: string): Promise<boolean> {
  const row = await db
    .selectFrom("city_roster")
    .innerJoin("participants", "participants.id", "city_roster.participant_id")
    .select("city_roster.id")
    .where("city_roster.city_id", "=", cityId)
    .where("city_roster.withdrawn_at", "is", null)
    .where("participants.email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
  return row !== undefined;
}

export interface RosterStanding {
  cityId: number;
  cityName: string;
  via: RosterVia;
  verifiedAt: string;
  verifiedBy: string | null;
}

/** For organizers' lists: who among these people is verified, for which city, how and by whom. */
export async function rosterStandings(db: DB, participantIds: number[]): Promise<Map<number, RosterStanding>> {
  const standings = new Map<number, RosterStanding>();
  if (participantIds.length === 0) return standings;
  const ids = [...new Set(participantIds)];
  // In chunks: PostgreSQL and SQLite both cap the parameters of one statement.
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom("city_roster")
      .innerJoin("cities", "cities.id", "city_roster.city_id")
      .leftJoin("organizers", "organizers.id", "city_roster.verified_by_organizer_id")
      .select([
        "city_roster.participant_id",
        "city_roster.city_id",
        "cities.name as city_name",
        "city_roster.verified_via",
        "city_roster.verified_at",
        "organizers.name as organizer_name",
      ])
      .where("city_roster.participant_id", "in", ids.slice(i, i + 500))
      .where("city_roster.withdrawn_at", "is", null)
      .execute();
    for (const r of rows) {
      standings.set(r.participant_id, {
        cityId: r.city_id,
        cityName: r.city_name,
        via: r.verified_via,
        verifiedAt: r.verified_at,
        verifiedBy: r.organizer_name,
      });
    }
  }
  return standings;
}
