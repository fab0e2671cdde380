import type { ExpressionBuilder } from "kysely";
import type { DB } from "~db/client";
import type { Database, Encounter } from "~db/schema";
import { maxSlugLength, reservedSlugs } from "~/lib/slug";

// Reads of encounters: the public list and page, the organizers' list, the free addresses and
// the encounter's history. Never a transaction: the commands read through these inside theirs.

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

/** How many people wait for a place at the encounter of the row, as a subquery. */
function waitlistedCount(eb: ExpressionBuilder<Database, "encounters">) {
  return eb
    .selectFrom("registrations")
    .select((r) => r.fn.countAll<number>().as("n"))
    .whereRef("registrations.encounter_id", "=", "encounters.id")
    .where("registrations.status", "=", "waitlisted");
}

/** The next published encounter to start after `now`, with its places and waiting list; undefined if none. */
export async function findNextPublishedEncounter(db: DB, now: Date) {
  const row = await db
    .selectFrom("encounters")
    .select((eb) => ["slug", "title", "starts_at", "timezone", "capacity", "confirmed_count", waitlistedCount(eb).as("waitlisted")])
    .where("status", "=", "published")
    .where("starts_at", ">", now.toISOString())
    .orderBy("starts_at")
    .limit(1)
    .executeTakeFirst();
  return row ? { ...row, waitlisted: Number(row.waitlisted) } : null;
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
      waitlistedCount(eb).as("waitlisted_count"),
    ])
    .orderBy("encounters.starts_at", "desc")
    .execute();
}

export type EncounterRow = Encounter;

export async function findEncounterById(db: DB, id: number): Promise<Encounter | null> {
  return (await db.selectFrom("encounters").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}

export async function isSlugTaken(db: DB, slug: string, exceptId?: number): Promise<boolean> {
  let query = db.selectFrom("encounters").select("id").where("slug", "=", slug);
  if (exceptId !== undefined) query = query.where("id", "!=", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** The slug itself if free, else the first free "slug-2", "slug-3"... */
export async function availableSlug(db: DB, base: string, exceptId?: number): Promise<string> {
  const root = (reservedSlugs.has(base) ? `${base}-encuentro` : base).slice(0, maxSlugLength - 4);
  const taken = new Set(
    (
      await db
        .selectFrom("encounters")
        .select(["slug", "id"])
        .where((eb) => eb.or([eb("slug", "=", root), eb("slug", "like", `${root}-%`)]))
        .execute()
    )
      .filter((row) => row.id !== exceptId)
      .map((row) => row.slug),
  );
  if (!taken.has(root)) return root;
  for (let n = 2; ; n++) if (!taken.has(`${root}-${n}`)) return `${root}-${n}`;
}

export async function countActiveRegistrations(db: DB, encounterId: number): Promise<number> {
  const row = await db
    .selectFrom("registrations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("encounter_id", "=", encounterId)
    .where("status", "in", ["confirmed", "waitlisted"])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The encounter's history (its own changes and its agenda's), newest first, with who did each. */
export async function listEncounterAudit(db: DB, encounterId: number, limit = 30) {
  const rows = await db
    .selectFrom("audit_log")
    .select(["id", "actor", "action", "data", "created_at"])
    .where("entity", "=", "encounter")
    .where("entity_id", "=", String(encounterId))
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  const organizerIds = [
    ...new Set(
      rows
        .map((r) => /^organizer:(\d+)$/.exec(r.actor)?.[1])
        .filter((v): v is string => Boolean(v))
        .map(Number),
    ),
  ];
  const names = new Map(
    organizerIds.length
      ? (await db.selectFrom("organizers").select(["id", "name"]).where("id", "in", organizerIds).execute()).map((o) => [`organizer:${o.id}`, o.name])
      : [],
  );
  return rows.map((row) => ({ ...row, who: names.get(row.actor) ?? row.actor }));
}
