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
