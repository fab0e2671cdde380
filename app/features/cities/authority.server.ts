import type { DB } from "~db/client";
import type { RosterRole, RosterVia } from "~db/schema";

// The one rule of a city's authority: a person speaks for a city (reads and records its
// commitments, updates them, stops their reminders, sees its calendar) only through an active
// row of the city roster for that city, written when an organizer verified or added them, staff
// checked them in at an encounter, a focal point of the city added them, or they signed in from
// an address at one of the city's email domains (app/features/cities/commands.server.ts,
// members.server.ts, domains.server.ts). The city a person typed on a registration form grants
// nothing. A focal point (enlace) is a row with the role focal_point: it also keeps the roster.
// Every check of a city's authority asks this module, on every request (nothing is cached in
// the session: a withdrawn or replaced focal point loses access on their next request).
//
// Not covered here, on purpose: the responsible official's signed link (/seguimiento/:token) is
// bound to one commitment and one address, and keeps working without any roster row.

export interface CityAuthority {
  rosterId: number;
  cityId: number;
  role: RosterRole;
  via: RosterVia;
  verifiedAt: string;
}

/** The city this person speaks for, if an organizer or a check-in verified them; else null. */
export async function cityAuthorityOf(db: DB, participantId: number): Promise<CityAuthority | null> {
  const row = await db
    .selectFrom("city_roster")
    .select(["id", "city_id", "role", "verified_via", "verified_at"])
    .where("participant_id", "=", participantId)
    .where("withdrawn_at", "is", null)
    .executeTakeFirst();
  return row ? { rosterId: row.id, cityId: row.city_id, role: row.role, via: row.verified_via, verifiedAt: row.verified_at } : null;
}

/** Whether this authority (or its absence) lets its holder act for the given city. */
export function speaksFor(authority: CityAuthority | null, cityId: number): boolean {
  return authority !== null && authority.cityId === cityId;
}

/** Whether this authority makes its holder a focal point of the given city (keeps its roster). */
export function isFocalPointOf(authority: CityAuthority | null, cityId: number): boolean {
  return speaksFor(authority, cityId) && authority!.role === "focal_point";
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
  role: RosterRole;
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
      .leftJoin("participants as voucher", "voucher.id", "city_roster.verified_by_participant_id")
      .select([
        "city_roster.participant_id",
        "city_roster.city_id",
        "cities.name as city_name",
        "city_roster.role",
        "city_roster.verified_via",
        "city_roster.verified_at",
        "organizers.name as organizer_name",
        "voucher.full_name as voucher_name",
      ])
      .where("city_roster.participant_id", "in", ids.slice(i, i + 500))
      .where("city_roster.withdrawn_at", "is", null)
      .execute();
    for (const r of rows) {
      standings.set(r.participant_id, {
        cityId: r.city_id,
        cityName: r.city_name,
        role: r.role,
        via: r.verified_via,
        verifiedAt: r.verified_at,
        verifiedBy: r.verified_via === "focal_point" ? r.voucher_name : r.organizer_name,
      });
    }
  }
  return standings;
}
