import { isUniqueViolation, type DB } from "~db/client";
import type { Encounter, EncounterStatus } from "~db/schema";
import { copyAgenda, settleAgendaChanges, shiftAgendaDays } from "~/features/agenda/commands/rows.server";
import { shiftInstant } from "~/features/agenda/rules";
import { recordAudit } from "~/server/audit.server";
import type { EncounterInput } from "~/features/agenda/forms";
import { maxSlugLength, reservedSlugs, slugify } from "~/lib/slug";
import { utcToWallTime } from "~/lib/time";
import { writeTransaction } from "~db/write-transaction";
import { cityExists } from "~/features/cities/queries.server";

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

/** "closed": the organizers closed the encounter (or it is a draft); "ended": its registration deadline passed. */
export type RegistrationWindow = "open" | "not_yet" | "closed" | "ended";

export function registrationWindow(
  encounter: Pick<Encounter, "status" | "registration_opens_at" | "registration_closes_at" | "ends_at">,
  now = new Date(),
): RegistrationWindow {
  const t = now.toISOString();
  if (encounter.status !== "published") return "closed";
  if (encounter.registration_opens_at && t < encounter.registration_opens_at) return "not_yet";
  const closes = encounter.registration_closes_at ?? encounter.ends_at;
  return t >= closes ? "ended" : "open";
}

// ---- Organizer scheduling: create, edit, publish, close, duplicate ----------------------------

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

export type EncounterSaveResult = { ok: true; encounter: Encounter } | { ok: false; field: string; error: "slugTaken" | "unknownCity" | "capacityBelowConfirmed" };

function encounterValues(input: EncounterInput) {
  return {
    title: input.title,
    summary: input.summary,
    venue: input.venue,
    address: input.address,
    host_city_id: input.hostCityId,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    timezone: input.timezone,
    capacity: input.capacity,
    city_quota: input.cityQuota,
    registration_opens_at: input.registrationOpensAt,
    registration_closes_at: input.registrationClosesAt,
    contact_email: input.contactEmail,
  };
}

/** A new encounter, always a draft: only organizers see it until it is published. */
export async function createEncounter(db: DB, input: EncounterInput, actor: string): Promise<EncounterSaveResult> {
  if (input.hostCityId !== null && !(await cityExists(db, input.hostCityId))) return { ok: false, field: "hostCityId", error: "unknownCity" };
  if (input.slug && (await isSlugTaken(db, input.slug))) return { ok: false, field: "slug", error: "slugTaken" };
  const slug = input.slug ?? (await availableSlug(db, slugify(input.title)));
  const now = new Date().toISOString();
  try {
    const encounter = await writeTransaction(db, async (trx) => {
      const row = await trx
        .insertInto("encounters")
        .values({ ...encounterValues(input), slug, status: "draft", updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, { actor, action: "encounter.create", entity: "encounter", entityId: row.id, data: { slug, title: row.title } });
      return row;
    });
    return { ok: true, encounter };
  } catch (error) {
    // Another organizer took the same address a moment earlier.
    if (isUniqueViolation(error)) return { ok: false, field: "slug", error: "slugTaken" };
    throw error;
  }
}

const auditedFields = [
  "slug",
  "title",
  "summary",
  "venue",
  "address",
  "host_city_id",
  "starts_at",
  "ends_at",
  "timezone",
  "capacity",
  "city_quota",
  "registration_opens_at",
  "registration_closes_at",
  "contact_email",
] as const;

/**
 * Saves the organizer's edits. The slug is the public address: it can change only while the
 * encounter is a draft (once published, people have bookmarked it). When the start date moves
 * and the organizer asks for it, the agenda moves by as many days, at the same local hours.
 */
export async function updateEncounter(db: DB, encounter: Encounter, input: EncounterInput, actor: string): Promise<EncounterSaveResult> {
  if (input.hostCityId !== null && !(await cityExists(db, input.hostCityId))) return { ok: false, field: "hostCityId", error: "unknownCity" };
  let slug = encounter.slug;
  if (encounter.status === "draft" && input.slug && input.slug !== encounter.slug) {
    if (await isSlugTaken(db, input.slug, encounter.id)) return { ok: false, field: "slug", error: "slugTaken" };
    slug = input.slug;
  }
  if (input.capacity < encounter.confirmed_count) return { ok: false, field: "capacity", error: "capacityBelowConfirmed" };
  const values = { ...encounterValues(input), slug };
  const changed: Record<string, [unknown, unknown]> = {};
  for (const field of auditedFields) if (encounter[field] !== values[field]) changed[field] = [encounter[field], values[field]];
  const dayShift = input.shiftAgenda ? daysBetween(utcToWallTime(encounter.starts_at, encounter.timezone).date, utcToWallTime(input.startsAt, input.timezone).date) : 0;
  const zoneChanged = encounter.timezone !== input.timezone;
  const save = () => writeTransaction(db, async (trx) => {
    // The count read above may be stale: a registration confirmed meanwhile is checked here,
    // in the same statement, so the database's own check never has to refuse (and fail as a 500).
    const row = await trx
      .updateTable("encounters")
      .set({ ...values, updated_at: new Date().toISOString() })
      .where("id", "=", encounter.id)
      .where("confirmed_count", "<=", input.capacity)
      .returningAll()
      .executeTakeFirst();
    if (!row) return null;
    let movedItems = 0;
    if (dayShift !== 0 || (input.shiftAgenda && zoneChanged)) {
      movedItems = await shiftAgendaDays(trx, row, encounter.timezone, dayShift, actor);
    }
    await recordAudit(trx, { actor, action: "encounter.update", entity: "encounter", entityId: encounter.id, data: { changed, movedItems, dayShift } });
    return row;
  });
  try {
    const saved = await save();
    if (!saved) return { ok: false, field: "capacity", error: "capacityBelowConfirmed" };
    return { ok: true, encounter: saved };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, field: "slug", error: "slugTaken" };
    throw error;
  }
}

function daysBetween(fromDate: string, toDate: string): number {
  return Math.round((Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / 86_400_000);
}

export type StatusChange = "publish" | "close" | "reopen" | "unpublish";
const transitions: Record<StatusChange, { from: EncounterStatus; to: EncounterStatus }> = {
  publish: { from: "draft", to: "published" },
  close: { from: "published", to: "closed" },
  reopen: { from: "closed", to: "published" },
  unpublish: { from: "published", to: "draft" },
};

/**
 * Publish (draft -> published), close (published -> closed: its pages stay, registrations stop),
 * reopen (closed -> published), back to draft (published -> draft, only while nobody is
 * registered: registered people must not lose the page of an encounter they signed up for).
 */
export async function changeEncounterStatus(
  db: DB,
  encounter: Encounter,
  change: StatusChange,
  actor: string,
): Promise<"ok" | "invalidTransition" | "hasRegistrations"> {
  const { from, to } = transitions[change];
  return writeTransaction(db, async (trx) => {
    if (change === "unpublish" && (await countActiveRegistrations(trx, encounter.id)) > 0) return "hasRegistrations";
    // Conditional on the current status: two organizers clicking at once change it once.
    const result = await trx
      .updateTable("encounters")
      .set({ status: to, updated_at: new Date().toISOString() })
      .where("id", "=", encounter.id)
      .where("status", "=", from)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return "invalidTransition";
    if (change === "publish" || change === "unpublish") {
      // What happened to the agenda before publication is nobody's news.
      await settleAgendaChanges(trx, encounter.id);
    }
    await recordAudit(trx, { actor, action: `encounter.${change}`, entity: "encounter", entityId: encounter.id, data: { from, to } });
    return "ok";
  });
}

/** Shows or hides the encounter's public page of commitments, recording who did it. */
export async function setCommitmentsPublic(db: DB, encounterId: number, on: boolean, actor: string): Promise<void> {
  await writeTransaction(db, async (trx) => {
    await trx
      .updateTable("encounters")
      .set({ commitments_public: on ? 1 : 0, updated_at: new Date().toISOString() })
      .where("id", "=", encounterId)
      .execute();
    await recordAudit(trx, { actor, action: on ? "commitments.public.on" : "commitments.public.off", entity: "encounter", entityId: encounterId });
  });
}

/**
 * A new draft with the same settings and agenda, on another date: the items keep their local
 * hours and their order. Registrations, materials and commitments are not copied; the
 * registration window is left for the organizer to set.
 */
export async function duplicateEncounter(db: DB, source: Encounter, options: { title: string; startDate: string }, actor: string): Promise<Encounter> {
  const zone = source.timezone;
  const shift = daysBetween(utcToWallTime(source.starts_at, zone).date, options.startDate);
  const now = new Date().toISOString();
  const slug = await availableSlug(db, slugify(options.title));
  return writeTransaction(db, async (trx) => {
    const copy = await trx
      .insertInto("encounters")
      .values({
        slug,
        title: options.title,
        summary: source.summary,
        venue: source.venue,
        address: source.address,
        host_city_id: source.host_city_id,
        starts_at: shiftInstant(source.starts_at, shift, zone),
        ends_at: shiftInstant(source.ends_at, shift, zone),
        timezone: zone,
        capacity: source.capacity,
        city_quota: source.city_quota,
        registration_opens_at: null,
        registration_closes_at: null,
        status: "draft",
        contact_email: source.contact_email,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const copied = await copyAgenda(trx, source.id, copy.id, (instant) => shiftInstant(instant, shift, zone));
    await recordAudit(trx, { actor, action: "encounter.duplicate", entity: "encounter", entityId: copy.id, data: { from: source.id, fromSlug: source.slug, items: copied } });
    return copy;
  });
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
  const organizerIds = [...new Set(rows.map((r) => /^organizer:(\d+)$/.exec(r.actor)?.[1]).filter((v): v is string => Boolean(v)).map(Number))];
  const names = new Map(
    organizerIds.length
      ? (await db.selectFrom("organizers").select(["id", "name"]).where("id", "in", organizerIds).execute()).map((o) => [`organizer:${o.id}`, o.name])
      : [],
  );
  return rows.map((row) => ({ ...row, who: names.get(row.actor) ?? row.actor }));
}
