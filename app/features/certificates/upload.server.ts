import fs from "node:fs";
import type { StoredImage } from "~/features/certificates/commands/design.server";
import { inspectImage, maxCertificateImageBytes } from "~/features/certificates/rules";
import { filePathForKey } from "~/server/storage.server";
import { discardUpload, receiveUpload } from "~/server/uploads.server";

// A logo or signature image from a multipart form: streamed through the capped upload path
// (2 MB, refused as soon as it passes), then read back (it is small) to check that it is a PNG
// or a JPEG whose header gives a size. The error is a key of t.certificates.errors.

export type ImageUpload = { fields: FormData; image: StoredImage | null; error: string | null };

export async function receiveCertificateImage(request: Request, options: { required: boolean }): Promise<ImageUpload> {
  const upload = await receiveUpload(request, { field: "file", maxBytes: maxCertificateImageBytes, required: options.required, maxFieldBytes: 8 * 1024 });
  if (!upload.ok) return { fields: upload.fields, image: null, error: upload.error };
  if (!upload.file) return { fields: upload.fields, image: null, error: null };
  const checked = inspectImage(await fs.promises.readFile(upload.file.path));
  if (!checked.ok) {
    await discardUpload(upload.file);
    return { fields: upload.fields, image: null, error: checked.reason };
  }
  return {
    fields: upload.fields,
    image: { key: upload.file.key, type: checked.type, width: checked.width, height: checked.height, size: upload.file.size },
    error: null,
  };
}

/** Removes a received image whose form was then refused, or whose row was not written. */
export async function discardImage(image: StoredImage | null): Promise<void> {
  if (image) await fs.promises.rm(filePathForKey(image.key), { force: true });
}
