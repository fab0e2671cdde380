import fs from "node:fs";

// Sends a stored file as a download: conditional requests (ETag, 304), one byte range (206,
// 416), Content-Disposition with the original name, nosniff. The body is read from disk only
// as fast as the client takes it: each chunk is read when the previous one has been written,
// and, when the server passes `waitForDrain` in the load context, once the socket has drained.

export interface StoredFile {
  path: string;
  size: number;
  contentType: string;
  /** The name the person sees when saving; may hold accents and any character. */
  downloadName: string;
  /** Content hash (hex); the strong ETag. */
  sha256: string;
  lastModified?: string;
}

export interface FileResponse {
  response: Response;
  /** True when this answer starts sending the file from its first byte (a download, not a resume). */
  startsDownload: boolean;
}

const chunkSize = 256 * 1024;

/** `attachment; filename="Gu_a.pdf"; filename*=UTF-8''Gu%C3%ADa.pdf` (RFC 6266 / RFC 5987). */
export function contentDisposition(name: string, type: "attachment" | "inline" = "attachment"): string {
  const fallback =
    name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\x20-\x7e]|["\\%;]/g, "_")
      .trim() || "archivo";
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Parses a single `bytes=` range against a size. null: no usable Range (send it all); "unsatisfiable": 416. */
export function parseRange(header: string | null, size: number): { start: number; end: number } | "unsatisfiable" | null {
  if (!header) return null;
  const m = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header.trim());
  // Several ranges, other units or garbage: answering with the whole file is allowed (RFC 9110 §14.2).
  if (!m || (m[1] === "" && m[2] === "")) return null;
  if (m[1] === "") {
    const suffix = Number(m[2]);
    if (suffix === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (!Number.isSafeInteger(start) || start >= size) return "unsatisfiable";
  if (end < start) return null;
  return { start, end };
}

function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

export async function sendFile(request: Request, file: StoredFile, options: { waitForDrain?: () => Promise<void> } = {}): Promise<FileResponse> {
  const etag = `"${file.sha256}"`;
  const headers = new Headers({
    "Content-Type": file.contentType,
    "Content-Disposition": contentDisposition(file.downloadName),
    "X-Content-Type-Options": "nosniff",
    // Access is checked on every request; no-transform keeps proxies (and compression) off the bytes.
    "Cache-Control": "private, no-cache, no-transform",
    "Accept-Ranges": "bytes",
    ETag: etag,
    "Content-Security-Policy": "default-src 'none'; sandbox",
  });
  if (file.lastModified) headers.set("Last-Modified", new Date(file.lastModified).toUTCString());

  if (etagMatches(request.headers.get("If-None-Match"), etag)) {
    for (const h of ["Content-Type", "Content-Disposition", "Accept-Ranges"]) headers.delete(h);
    return { response: new Response(null, { status: 304, headers }), startsDownload: false };
  }

  let range = parseRange(request.headers.get("Range"), file.size);
  // A resume asks for a range only if the file is still the one it started with.
  const ifRange = request.headers.get("If-Range");
  if (range && ifRange && ifRange.trim() !== etag) range = null;
  if (range === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${file.size}`);
    headers.set("Content-Type", "text/plain; charset=utf-8");
    headers.delete("Content-Disposition");
    return { response: new Response("Rango no válido", { status: 416, headers }), startsDownload: false };
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? file.size - 1;
  const length = Math.max(0, end - start + 1);
  headers.set("Content-Length", String(length));
  if (range) headers.set("Content-Range", `bytes ${start}-${end}/${file.size}`);
  const status = range ? 206 : 200;
  const startsDownload = start === 0 && request.method !== "HEAD";

  if (request.method === "HEAD" || length === 0) return { response: new Response(null, { status, headers }), startsDownload };

  // Opened before answering, so a file missing on disk is an error here, not a cut-off body.
  const handle = await fs.promises.open(file.path, "r");
  let position = start;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await handle.close().catch(() => undefined);
  };
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (options.waitForDrain) await options.waitForDrain();
          const want = Math.min(chunkSize, end + 1 - position);
          if (want <= 0 || closed) {
            await close();
            controller.close();
            return;
          }
          const buffer = Buffer.allocUnsafe(want);
          const { bytesRead } = await handle.read(buffer, 0, want, position);
          if (bytesRead === 0) throw new Error("El archivo terminó antes de lo esperado");
          position += bytesRead;
          controller.enqueue(bytesRead === want ? buffer : buffer.subarray(0, bytesRead));
          if (position > end) {
            await close();
            controller.close();
          }
        } catch (error) {
          await close();
          controller.error(error);
        }
      },
      async cancel() {
        await close();
      },
    },
    { highWaterMark: 0 },
  );
  request.signal?.addEventListener("abort", () => void close(), { once: true });
  return { response: new Response(body, { status, headers }), startsDownload };
}
