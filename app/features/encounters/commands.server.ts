import { isUniqueViolation, type DB } from "~db/client";
import type { Encounter } from "~db/schema";
import { copyAgenda, settleAgendaChanges, shiftAgendaDays } from "~/features/agenda/commands/rows.server";
import { shiftInstant } from "~/features/agenda/rules";
import { recordAudit } from "~/server/audit.server";
import { publicPagesChanged } from "~/server/public-versions.server";
import type { EncounterInput } from "~/features/encounters/rules";
import { slugify } from "~/lib/slug";
import { utcToWallTime } from "~/lib/time";
import { writeTransaction } from "~db/write-transaction";
import { cityExists } from "~/features/cities/queries.server";
import { availableSlug, countActiveRegistrations, isSlugTaken } from "~/features/encounters/queries.server";
import { changedFields, daysBetween, encounterValues, statusTransitions, type StatusChange } from "~/features/encounters/rules";

// The organizers' writes on an encounter: create, edit, publish, close, duplicate, and the
// public page of commitments. Each opens the write transaction and audits its change.

export type EncounterSaveResult =
  { ok: true; encounter: Encounter } | { ok: false; field: string; error: "slugTaken" | "unknownCity" | "capacityBelowConfirmed" };

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
      await publicPagesChanged(trx);
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
  const changed = changedFields(encounter, values);
  const dayShift = input.shiftAgenda
    ? daysBetween(utcToWallTime(encounter.starts_at, encounter.timezone).date, utcToWallTime(input.startsAt, input.timezone).date)
    : 0;
  const zoneChanged = encounter.timezone !== input.timezone;
  const save = () =>
    writeTransaction(db, async (trx) => {
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
      await publicPagesChanged(trx);
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
  const { from, to } = statusTransitions[change];
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
    await publicPagesChanged(trx);
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
    await publicPagesChanged(trx);
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
    await publicPagesChanged(trx);
    await recordAudit(trx, {
      actor,
      action: "encounter.duplicate",
      entity: "encounter",
      entityId: copy.id,
      data: { from: source.id, fromSlug: source.slug, items: copied },
    });
    return copy;
  });
}
