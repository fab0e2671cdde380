import type { CommitmentErrorKey } from "./rules";
import { readForm } from "~/server/http.server";
import { defaultMaxUploadBytes, discardUpload, receiveUpload, type ReceivedFile, type UploadErrorCode } from "~/server/uploads.server";

// The progress form, sent as multipart (with an optional evidence file) by browsers, or as a
// plain form by scripts and tests. Files follow the materials' upload rules (streamed, size
// limit while streaming, type by first bytes, random storage key).

export const evidenceField = "evidenceFile";

/** Evidence files are smaller than guides: at most 20 MB, or less if MAX_UPLOAD_MB says so. */
export function maxEvidenceBytes(): number {
  return Math.min(defaultMaxUploadBytes(), 20 * 1024 * 1024);
}

const uploadErrors: Record<UploadErrorCode, CommitmentErrorKey> = {
  notMultipart: "evidenceMalformed",
  malformed: "evidenceMalformed",
  missing: "evidenceMalformed",
  empty: "evidenceMalformed",
  tooLarge: "evidenceTooLarge",
  type: "evidenceType",
  name: "evidenceName",
  tooMany: "evidenceMalformed",
  fieldTooLarge: "tooLong",
};

export type ProgressFormInput = { ok: true; fields: FormData; file: ReceivedFile | null } | { ok: false; fields: FormData; error: CommitmentErrorKey };

export async function readProgressForm(request: Request): Promise<ProgressFormInput> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    try {
      return { ok: true, fields: await readForm(request), file: null };
    } catch (refusal) {
      // Too large is said as such (413); any other unreadable body is an invalid form.
      if (refusal instanceof Response && refusal.status === 413) throw refusal;
      return { ok: false, fields: new FormData(), error: "invalid" };
    }
  }
  const upload = await receiveUpload(request, { field: evidenceField, required: false, maxBytes: maxEvidenceBytes() });
  if (!upload.ok) return { ok: false, fields: upload.fields, error: uploadErrors[upload.error] };
  return { ok: true, fields: upload.fields, file: upload.file };
}

export { discardUpload };
