import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "./env.server";
import { hasHiddenCharacters } from "~/lib/input-rules";
import { MultipartError, multipartBoundary, parseMultipart, type PartSink } from "./multipart.server";
import { ensureDirFor, filePathForKey, newFileKey } from "./storage.server";

// Receiving a file from a form, for any feature (materials, commitment evidence):
//   const upload = await receiveUpload(request, { field: "file" });
//   if (!upload.ok) return badRequest({ uploadError: upload.error, ... });
//   ... validate upload.fields (a FormData of the text fields) ...
//   await keepUpload(upload.file, async () => { write the rows that name upload.file.key });
// The file streams to a temporary file under a random key while it is hashed and counted; it
// is refused as soon as it passes the size limit or its first bytes are not an allowed type,
// and the temporary file is removed. A name chosen by the user never becomes a path.

export type UploadErrorCode =
  | "notMultipart" // the form was not sent as multipart/form-data
  | "malformed" // the body could not be read as a form
  | "missing" // no file was chosen
  | "empty" // the file has no bytes
  | "tooLarge" // past maxBytes
  | "type" // the first bytes are not an allowed type
  | "name" // the file name has a path, control characters or is too long
  | "tooMany" // more than one file in the field
  | "fieldTooLarge"; // a text field is too long

export class UploadError extends Error {
  constructor(readonly code: UploadErrorCode) {
    super(`Upload refused: ${code}`);
    this.name = "UploadError";
  }
}

export type FileKind = "pdf" | "zip" | "ole" | "png" | "jpeg" | "gif" | "webp";

export interface ReceivedFile {
  /** Random storage key; the file is at filePathForKey(key). */
  key: string;
  path: string;
  /** The name the person's file had (NFC), with the right extension added if it lacked one. */
  originalName: string;
  /** Decided from the first bytes (and, within the zip and OLE families, the extension). */
  contentType: string;
  kind: FileKind;
  size: number;
  sha256: string;
}

export type UploadOutcome =
  { ok: true; file: ReceivedFile | null; fields: FormData; maxBytes: number } | { ok: false; error: UploadErrorCode; fields: FormData; maxBytes: number };

export interface UploadOptions {
  /** The file input's name; files in other fields are read and ignored. */
  field: string;
  /** Default: MAX_UPLOAD_MB (50 MB). */
  maxBytes?: number;
  /** Default true: no file chosen is the "missing" error. With false, file is null. */
  required?: boolean;
  /** Longest text field, in bytes. Default 64 KiB. */
  maxFieldBytes?: number;
  uploadsDir?: string;
}

export const maxFileNameLength = 255;

export function defaultMaxUploadBytes(): number {
  return Math.round(getEnv().maxUploadMb * 1024 * 1024);
}

// ---- types by first bytes -------------------------------------------------------------

const signatures: Array<{ kind: FileKind; bytes: Array<number | null> }> = [
  { kind: "pdf", bytes: [...Buffer.from("%PDF-")] },
  { kind: "zip", bytes: [0x50, 0x4b, 0x03, 0x04] },
  { kind: "ole", bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { kind: "png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { kind: "jpeg", bytes: [0xff, 0xd8, 0xff] },
  { kind: "gif", bytes: [...Buffer.from("GIF87a")] },
  { kind: "gif", bytes: [...Buffer.from("GIF89a")] },
  { kind: "webp", bytes: [...Buffer.from("RIFF"), null, null, null, null, ...Buffer.from("WEBP")] },
];

/** Bytes needed to decide. */
export const sniffLength = 12;

/** The allowed kind whose signature the bytes start with, or null. */
export function sniffKind(head: Uint8Array): FileKind | null {
  for (const { kind, bytes } of signatures) {
    if (head.length >= bytes.length && bytes.every((b, i) => b === null || head[i] === b)) return kind;
  }
  return null;
}

const ooxml = "application/vnd.openxmlformats-officedocument";
const typesByExtension: Record<FileKind, Record<string, string>> = {
  pdf: { pdf: "application/pdf" },
  zip: {
    zip: "application/zip",
    docx: `${ooxml}.wordprocessingml.document`,
    xlsx: `${ooxml}.spreadsheetml.sheet`,
    pptx: `${ooxml}.presentationml.presentation`,
    ppsx: `${ooxml}.presentationml.slideshow`,
    odt: "application/vnd.oasis.opendocument.text",
    ods: "application/vnd.oasis.opendocument.spreadsheet",
    odp: "application/vnd.oasis.opendocument.presentation",
  },
  // Legacy Office only by its extension: an .msi installer is an OLE file too.
  ole: { doc: "application/msword", xls: "application/vnd.ms-excel", ppt: "application/vnd.ms-powerpoint", pps: "application/vnd.ms-powerpoint" },
  png: { png: "image/png" },
  jpeg: { jpg: "image/jpeg", jpeg: "image/jpeg" },
  gif: { gif: "image/gif" },
  webp: { webp: "image/webp" },
};
const defaultExtension: Record<FileKind, string | null> = { pdf: "pdf", zip: "zip", ole: null, png: "png", jpeg: "jpg", gif: "gif", webp: "webp" };

/**
 * The type to serve and the name to keep. A name whose extension does not fit the content
 * gets the right one added ("informe.html" holding a PDF becomes "informe.html.pdf"), so the
 * downloaded file opens as what it is. Null when the kind needs a known extension (OLE).
 */
export function typeFor(kind: FileKind, name: string): { contentType: string; name: string } | null {
  const ext = path.extname(name).slice(1).toLowerCase();
  const known = typesByExtension[kind][ext];
  if (known) return { contentType: known, name };
  const fallback = defaultExtension[kind];
  if (!fallback) return null;
  return { contentType: typesByExtension[kind][fallback], name: `${name}.${fallback}` };
}

/** A short label for people: PDF, Word, Excel, PowerPoint, ZIP, image types. */
export function typeLabel(contentType: string): string {
  if (contentType === "application/pdf") return "PDF";
  if (contentType.includes("wordprocessingml") || contentType === "application/msword" || contentType.includes("opendocument.text")) return "Word";
  if (contentType.includes("spreadsheetml") || contentType === "application/vnd.ms-excel" || contentType.includes("spreadsheet")) return "Excel";
  if (contentType.includes("presentationml") || contentType === "application/vnd.ms-powerpoint" || contentType.includes("presentation")) return "PowerPoint";
  if (contentType === "application/zip") return "ZIP";
  if (contentType.startsWith("image/")) return contentType.slice(6).toUpperCase();
  return "Archivo";
}

// ---- names ----------------------------------------------------------------------------

// eslint-disable-next-line no-control-regex
const forbiddenInName = /[\u0000-\u001f\u007f/\\]/;

/** The name normalised (NFC, trimmed), or null if it is not acceptable as a plain file name. */
export function cleanFileName(raw: string): string | null {
  const name = raw.normalize("NFC").trim();
  if (!name || name === "." || name === ".." || name.length > maxFileNameLength) return null;
  // Slashes (a path, "../"), NUL and other control characters, and (the rule shared with names
  // and titles) bidirectional overrides that make "gpj.exe" look like "exe.jpg" and zero-width
  // characters.
  if (forbiddenInName.test(name) || hasHiddenCharacters(name)) return null;
  return name;
}

// ---- receiving ------------------------------------------------------------------------

function tempPathFor(uploadsDir: string, key: string): string {
  return path.join(uploadsDir, "tmp", `${key}.part`);
}

/** Removes a received file (a later check failed, or its rows were not written). */
export async function discardUpload(file: ReceivedFile | null | undefined): Promise<void> {
  if (file) await fs.promises.rm(file.path, { force: true });
}

/**
 * Runs `work` (the database writes that name the file) and removes the file if it throws, so a
 * failed upload leaves neither a row nor a file.
 */
export async function keepUpload<T>(file: ReceivedFile, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    await discardUpload(file);
    throw error;
  }
}

class FileSink implements PartSink {
  private handle: fs.promises.FileHandle | null = null;
  private readonly hash = createHash("sha256");
  private head = Buffer.alloc(0);
  private checked = false;
  size = 0;
  kind: FileKind | null = null;

  constructor(
    readonly tempPath: string,
    private readonly maxBytes: number,
  ) {}

  private check(final: boolean) {
    if (this.checked || (!final && this.head.length < sniffLength)) return;
    this.checked = true;
    this.kind = sniffKind(this.head);
    if (!this.kind) throw new UploadError(this.size === 0 ? "empty" : "type");
  }

  async write(chunk: Uint8Array) {
    this.size += chunk.byteLength;
    if (this.size > this.maxBytes) throw new UploadError("tooLarge");
    if (!this.checked) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, sniffLength)]);
      this.check(false);
    }
    this.hash.update(chunk);
    if (!this.handle) {
      ensureDirFor(this.tempPath);
      this.handle = await fs.promises.open(this.tempPath, "wx", 0o600);
    }
    await this.handle.write(chunk);
  }

  async end() {
    if (this.size === 0) throw new UploadError("empty");
    this.check(true);
    await this.close();
  }

  async close() {
    const handle = this.handle;
    this.handle = null;
    await handle?.close();
  }

  digest(): string {
    return this.hash.digest("hex");
  }
}

class DiscardSink implements PartSink {
  write() {}
  end() {}
}

class TextSink implements PartSink {
  private chunks: Buffer[] = [];
  private size = 0;
  constructor(
    private readonly onDone: (value: string) => void,
    private readonly maxBytes: number,
  ) {}
  write(chunk: Uint8Array) {
    this.size += chunk.byteLength;
    if (this.size > this.maxBytes) throw new UploadError("fieldTooLarge");
    this.chunks.push(Buffer.from(chunk));
  }
  end() {
    try {
      this.onDone(new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(this.chunks)));
    } catch {
      throw new UploadError("malformed");
    }
  }
}

/**
 * Reads a multipart form with one file field. Never throws for bad input: the outcome says what
 * was wrong. On success the file is already at its final place (filePathForKey(key)); if the
 * caller then refuses the form or fails to write its rows, it calls discardUpload (or wraps the
 * writes in keepUpload).
 */
export async function receiveUpload(request: Request, options: UploadOptions): Promise<UploadOutcome> {
  const maxBytes = options.maxBytes ?? defaultMaxUploadBytes();
  const maxFieldBytes = options.maxFieldBytes ?? 64 * 1024;
  const uploadsDir = options.uploadsDir ?? getEnv().uploadsDir;
  const fields = new FormData();
  const fail = (error: UploadErrorCode): UploadOutcome => ({ ok: false, error, fields, maxBytes });

  const boundary = multipartBoundary(request.headers.get("Content-Type"));
  if (!boundary || !request.body) return fail("notMultipart");
  // Room for the other fields and the multipart framing; a body declared far larger is refused
  // before any of it is read.
  const declared = Number(request.headers.get("Content-Length") ?? NaN);
  const drainBytes = maxBytes + 1024 * 1024;
  if (Number.isFinite(declared) && declared > maxBytes + 1024 * 1024 + 10 * maxFieldBytes) {
    if (declared <= 2 * drainBytes) await drainBody(request.body, 2 * drainBytes);
    return fail("tooLarge");
  }

  // Filled in by the part callback (a holder object, so the compiler does not narrow it away).
  const got: { sink: FileSink | null; name: string | null; key: string | null } = { sink: null, name: null, key: null };
  try {
    await parseMultipart(
      request.body,
      boundary,
      (part) => {
        if (part.filename === null) return new TextSink((value) => fields.append(part.name, value), maxFieldBytes);
        if (part.name !== options.field) return new DiscardSink();
        if (part.filename === "") return new DiscardSink(); // an empty file input
        if (got.sink) throw new UploadError("tooMany");
        got.name = cleanFileName(part.filename);
        if (!got.name) throw new UploadError("name");
        got.key = newFileKey();
        got.sink = new FileSink(tempPathFor(uploadsDir, got.key), maxBytes);
        return got.sink;
      },
      { drainBytes },
    );
  } catch (error) {
    await removeTemp(got.sink);
    if (error instanceof UploadError) return fail(error.code);
    if (error instanceof MultipartError) return fail("malformed");
    // The server counts every body against its route's cap while it streams.
    if ((error as Error)?.name === "BodyTooLargeError") return fail("tooLarge");
    // A client that went away mid-upload: nothing is kept.
    if (request.signal.aborted) return fail("malformed");
    throw error;
  }

  const { sink, name, key } = got;
  if (!sink || !sink.kind || !name || !key) return options.required === false ? { ok: true, file: null, fields, maxBytes } : fail("missing");
  const typed = typeFor(sink.kind, name);
  if (!typed) {
    await removeTemp(sink);
    return fail("type");
  }
  const finalPath = filePathForKey(key, uploadsDir);
  try {
    ensureDirFor(finalPath);
    await fs.promises.rename(sink.tempPath, finalPath);
  } catch (error) {
    await removeTemp(sink);
    throw error;
  }
  return {
    ok: true,
    fields,
    maxBytes,
    file: { key, path: finalPath, originalName: typed.name, contentType: typed.contentType, kind: sink.kind, size: sink.size, sha256: sink.digest() },
  };
}

async function removeTemp(file: FileSink | null) {
  if (!file) return;
  await file.close().catch(() => undefined);
  await fs.promises.rm(file.tempPath, { force: true });
}

async function drainBody(body: ReadableStream<Uint8Array>, limit: number) {
  const reader = body.getReader();
  let read = 0;
  while (read <= limit) {
    const { done, value } = await reader.read();
    if (done) return;
    read += value.byteLength;
  }
}
