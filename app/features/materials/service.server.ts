import fs from "node:fs";
import { isbot } from "isbot";
import type { DB } from "~db/client";
import type { DownloadVia, Locale } from "~db/schema";
import { actorOf, recordAudit } from "~/server/audit.server";
import {
  accessFor,
  audienceOf,
  audienceWithoutDownload,
  deleteMaterial,
  findMaterial,
  findRepeatedMaterial,
  findVersionNumber,
  insertMaterial,
  insertVersion,
  receiptsByCity,
  recordDownload,
  setCurrentVersion,
  standingOf,
  updateMaterialFields,
  type Access,
  type MaterialFields,
  type MaterialWithVersion,
} from "~/features/materials/model.server";
import { getOrganizer, getParticipant } from "~/server/auth.server";
import { sendFile } from "~/server/file-response.server";
import { materialLinkDays, signMaterialLink } from "~/server/signed-links.server";
import { filePathForKey } from "~/server/storage.server";
import type { FieldErrors } from "~/lib/forms";
import { parseForm } from "~/lib/forms";
import { materialUploadSchema, newVersionSchema } from "~/features/materials/forms";
import { discardUpload, keepUpload, receiveUpload, type ReceivedFile, type UploadErrorCode } from "~/server/uploads.server";
import { enqueueEmail, InvalidEmailError } from "~/features/mail/outbox.server";
import { writeTransaction } from "~db/write-transaction";

// Materials work that spans models: an upload with its audit entry and its mail in one
// transaction; who may download what; sending a file and leaving a receipt.

// ---- access ------------------------------------------------------------------------------

export interface MaterialViewer {
  organizerId: number | null;
  participantId: number | null;
}

export async function viewerOf(db: DB, request: Request): Promise<MaterialViewer> {
  const [organizer, participant] = await Promise.all([getOrganizer(request, db), getParticipant(request, db)]);
  return { organizerId: organizer?.id ?? null, participantId: participant?.id ?? null };
}

/** Materials of a draft encounter exist only for organizers. */
export function hiddenFrom(viewer: MaterialViewer, material: Pick<MaterialWithVersion, "encounter_status">): boolean {
  return viewer.organizerId === null && material.encounter_status === "draft";
}

export async function accessOf(db: DB, viewer: MaterialViewer, material: Pick<MaterialWithVersion, "visibility" | "encounter_id">): Promise<Access> {
  const standing = viewer.participantId !== null ? await standingOf(db, viewer.participantId, material.encounter_id) : null;
  return accessFor(material.visibility, { organizer: viewer.organizerId !== null, participant: viewer.participantId !== null }, standing);
}

// ---- downloads ---------------------------------------------------------------------------

export function currentVersionOf(material: MaterialWithVersion): VersionToSend {
  return {
    id: material.current_version_id!,
    file_key: material.file_key,
    original_name: material.original_name,
    content_type: material.content_type,
    size: material.size,
    sha256: material.sha256,
    created_at: material.version_created_at,
  };
}

export interface VersionToSend {
  id: number;
  file_key: string;
  original_name: string;
  content_type: string;
  size: number;
  sha256: string;
  created_at: string;
}

/**
 * Streams one version and records a receipt when this answer starts the file from its first
 * byte (not for HEAD, 304, a resumed range, or a link scanner's bot).
 */
export async function serveVersion(
  db: DB,
  request: Request,
  version: VersionToSend,
  who: { participantId: number | null; organizerId: number | null; via: DownloadVia },
  options: { waitForDrain?: () => Promise<void> } = {},
): Promise<Response> {
  let sent;
  try {
    sent = await sendFile(
      request,
      {
        path: filePathForKey(version.file_key),
        size: version.size,
        contentType: version.content_type,
        downloadName: version.original_name,
        sha256: version.sha256,
        lastModified: version.created_at,
      },
      options,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    console.error(`Falta en disco el archivo de la versión ${version.id} (${version.file_key})`);
    return new Response("El archivo no está disponible. Avise a los organizadores.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const userAgent = request.headers.get("User-Agent") ?? "";
  if (sent.startsDownload && sent.response.status < 300 && !(userAgent && isbot(userAgent))) {
    await recordDownload(db, { versionId: version.id, ...who });
  }
  return sent.response;
}

// ---- links in mail ---------------------------------------------------------------------

export function materialLink(appUrl: string, participantId: number, materialId: number, now = new Date()) {
  const expiresAt = new Date(now.getTime() + materialLinkDays * 86_400_000);
  return {
    url: `${appUrl}/d/${signMaterialLink({ participantId, materialId, expiresAt })}`,
    validUntil: expiresAt.toISOString().slice(0, 10),
  };
}

type Recipient = { id: number; email: string; full_name: string; locale: Locale };

/** Enqueues one message per recipient; an address the outbox refuses is skipped, not fatal. */
async function mailEach(recipients: Recipient[], send: (r: Recipient) => Promise<{ enqueued: boolean }>) {
  let enqueued = 0;
  let skipped = 0;
  for (const recipient of recipients) {
    try {
      if ((await send(recipient)).enqueued) enqueued++;
    } catch (error) {
      if (!(error instanceof InvalidEmailError)) throw error;
      skipped++;
    }
  }
  return { enqueued, skipped };
}

const short = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Tells everyone the material is meant for that it is new or has a new version (once per version). */
async function notifyAudience(trx: DB, materialId: number, appUrl: string, now: Date): Promise<number> {
  const material = await findMaterial(trx, materialId);
  if (!material || material.encounter_id === null || !material.encounter_slug || material.encounter_status === "draft") return 0;
  const encounter = { title: short(material.encounter_title ?? "", 300), url: `${appUrl}/encuentros/${material.encounter_slug}` };
  const { enqueued } = await mailEach(await audienceOf(trx, material), (person) =>
    enqueueEmail(trx, {
      key: `material:${material.id}:v${material.version}:p${person.id}`,
      to: person.email,
      template: "materials-available",
      locale: person.locale,
      data: {
        name: person.full_name,
        encounter,
        materials: [{ title: material.title, description: material.description ? short(material.description, 500) : undefined }],
        url: materialLink(appUrl, person.id, material.id, now).url,
      },
    }),
  );
  return enqueued;
}

// ---- organizer changes -----------------------------------------------------------------

/** Mails already queued about one version of a material (their keys are notifyAudience's). */
async function notifiedAbout(trx: DB, materialId: number, version: number): Promise<number> {
  const row = await trx
    .selectFrom("email_outbox")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("idempotency_key", "like", `material:${materialId}:v${version}:p%`)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

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
      const repeated = await findRepeatedMaterial(trx, { ...input.fields, encounterId: input.encounterId, organizerId: input.organizerId, sha256: input.file.sha256, now });
      if (repeated !== null) return { materialId: repeated, notified: await notifiedAbout(trx, repeated, 1), published: false };
      const { materialId } = await insertMaterial(trx, { ...input.fields, encounterId: input.encounterId, organizerId: input.organizerId, file: input.file, now });
      await recordAudit(trx, {
        actor: actorOf.organizer(input.organizerId),
        action: "material.create",
        entity: "material",
        entityId: materialId,
        data: { encounterId: input.encounterId, visibility: input.fields.visibility, file: input.file.originalName, size: input.file.size, sha256: input.file.sha256 },
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
    await recordAudit(trx, { actor: actorOf.organizer(input.organizerId), action: "material.update", entity: "material", entityId: input.materialId, data: input.fields });
  });
}

/** Deletes the material, its versions and receipts, then its files (after the rows are gone). */
export async function removeMaterial(db: DB, input: { organizerId: number; materialId: number }): Promise<void> {
  const keys = await writeTransaction(db, async (trx) => {
    const removed = await deleteMaterial(trx, input.materialId);
    await recordAudit(trx, { actor: actorOf.organizer(input.organizerId), action: "material.delete", entity: "material", entityId: input.materialId, data: { files: removed.length } });
    return removed;
  });
  await Promise.all(keys.map((key) => fs.promises.rm(filePathForKey(key), { force: true })));
}

/**
 * Reminds the people the material is meant for who have not downloaded it: those of the given
 * cities, or (cityIds omitted) of every city where nobody has. At most one reminder per person
 * and material a day, whatever the number of clicks.
 */
export async function remindNonDownloaders(
  db: DB,
  input: { organizerId: number; materialId: number; cityIds?: number[]; appUrl: string; now?: Date },
): Promise<{ enqueued: number; people: number }> {
  const now = input.now ?? new Date();
  return writeTransaction(db, async (trx) => {
    const material = await findMaterial(trx, input.materialId);
    if (!material || material.encounter_id === null || !material.encounter_slug) return { enqueued: 0, people: 0 };
    const cityIds =
      input.cityIds ?? (await receiptsByCity(trx, material)).filter((c) => c.audience > 0 && c.downloaders === 0).map((c) => c.cityId);
    const people = await audienceWithoutDownload(trx, material, { cityIds });
    const encounter = { title: short(material.encounter_title ?? "", 300), url: `${input.appUrl}/encuentros/${material.encounter_slug}` };
    const day = now.toISOString().slice(0, 10);
    const { enqueued } = await mailEach(people, (person) => {
      const link = materialLink(input.appUrl, person.id, material.id, now);
      return enqueueEmail(trx, {
        key: `material-reminder:${material.id}:p${person.id}:${day}`,
        to: person.email,
        template: "materials-reminder",
        locale: person.locale,
        data: {
          name: person.full_name,
          encounter,
          material: { title: material.title, description: material.description ? short(material.description, 500) : undefined },
          url: link.url,
          validUntil: link.validUntil,
        },
      });
    });
    await recordAudit(trx, {
      actor: actorOf.organizer(input.organizerId),
      action: "material.remind",
      entity: "material",
      entityId: material.id,
      data: { cityIds, people: people.length, enqueued },
    });
    return { enqueued, people: people.length };
  });
}

// ---- forms -------------------------------------------------------------------------------

export interface UploadRefusal {
  errors: FieldErrors;
  values: Record<string, string>;
  uploadError: UploadErrorCode | null;
}

function valuesOf(fields: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of fields) if (typeof value === "string") values[key] = value.slice(0, 2000);
  return values;
}

/**
 * The organizer's upload form: the file streamed and checked, the fields validated, and the
 * material published with its first version. Returns what to show again when anything is
 * refused (and then nothing is kept). `encounterId` fixes the encounter; without it the form's
 * encounterId field chooses (empty: a general material).
 */
export async function createMaterialFromForm(
  db: DB,
  request: Request,
  input: { organizerId: number; encounterId?: number; appUrl: string },
): Promise<{ ok: true; materialId: number; notified: number } | ({ ok: false } & UploadRefusal)> {
  const upload = await receiveUpload(request, { field: "file" });
  const form = parseForm(materialUploadSchema, upload.fields);
  const values = valuesOf(upload.fields);
  const refuse = async (errors: FieldErrors) => {
    await discardUpload(upload.ok ? upload.file : null);
    return { ok: false as const, errors, values, uploadError: upload.ok ? null : upload.error };
  };
  if (!form.ok) return refuse(form.errors);
  if (!upload.ok || !upload.file) return refuse({});
  let encounterId = input.encounterId ?? form.data.encounterId;
  if (input.encounterId === undefined && encounterId !== null) {
    const exists = await db.selectFrom("encounters").select("id").where("id", "=", encounterId).executeTakeFirst();
    if (!exists) return refuse({ encounterId: "invalid" });
    encounterId = exists.id;
  }
  const { title, description, language, visibility } = form.data;
  const created = await publishMaterial(db, {
    organizerId: input.organizerId,
    encounterId,
    fields: { title, description, language, visibility },
    file: upload.file,
    notify: form.data.notify === "on",
    appUrl: input.appUrl,
  });
  return { ok: true, ...created };
}

/** The new-version form of a material page (multipart): the file, and whether to tell people. */
export async function addVersionFromForm(
  db: DB,
  request: Request,
  input: { organizerId: number; materialId: number; appUrl: string },
): Promise<{ ok: true; version: number; notified: number } | ({ ok: false } & UploadRefusal)> {
  const upload = await receiveUpload(request, { field: "file" });
  const form = parseForm(newVersionSchema, upload.fields);
  const values = valuesOf(upload.fields);
  if (!upload.ok || !upload.file || !form.ok) {
    await discardUpload(upload.ok ? upload.file : null);
    return { ok: false, errors: form.ok ? {} : form.errors, values, uploadError: upload.ok ? null : upload.error };
  }
  const added = await publishVersion(db, { ...input, file: upload.file, notify: form.data.notify === "on" });
  return { ok: true, ...added };
}
