import type { Insertable } from "kysely";
import type { DB } from "~db/client";
import type { Encounter, EncountersTable } from "~db/schema";
import { inDays, sequence } from "./sequence";

export type EncounterOverrides = Partial<Insertable<EncountersTable>>;

/**
 * A published encounter of its own: 30 days ahead, 08:00 to 16:00 in Bogotá, 10 places, 3 per
 * city, registration open with no window. Any column can be set; `ends_at` follows `starts_at`
 * (eight hours later) unless given.
 */
export async function makeEncounter(db: DB, overrides: EncounterOverrides = {}): Promise<Encounter> {
  const n = sequence();
  const startsAt = overrides.starts_at ?? inDays(30);
  const endsAt = new Date(new Date(startsAt).getTime() + 8 * 3_600_000).toISOString();
  return db
    .insertInto("encounters")
    .values({
      slug: `encuentro-de-prueba-${n}`,
      title: `Encuentro de prueba ${n}`,
      venue: "Centro de convenciones",
      address: "Calle 26 # 13-19",
      starts_at: startsAt,
      ends_at: endsAt,
      capacity: 10,
      city_quota: 3,
      registration_opens_at: null,
      registration_closes_at: null,
      status: "published",
      updated_at: new Date().toISOString(),
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A published encounter whose registration window is open now: it opened a day ago and closes
 * when the encounter starts (30 days ahead unless `starts_at` is given). Any column can be set.
 */
export async function makeOpenEncounter(db: DB, overrides: EncounterOverrides = {}): Promise<Encounter> {
  const startsAt = overrides.starts_at ?? inDays(30);
  return makeEncounter(db, {
    registration_opens_at: new Date(Date.now() - 86_400_000).toISOString(),
    registration_closes_at: startsAt,
    ...overrides,
    starts_at: startsAt,
    status: overrides.status ?? "published",
  });
}
