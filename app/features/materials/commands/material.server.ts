import fs from "node:fs";
import type { DB } from "~db/client";
import type { DownloadVia } from "~db/schema";
import { writeTransaction } from "~db/write-transaction";
import { countNotifiedAbout, findRepeatedMaterial, findVersionNumber } from "~/features/materials/queries.server";
import type { MaterialFields } from "~/features/materials/rules";
import { actorOf, recordAudit } from "~/server/audit.server";
import { publicPagesChanged } from "~/server/public-versions.server";
import { filePathForKey } from "~/server/storage.server";
import { discardUpload, keepUpload, type ReceivedFile } from "~/server/uploads.server";
import { notifyAudience } from "./mail.server";
import { deleteMaterial, insertMaterial, insertVersion, setCurrentVersion, updateMaterialFields } from "./rows.server";

// The organizer's changes to a material: each in one write transaction with its audit entry
// and, when asked, the mail to the people it is meant for.

/**
 * Publishes a material with its first version. The same upload sent again a moment later (see
 * findRepeatedMaterial) publishes nothing: it answers with the first one's material and the
 * mails that one queued, and the second copy of the file is removed, since no row names it.
 */
export async function publishMaterial(
  db: DB,
  input: { organizerId: number; encounterId: number | null; fields: MaterialFields; file: ReceivedFile; notify: boolean; appUrl: string; now?: Date },
): Promise<{ materialId: number; notified: number; published: boolean }> {
  const now = input.now ?? new Date();
  const outcome = await keepUpload(input.file, () =>
    writeTransaction(db, async (trx) => {
      // Inside the write transaction, so two sends that arrive together cannot both miss the
      // other: writers run one at a time, and the second one finds the first one's rows.
      const repeated = await findRepeatedMaterial(trx, {
        ...input.fields,
        encounterId: input.encounterId,
        organizerId: input.organizerId,
        sha256: input.file.sha256,
        now,
      });
      if (repeated !== null) return { materialId: repeated, notified: await countNotifiedAbout(trx, repeated, 1), published: false };
      const { materialId } = await insertMaterial(trx, {
        ...input.fields,
        encounterId: input.encounterId,
        organizerId: input.organizerId,
        file: input.file,
        now,
      });
      await publicPagesChanged(trx);
      await recordAudit(trx, {
        actor: actorOf.organizer(input.organizerId),
        action: "material.create",
        entity: "material",
        entityId: materialId,
        data: {
          encounterId: input.encounterId,
          visibility: input.fields.visibility,
          file: input.file.originalName,
          size: input.file.size,
          sha256: input.file.sha256,
        },
      });
      const notified = input.notify ? await notifyAudience(trx, materialId, input.appUrl, now) : 0;
      return { materialId, notified, published: true };
    }),
  );
  if (!outcome.published) await discardUpload(input.file);
  return outcome;
}

export async function publishVersion(
  db: DB,
  input: { organizerId: number; materialId: number; file: ReceivedFile; notify: boolean; appUrl: string; now?: Date },
): Promise<{ version: number; notified: number }> {
  const now = input.now ?? new Date();
  return keepUpload(input.file, () =>
    writeTransaction(db, async (trx) => {
      const { version } = await insertVersion(trx, { materialId: input.materialId, organizerId: input.organizerId, file: input.file, now });
      await publicPagesChanged(trx);
      await recordAudit(trx, {
        actor: actorOf.organizer(input.organizerId),
        action: "material.version",
        entity: "material",
        entityId: input.materialId,
        data: { version, file: input.file.originalName, size: input.file.size, sha256: input.file.sha256 },
      });
      const notified = input.notify ? await notifyAudience(trx, input.materialId, input.appUrl, now) : 0;
      return { version, notified };
    }),
  );
}

/** Returns the number of the version made current again, for the page to confirm; null if it is not one of the material's. */
export async function restoreVersion(db: DB, input: { organizerId: number; materialId: number; versionId: number }): Promise<number | null> {
  return writeTransaction(db, async (trx) => {
    const version = await findVersionNumber(trx, input.materialId, input.versionId);
    if (version === null || !(await setCurrentVersion(trx, input.materialId, input.versionId))) return null;
    await publicPagesChanged(trx);
    await recordAudit(trx, {
      actor: actorOf.organizer(input.organizerId),
      action: "material.restore",
      entity: "material",
      entityId: input.materialId,
      data: { version },
    });
    return version;
  });
}

export async function editMaterial(db: DB, input: { organizerId: number; materialId: number; fields: MaterialFields }): Promise<void> {
  await writeTransaction(db, async (trx) => {
    await updateMaterialFields(trx, input.materialId, input.fields);
    await publicPagesChanged(trx);
    await recordAudit(trx, {
      actor: actorOf.organizer(input.organizerId),
      action: "material.update",
      entity: "material",
      entityId: input.materialId,
      data: input.fields,
    });
  });
}

/** Deletes the material, its versions and receipts, then its files (after the rows are gone). */
export async function removeMaterial(db: DB, input: { organizerId: number; materialId: number }): Promise<void> {
  const keys = await writeTransaction(db, async (trx) => {
    const removed = await deleteMaterial(trx, input.materialId);
    await publicPagesChanged(trx);
    await recordAudit(trx, {
      actor: actorOf.organizer(input.organizerId),
      action: "material.delete",
      entity: "material",
      entityId: input.materialId,
      data: { files: removed.length },
    });
    return removed;
  });
  await Promise.all(keys.map((key) => fs.promises.rm(filePathForKey(key), { force: true })));
}

/**
 * The receipt of one download. The one writer that takes no write transaction: it is a single
 * insert that reads nothing first (see db/write-transaction.ts), and a download must not wait
 * behind an organizer's upload. Receipts are the audit trail of downloads themselves.
 */
export async function recordDownload(
  db: DB,
  input: { versionId: number; participantId: number | null; organizerId: number | null; via: DownloadVia; now?: Date },
): Promise<void> {
  await db
    .insertInto("downloads")
    .values({
      material_version_id: input.versionId,
      participant_id: input.participantId,
      organizer_id: input.organizerId,
      via: input.via,
      created_at: (input.now ?? new Date()).toISOString(),
    })
    .execute();
}
