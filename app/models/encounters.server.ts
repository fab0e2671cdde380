import type { DB } from "~db/client";
import type { Encounter } from "~db/schema";

export async function listPublicEncounters(db: DB) {
  return db
    .selectFrom("encounters")
    .leftJoin("cities", "cities.id", "encounters.host_city_id")
    .select([
      "encounters.id",
      "encounters.slug",
      "encounters.title",
      "encounters.summary",
      "encounters.venue",
      "encounters.starts_at",
      "encounters.ends_at",
      "encounters.timezone",
      "encounters.status",
      "encounters.registration_opens_at",
      "encounters.registration_closes_at",
      "cities.name as host_city",
    ])
    .where("encounters.status", "in", ["published", "closed"])
    .orderBy("encounters.starts_at", "desc")
    .execute();
}

/** Drafts exist only for organizers; everyone else gets null (and so a 404). */
export async function findEncounterBySlug(db: DB, slug: string, options: { includeDrafts: boolean }) {
  let query = db
    .selectFrom("encounters")
    .leftJoin("cities", "cities.id", "encounters.host_city_id")
    .selectAll("encounters")
    .select(["cities.name as host_city"])
    .where("encounters.slug", "=", slug);
  if (!options.includeDrafts) query = query.where("encounters.status", "!=", "draft");
  return (await query.executeTakeFirst()) ?? null;
}

export async function listEncountersForOrganizers(db: DB) {
  return db
    .selectFrom("encounters")
    .select((eb) => [
      "encounters.id",
      "encounters.slug",
      "encounters.title",
      "encounters.starts_at",
      "encounters.timezone",
      "encounters.status",
      "encounters.capacity",
      "encounters.confirmed_count",
      eb
        .selectFrom("registrations")
        .select((r) => r.fn.countAll<number>().as("n"))
        .whereRef("registrations.encounter_id", "=", "encounters.id")
        .where("registrations.status", "=", "waitlisted")
        .as("waitlisted_count"),
    ])
    .orderBy("encounters.starts_at", "desc")
    .execute();
}

export type RegistrationWindow = "open" | "not_yet" | "closed";

export function registrationWindow(
  encounter: Pick<Encounter, "status" | "registration_opens_at" | "registration_closes_at" | "ends_at">,
  now = new Date(),
): RegistrationWindow {
  const t = now.toISOString();
  if (encounter.status !== "published") return "closed";
  if (encounter.registration_opens_at && t < encounter.registration_opens_at) return "not_yet";
  const closes = encounter.registration_closes_at ?? encounter.ends_at;
  return t >= closes ? "closed" : "open";
}
