import type { DB } from "~db/client";
import { publishMaterial, publishVersion } from "~/features/materials/commands/material.server";
import { materialUploadSchema, newVersionSchema } from "~/features/materials/forms";
import { encounterExists } from "~/features/materials/queries.server";
import type { FieldErrors } from "~/lib/forms";
import { parseForm } from "~/lib/forms";
import { discardUpload, receiveUpload, type UploadErrorCode } from "~/server/uploads.server";

// The organizer's two upload forms (multipart), shared by the pages that show them: the file
// streamed through the capped multipart path and checked, the fields parsed, then the command.

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
  const encounterId = input.encounterId ?? form.data.encounterId;
  if (input.encounterId === undefined && encounterId !== null) {
    if (!(await encounterExists(db, encounterId))) return refuse({ encounterId: "invalid" });
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
