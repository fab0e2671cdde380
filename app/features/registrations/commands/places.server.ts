import type { DB } from "~db/client";

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
  if ((await takeCityPlace(trx, encounterId, cityId, options)) !== null) return true;
  await giveBackEncounterPlace(trx, encounterId);
  return false;
}

/**
 * Takes one place in the city's quota, the encounter's being taken already: the city's row is
 * written with its first place, or counts one more if the quota allows (one statement). Returns
 * the city's places taken now, or null when its quota is full.
 */
async function takeCityPlace(trx: DB, encounterId: number, cityId: number, options: { ignoreCityQuota?: boolean } = {}): Promise<number | null> {
  // A new row holds 1, within any quota (city_quota > 0 is a CHECK of the schema).
  const row = await trx
    .insertInto("encounter_city_places")
    .values({ encounter_id: encounterId, city_id: cityId, confirmed_count: 1 })
    .onConflict((oc) => {
      const increment = oc.columns(["encounter_id", "city_id"]).doUpdateSet((eb) => ({ confirmed_count: eb("encounter_city_places.confirmed_count", "+", 1) }));
      if (options.ignoreCityQuota) return increment;
      return increment.where((eb) =>
        eb("encounter_city_places.confirmed_count", "<", eb.selectFrom("encounters").select("city_quota").where("id", "=", encounterId)),
      );
    })
    .returning("confirmed_count")
    .executeTakeFirst();
  return row ? Number(row.confirmed_count) : null;
}

/** The city was full after all: the encounter's place goes back (same transaction, nobody saw it). */
async function giveBackEncounterPlace(trx: DB, encounterId: number): Promise<void> {
  await trx
    .updateTable("encounters")
    .set((eb) => ({ confirmed_count: eb("confirmed_count", "-", 1) }))
    .where("id", "=", encounterId)
    .execute();
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
