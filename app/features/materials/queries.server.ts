import type { DB } from "~db/client";
import type { MaterialVisibility } from "~db/schema";
import { accessFor, isPendingCity, type Access, type MaterialFields, type MaterialViewer, type Standing } from "~/features/materials/rules";
import { repeatWindowStart, sameTitle } from "~/lib/repeated-submission";
import { findCitiesByIds } from "~/features/cities/queries.server";

// Reads of guide materials, their versions, download receipts and the people they are meant
// for. Nothing here writes or opens a transaction: the writers are in commands/.

// ---- who may download ------------------------------------------------------------------

export async function standingOf(db: DB, participantId: number, encounterId: number | null): Promise<Standing> {
  let query = db.selectFrom("registrations").select(["checked_in_at"]).where("participant_id", "=", participantId).where("status", "!=", "cancelled");
  if (encounterId !== null) query = query.where("encounter_id", "=", encounterId);
  const rows = await query.execute();
  return { registered: rows.length > 0, attended: rows.some((r) => r.checked_in_at !== null) };
}

/** What this viewer may do with this material (see accessFor). */
export async function accessOf(db: DB, viewer: MaterialViewer, material: { visibility: MaterialVisibility; encounter_id: number | null }): Promise<Access> {
  const standing = viewer.participantId !== null ? await standingOf(db, viewer.participantId, material.encounter_id) : null;
  return accessFor(material.visibility, { organizer: viewer.organizerId !== null, participant: viewer.participantId !== null }, standing);
}

// ---- reading -----------------------------------------------------------------------------

function materialsWithCurrentVersion(db: DB) {
  return db
    .selectFrom("materials")
    .innerJoin("material_versions as cv", "cv.id", "materials.current_version_id")
    .leftJoin("encounters", "encounters.id", "materials.encounter_id")
    .select([
      "materials.id",
      "materials.encounter_id",
      "materials.title",
      "materials.description",
      "materials.language",
      "materials.visibility",
      "materials.current_version_id",
      "materials.created_at",
      "materials.updated_at",
      "cv.version",
      "cv.original_name",
      "cv.content_type",
      "cv.size",
      "cv.sha256",
      "cv.file_key",
      "cv.created_at as version_created_at",
      "encounters.slug as encounter_slug",
      "encounters.title as encounter_title",
      "encounters.status as encounter_status",
    ]);
}

export type MaterialWithVersion = NonNullable<Awaited<ReturnType<typeof findMaterial>>>;

/** A material with its current version and its encounter (if any); null if unknown. */
export async function findMaterial(db: DB, id: number) {
  return (await materialsWithCurrentVersion(db).where("materials.id", "=", id).executeTakeFirst()) ?? null;
}

/** The materials of one encounter, or the general ones (encounterId null), oldest first. */
export async function listMaterials(db: DB, encounterId: number | null) {
  const query = materialsWithCurrentVersion(db);
  return (encounterId === null ? query.where("materials.encounter_id", "is", null) : query.where("materials.encounter_id", "=", encounterId))
    .orderBy("materials.created_at")
    .orderBy("materials.id")
    .execute();
}

/** For organizers: every material (or one encounter's, or the general ones) with download counts. */
export async function listMaterialsWithCounts(db: DB, filter: { encounterId?: number | null } = {}) {
  let query = materialsWithCurrentVersion(db).select((eb) => [
    eb
      .selectFrom("downloads")
      .innerJoin("material_versions as dv", "dv.id", "downloads.material_version_id")
      .whereRef("dv.material_id", "=", "materials.id")
      .select((d) => d.fn.countAll<number>().as("n"))
      .as("downloads"),
    eb
      .selectFrom("downloads")
      .innerJoin("material_versions as dv", "dv.id", "downloads.material_version_id")
      .whereRef("dv.material_id", "=", "materials.id")
      .select((d) => d.fn.count<number>("downloads.participant_id").distinct().as("n"))
      .as("people"),
    eb
      .selectFrom("material_versions as vv")
      .whereRef("vv.material_id", "=", "materials.id")
      .select((d) => d.fn.countAll<number>().as("n"))
      .as("versions"),
  ]);
  if (filter.encounterId === null) query = query.where("materials.encounter_id", "is", null);
  else if (filter.encounterId !== undefined) query = query.where("materials.encounter_id", "=", filter.encounterId);
  return query.orderBy("encounters.starts_at", "desc").orderBy("materials.created_at").orderBy("materials.id").execute();
}

export async function listVersions(db: DB, materialId: number) {
  return db
    .selectFrom("material_versions")
    .leftJoin("organizers", "organizers.id", "material_versions.uploaded_by")
    .select((eb) => [
      "material_versions.id",
      "material_versions.version",
      "material_versions.original_name",
      "material_versions.content_type",
      "material_versions.size",
      "material_versions.sha256",
      "material_versions.created_at",
      "organizers.name as uploaded_by_name",
      eb
        .selectFrom("downloads")
        .whereRef("downloads.material_version_id", "=", "material_versions.id")
        .select((d) => d.fn.countAll<number>().as("n"))
        .as("downloads"),
    ])
    .where("material_versions.material_id", "=", materialId)
    .orderBy("material_versions.version", "desc")
    .execute();
}

export async function findVersion(db: DB, materialId: number, version: number) {
  return (await db.selectFrom("material_versions").selectAll().where("material_id", "=", materialId).where("version", "=", version).executeTakeFirst()) ?? null;
}

/** The number people see ("version 3") of one of the material's versions; null if it is not one of them. */
export async function findVersionNumber(db: DB, materialId: number, versionId: number): Promise<number | null> {
  const row = await db.selectFrom("material_versions").select("version").where("id", "=", versionId).where("material_id", "=", materialId).executeTakeFirst();
  return row?.version ?? null;
}

export async function listEncounterChoices(db: DB) {
  return db.selectFrom("encounters").select(["id", "slug", "title", "status"]).orderBy("starts_at", "desc").execute();
}

// ---- repeated sends ---------------------------------------------------------------------

/**
 * The material this organizer published from this same form a moment ago, if any: the second
 * send of a double tap or a resent upload. "The same form" is the same encounter (or none), a
 * first version with the same bytes (sha256), the title compared as sameTitle does, and the
 * same description, language and visibility: someone who goes back to fix the visibility and
 * sends again gets what they sent, not the first material left as it was.
 */
export async function findRepeatedMaterial(
  db: DB,
  input: MaterialFields & { encounterId: number | null; organizerId: number; sha256: string; now: Date },
): Promise<number | null> {
  const candidates = await db
    .selectFrom("materials")
    .innerJoin("material_versions", "material_versions.material_id", "materials.id")
    .select(["materials.id", "materials.title", "materials.description", "materials.language", "materials.visibility"])
    .where("materials.created_by", "=", input.organizerId)
    .where("materials.encounter_id", input.encounterId === null ? "is" : "=", input.encounterId)
    .where("materials.created_at", ">=", repeatWindowStart(input.now))
    .where("material_versions.version", "=", 1)
    .where("material_versions.sha256", "=", input.sha256)
    .orderBy("materials.id", "desc")
    .execute();
  const same = candidates.find(
    (m) => sameTitle(m.title, input.title) && m.description === input.description && m.language === input.language && m.visibility === input.visibility,
  );
  return same?.id ?? null;
}

/** Mails already queued about one version of a material (their keys are notifyAudience's). */
export async function countNotifiedAbout(db: DB, materialId: number, version: number): Promise<number> {
  const row = await db
    .selectFrom("email_outbox")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("idempotency_key", "like", `material:${materialId}:v${version}:p%`)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Whether an encounter exists, for the upload form's encounter choice. */
export async function encounterExists(db: DB, encounterId: number): Promise<boolean> {
  return (await db.selectFrom("encounters").select("id").where("id", "=", encounterId).executeTakeFirst()) !== undefined;
}

// ---- receipts --------------------------------------------------------------------------

/** Everyone the material is meant for: non-cancelled registrations (checked in, for attendees). */
function audience(db: DB, material: { encounter_id: number | null; visibility: MaterialVisibility }) {
  let query = db
    .selectFrom("registrations")
    .innerJoin("participants", "participants.id", "registrations.participant_id")
    .where("registrations.status", "!=", "cancelled");
  if (material.encounter_id !== null) query = query.where("registrations.encounter_id", "=", material.encounter_id);
  if (material.visibility === "attendees") query = query.where("registrations.checked_in_at", "is not", null);
  return query;
}

export async function listDownloads(db: DB, materialId: number, limit = 300) {
  return db
    .selectFrom("downloads")
    .innerJoin("material_versions", "material_versions.id", "downloads.material_version_id")
    .leftJoin("participants", "participants.id", "downloads.participant_id")
    .leftJoin("cities", "cities.id", "participants.city_id")
    .leftJoin("organizers", "organizers.id", "downloads.organizer_id")
    .select([
      "downloads.id",
      "downloads.created_at",
      "downloads.via",
      "material_versions.version",
      "participants.full_name as participant_name",
      "participants.email as participant_email",
      "participants.entity as participant_entity",
      "cities.name as city_name",
      "organizers.name as organizer_name",
    ])
    .where("material_versions.material_id", "=", materialId)
    .orderBy("downloads.created_at", "desc")
    .orderBy("downloads.id", "desc")
    .limit(limit)
    .execute();
}

export interface CityReceipt {
  cityId: number;
  name: string;
  dane: string;
  /** People the material is meant for in this city. */
  audience: number;
  /** Distinct people of this city who downloaded it (any version). */
  downloaders: number;
  downloads: number;
  lastDownloadAt: string | null;
}

/** Per city: who it is meant for, who took it. Cities of the audience with no downloader first. */
export async function receiptsByCity(db: DB, material: { id: number; encounter_id: number | null; visibility: MaterialVisibility }): Promise<CityReceipt[]> {
  const [audienceRows, downloadRows] = await Promise.all([
    audience(db, material)
      .select((eb) => ["participants.city_id", eb.fn.count<number>("participants.id").distinct().as("n")])
      .groupBy("participants.city_id")
      .execute(),
    db
      .selectFrom("downloads")
      .innerJoin("material_versions", "material_versions.id", "downloads.material_version_id")
      .innerJoin("participants", "participants.id", "downloads.participant_id")
      .where("material_versions.material_id", "=", material.id)
      .select((eb) => [
        "participants.city_id",
        eb.fn.countAll<number>().as("downloads"),
        eb.fn.count<number>("downloads.participant_id").distinct().as("people"),
        eb.fn.max("downloads.created_at").as("last"),
      ])
      .groupBy("participants.city_id")
      .execute(),
  ]);
  const cityIds = [...new Set([...audienceRows.map((r) => r.city_id), ...downloadRows.map((r) => r.city_id)])];
  if (cityIds.length === 0) return [];
  const cities = await findCitiesByIds(db, cityIds);
  const byCity = new Map(cities.map((c) => [c.id, c]));
  const receipts = cityIds.map((cityId): CityReceipt => {
    const a = audienceRows.find((r) => r.city_id === cityId);
    const d = downloadRows.find((r) => r.city_id === cityId);
    const city = byCity.get(cityId);
    return {
      cityId,
      name: city?.name ?? "?",
      dane: city?.dane ?? "",
      audience: Number(a?.n ?? 0),
      downloaders: Number(d?.people ?? 0),
      downloads: Number(d?.downloads ?? 0),
      lastDownloadAt: (d?.last as string | null | undefined) ?? null,
    };
  });
  const pending = (r: CityReceipt) => (isPendingCity(r) ? 0 : 1);
  return receipts.sort((x, y) => pending(x) - pending(y) || x.name.localeCompare(y.name, "es"));
}

/** People the material is meant for who have downloaded no version of it (optionally of one city). */
export async function audienceWithoutDownload(
  db: DB,
  material: { id: number; encounter_id: number | null; visibility: MaterialVisibility },
  options: { cityIds?: number[] } = {},
) {
  let query = audience(db, material)
    .select(["participants.id", "participants.email", "participants.full_name", "participants.locale", "participants.city_id"])
    .distinct()
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("downloads")
            .innerJoin("material_versions", "material_versions.id", "downloads.material_version_id")
            .select("downloads.id")
            .where("material_versions.material_id", "=", material.id)
            .whereRef("downloads.participant_id", "=", "participants.id"),
        ),
      ),
    );
  if (options.cityIds) {
    if (options.cityIds.length === 0) return [];
    query = query.where("participants.city_id", "in", options.cityIds);
  }
  return query.orderBy("participants.id").execute();
}

/** Everyone the material is meant for, to tell them it is new or updated. */
export async function audienceOf(db: DB, material: { encounter_id: number | null; visibility: MaterialVisibility }) {
  return audience(db, material)
    .select(["participants.id", "participants.email", "participants.full_name", "participants.locale", "participants.city_id"])
    .distinct()
    .orderBy("participants.id")
    .execute();
}
