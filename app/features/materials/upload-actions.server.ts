import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import type { DB } from "~db/client";
import { publishMaterial, publishVersion } from "~/features/materials/commands/material.server";
import { materialUploadSchema, newVersionSchema } from "~/features/materials/forms";
import { encounterExists } from "~/features/materials/queries.server";
import { parseFields } from "~/server/forms.server";
import { discardUpload, receiveUpload, type UploadErrorCode } from "~/server/uploads.server";

// The organizer's two upload forms (multipart), shared by the pages that show them: the file
// streamed through the capped multipart path and checked, the fields parsed with the form
// kit, then the command. A refusal is conform's reply plus what was wrong with the file.

export interface UploadRefusal {
  reply: SubmissionResult<string[]>;
  uploadError: UploadErrorCode | null;
}

/** The action's 400 answer to a refused upload: conform's reply with the file's problem beside it. */
export function refuseUpload(refusal: UploadRefusal) {
  return data({ ...refusal.reply, uploadError: refusal.uploadError }, { status: 400 });
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
  const submission = parseFields(upload.fields, materialUploadSchema);
  const refuse = async (fieldErrors?: Record<string, string[]>) => {
    await discardUpload(upload.ok ? upload.file : null);
    return { ok: false as const, reply: submission.reply(fieldErrors ? { fieldErrors } : {}), uploadError: upload.ok ? null : upload.error };
  };
  if (submission.status !== "success") return refuse();
  if (!upload.ok || !upload.file) return refuse();
  const encounterId = input.encounterId ?? submission.value.encounterId;
  if (input.encounterId === undefined && encounterId !== null) {
    if (!(await encounterExists(db, encounterId))) return refuse({ encounterId: ["invalid"] });
  }
  const { title, description, language, visibility } = submission.value;
  const created = await publishMaterial(db, {
    organizerId: input.organizerId,
    encounterId,
    fields: { title, description, language, visibility },
    file: upload.file,
    notify: submission.value.notify,
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
  const submission = parseFields(upload.fields, newVersionSchema);
  if (!upload.ok || !upload.file || submission.status !== "success") {
    await discardUpload(upload.ok ? upload.file : null);
    return { ok: false, reply: submission.reply(), uploadError: upload.ok ? null : upload.error };
  }
  const added = await publishVersion(db, { ...input, file: upload.file, notify: submission.value.notify });
  return { ok: true, ...added };
}
