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
  await trx
    .insertInto("encounter_city_places")
    .values({ encounter_id: encounterId, city_id: cityId, confirmed_count: 0 })
    .onConflict((oc) => oc.columns(["encounter_id", "city_id"]).doNothing())
    .execute();
  let cityUpdate = trx
    .updateTable("encounter_city_places")
    .set((eb) => ({ confirmed_count: eb("confirmed_count", "+", 1) }))
    .where("encounter_id", "=", encounterId)
    .where("city_id", "=", cityId);
  if (!options.ignoreCityQuota) {
    cityUpdate = cityUpdate.where((eb) => eb("confirmed_count", "<", eb.selectFrom("encounters").select("city_quota").where("id", "=", encounterId)));
  }
  const city = await cityUpdate.executeTakeFirst();
  if (Number(city.numUpdatedRows) === 1) return true;
  // The city is full: give the encounter's place back (same transaction, nobody saw it).
  await trx
    .updateTable("encounters")
    .set((eb) => ({ confirmed_count: eb("confirmed_count", "-", 1) }))
    .where("id", "=", encounterId)
    .execute();
  return false;
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
