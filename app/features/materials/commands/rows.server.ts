import type { DB } from "~db/client";
import type { MaterialFields } from "~/features/materials/rules";

// Row writes of materials and their versions, run inside a command's write transaction (the
// caller passes it in); the commands beside this file add the audit entry and the mail.

export interface VersionFile {
  key: string;
  originalName: string;
  contentType: string;
  size: number;
  sha256: string;
}

export async function insertMaterial(
  db: DB,
  input: MaterialFields & { encounterId: number | null; organizerId: number; file: VersionFile; now?: Date },
): Promise<{ materialId: number; versionId: number }> {
  const now = (input.now ?? new Date()).toISOString();
  const material = await db
    .insertInto("materials")
    .values({
      encounter_id: input.encounterId,
      title: input.title,
      description: input.description,
      language: input.language,
      visibility: input.visibility,
      created_by: input.organizerId,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const { versionId } = await insertVersion(db, { materialId: material.id, organizerId: input.organizerId, file: input.file, now: input.now });
  return { materialId: material.id, versionId };
}

/** Adds the next version and makes it current. */
export async function insertVersion(
  db: DB,
  input: { materialId: number; organizerId: number; file: VersionFile; now?: Date },
): Promise<{ versionId: number; version: number }> {
  const now = (input.now ?? new Date()).toISOString();
  const last = await db
    .selectFrom("material_versions")
    .select((eb) => eb.fn.max("version").as("v"))
    .where("material_id", "=", input.materialId)
    .executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  const row = await db
    .insertInto("material_versions")
    .values({
      material_id: input.materialId,
      version,
      file_key: input.file.key,
      original_name: input.file.originalName,
      content_type: input.file.contentType,
      size: input.file.size,
      sha256: input.file.sha256,
      uploaded_by: input.organizerId,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.updateTable("materials").set({ current_version_id: row.id, updated_at: now }).where("id", "=", input.materialId).execute();
  return { versionId: row.id, version };
}

/** Makes an older version current again (the newer ones stay in the history). */
export async function setCurrentVersion(db: DB, materialId: number, versionId: number, now = new Date()): Promise<boolean> {
  const result = await db
    .updateTable("materials")
    .set({ current_version_id: versionId, updated_at: now.toISOString() })
    .where("id", "=", materialId)
    .where((eb) => eb.exists(eb.selectFrom("material_versions").select("id").where("id", "=", versionId).where("material_id", "=", materialId)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updateMaterialFields(db: DB, materialId: number, fields: MaterialFields, now = new Date()): Promise<void> {
  await db
    .updateTable("materials")
    .set({ ...fields, updated_at: now.toISOString() })
    .where("id", "=", materialId)
    .execute();
}

/** Deletes a material with its versions and receipts; returns the file keys to remove after commit. */
export async function deleteMaterial(db: DB, materialId: number): Promise<string[]> {
  const keys = await db.selectFrom("material_versions").select("file_key").where("material_id", "=", materialId).execute();
  await db.deleteFrom("materials").where("id", "=", materialId).execute();
  return keys.map((k) => k.file_key);
}
