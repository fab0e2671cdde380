import { createHash } from "node:crypto";
import fs from "node:fs";
import type { Insertable, Selectable } from "kysely";
import type { DB } from "~db/client";
import type { DownloadsTable, Material, MaterialsTable, MaterialVersion } from "~db/schema";
import { simplePdf } from "~db/seed/simple-pdf";
import { writeTransaction } from "~db/write-transaction";
import { ensureDirFor, filePathForKey, newFileKey } from "~/server/storage.server";
import type { ReceivedFile } from "~/server/uploads.server";
import { sequence } from "./sequence";

export type MaterialOverrides = Partial<Insertable<MaterialsTable>> & {
  /** The file of its one version (a small PDF named after the title by default). */
  file?: { name: string; contentType: string; content: Buffer };
};

/**
 * A material with one version whose file really is in the uploads folder, so it can be
 * downloaded. Public and of no encounter unless told (`encounter_id`, `visibility`).
 */
export async function makeMaterial(db: DB, overrides: MaterialOverrides = {}): Promise<Material & { version: MaterialVersion }> {
  const { file: given, ...columns } = overrides;
  const n = sequence();
  const title = columns.title ?? `Documento de prueba ${n}`;
  const file = given ?? { name: `documento-${n}.pdf`, contentType: "application/pdf", content: simplePdf(title, ["Documento de prueba."]) };
  const key = newFileKey();
  const filePath = filePathForKey(key);
  ensureDirFor(filePath);
  fs.writeFileSync(filePath, file.content);
  const now = new Date().toISOString();
  return writeTransaction(db, async (trx) => {
    const material = await trx
      .insertInto("materials")
      .values({ encounter_id: null, visibility: "public", created_by: null, created_at: now, updated_at: now, ...columns, title })
      .returningAll()
      .executeTakeFirstOrThrow();
    const version = await trx
      .insertInto("material_versions")
      .values({
        material_id: material.id,
        version: 1,
        file_key: key,
        original_name: file.name,
        content_type: file.contentType,
        size: file.content.length,
        sha256: createHash("sha256").update(file.content).digest("hex"),
        uploaded_by: material.created_by,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const current = await trx
      .updateTable("materials")
      .set({ current_version_id: version.id })
      .where("id", "=", material.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ...current, version };
  });
}

export type DownloadOverrides = Partial<Insertable<DownloadsTable>> & Pick<Insertable<DownloadsTable>, "material_version_id">;

/** A download receipt of a material's version (by nobody in particular unless told), as the app keeps one. */
export async function makeDownload(db: DB, overrides: DownloadOverrides): Promise<Selectable<DownloadsTable>> {
  return db
    .insertInto("downloads")
    .values({ participant_id: null, organizer_id: null, via: "page", created_at: new Date().toISOString(), ...overrides })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A PDF as the upload handler leaves it (in the uploads folder under a random key), for the material commands. */
export function makeReceivedFile(name = `documento-${sequence()}`): ReceivedFile {
  const content = simplePdf(name, ["Documento de prueba."]);
  const key = newFileKey();
  const filePath = filePathForKey(key);
  ensureDirFor(filePath);
  fs.writeFileSync(filePath, content);
  return {
    key,
    path: filePath,
    originalName: `${name}.pdf`,
    contentType: "application/pdf",
    kind: "pdf",
    size: content.length,
    sha256: createHash("sha256").update(content).digest("hex"),
  };
}
