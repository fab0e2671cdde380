import type { DB } from "~db/client";
import { listCityLocations } from "~/features/cities/queries.server";
import { tallyAcross, tallyEncounter, type CityRow, type CrossReport, type CrossReportFilters, type EncounterReport } from "~/features/reports/rules";

// The reports' reads: compact rows with the query builder, counted by the rules.

async function allCities(db: DB): Promise<CityRow[]> {
  const rows = await listCityLocations(db);
  return rows.map((c) => ({ cityId: c.id, dane: c.dane, name: c.name, lat: c.lat, lon: c.lon }));
}

export async function encounterReport(db: DB, encounterId: number): Promise<EncounterReport> {
  const [cities, registrations, downloads, commitments] = await Promise.all([
    allCities(db),
    db
      .selectFrom("registrations")
      .innerJoin("participants", "participants.id", "registrations.participant_id")
      .select(["participants.city_id", "participants.entity", "registrations.status", "registrations.checked_in_at"])
      .where("registrations.encounter_id", "=", encounterId)
      .execute(),
    db
      .selectFrom("downloads")
      .innerJoin("material_versions", "material_versions.id", "downloads.material_version_id")
      .innerJoin("materials", "materials.id", "material_versions.material_id")
      .innerJoin("participants", "participants.id", "downloads.participant_id")
      .select(["participants.city_id", "downloads.participant_id"])
      .where("materials.encounter_id", "=", encounterId)
      .execute(),
    db.selectFrom("commitments").select(["city_id", "instrument", "theme", "status"]).where("encounter_id", "=", encounterId).execute(),
  ]);

  return tallyEncounter(cities, registrations, downloads, commitments);
}

export async function crossEncounterReport(db: DB, filters: CrossReportFilters, today: string): Promise<CrossReport> {
  let encounterQuery = db.selectFrom("encounters").select(["id", "starts_at"]).where("status", "!=", "draft");
  if (filters.from) encounterQuery = encounterQuery.where("starts_at", ">=", `${filters.from}T00:00:00.000Z`);
  if (filters.to) encounterQuery = encounterQuery.where("starts_at", "<=", `${filters.to}T23:59:59.999Z`);
  const encounters = await encounterQuery.execute();
  const cities = await allCities(db);
  const ids = encounters.map((e) => e.id);
  if (ids.length === 0) {
    return {
      cities: cities.map((c) => ({ ...c, encountersAttended: 0, commitments: 0, done: 0, inProgress: 0, overdue: 0, doneOnTime: 0, onTimeShare: null })),
      trend: [],
      totals: { commitments: 0, done: 0, overdue: 0, encounters: 0 },
    };
  }

  let commitmentQuery = db
    .selectFrom("commitments")
    .select((eb) => [
      "commitments.city_id",
      "commitments.status",
      "commitments.due_date",
      "commitments.created_at",
      eb
        .selectFrom("commitment_updates")
        .select((u) => u.fn.min("commitment_updates.created_at").as("first_done"))
        .whereRef("commitment_updates.commitment_id", "=", "commitments.id")
        .where("commitment_updates.status_to", "=", "done")
        .as("done_at"),
    ])
    .where("commitments.encounter_id", "in", ids);
  if (filters.instrument) commitmentQuery = commitmentQuery.where("commitments.instrument", "=", filters.instrument);
  if (filters.theme) commitmentQuery = commitmentQuery.where("commitments.theme", "=", filters.theme);

  const [commitments, attendance] = await Promise.all([
    commitmentQuery.execute(),
    db
      .selectFrom("registrations")
      .innerJoin("participants", "participants.id", "registrations.participant_id")
      .select(["participants.city_id", "registrations.encounter_id"])
      .where("registrations.encounter_id", "in", ids)
      .where("registrations.checked_in_at", "is not", null)
      .execute(),
  ]);

  return tallyAcross(cities, commitments, attendance, ids.length, today);
}

/** For the public progress page: what each city committed to, never who is responsible. */
export async function publicCommitments(db: DB, encounterId: number) {
  return db
    .selectFrom("commitments")
    .innerJoin("cities", "cities.id", "commitments.city_id")
    .select([
      "commitments.id",
      "cities.name as city",
      "cities.dane",
      "commitments.title",
      "commitments.instrument",
      "commitments.theme",
      "commitments.status",
      "commitments.progress",
      "commitments.due_date",
    ])
    .where("commitments.encounter_id", "=", encounterId)
    .orderBy("cities.name")
    .orderBy("commitments.due_date")
    .execute();
}
