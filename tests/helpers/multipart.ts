import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// Multipart bodies built byte by byte, so tests can send what browsers never would ("../"
// names, NUL bytes, lying types) and stream them in chunks of any size.

export type MultipartPart =
  { name: string; value: string } | { name: string; filename: string; content: Uint8Array; contentType?: string; rawDisposition?: string };

export const testBoundary = "----convoca-test-boundary-7MA4YWxkTrZu0gW";

export function multipartBody(parts: MultipartPart[], boundary = testBoundary): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ("value" in part) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n`));
      chunks.push(Buffer.from(part.value, "utf8"));
    } else {
      const disposition = part.rawDisposition ?? `form-data; name="${part.name}"; filename="${part.filename.replace(/"/g, "%22")}"`;
      chunks.push(Buffer.from(`Content-Disposition: ${disposition}\r\nContent-Type: ${part.contentType ?? "application/octet-stream"}\r\n\r\n`, "utf8"));
      chunks.push(Buffer.from(part.content));
    }
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

export interface MultipartRequestInit {
  cookie?: string;
  /** Split the body into chunks of this size (a streamed body without Content-Length). */
  chunkSize?: number;
  headers?: Record<string, string>;
}

export function multipartRequest(url: string, parts: MultipartPart[], init: MultipartRequestInit = {}): Request {
  const body = multipartBody(parts);
  const headers: Record<string, string> = { "Content-Type": `multipart/form-data; boundary=${testBoundary}`, ...init.headers };
  if (init.cookie) headers.Cookie = init.cookie;
  if (!init.chunkSize) {
    headers["Content-Length"] = String(body.length);
    return new Request(new URL(url, "http://localhost").href, { method: "POST", headers, body: new Uint8Array(body) });
  }
  return streamedRequest(url, body, init.chunkSize, headers);
}

/** A body delivered chunk by chunk as it is pulled; onPull runs before each chunk. */
export function streamedRequest(url: string, body: Uint8Array, chunkSize: number, headers: Record<string, string>, onPull?: () => void): Request {
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      onPull?.();
      if (offset >= body.length) return controller.close();
      controller.enqueue(body.subarray(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
  return new Request(new URL(url, "http://localhost").href, { method: "POST", headers, body: stream, duplex: "half" } as RequestInit);
}

/** A minimal valid PDF of about `size` bytes (a comment pads it). */
export function pdfBytes(text = "Guía", size = 600): Buffer {
  const head = `%PDF-1.4\n%${text}\n`;
  const pad = Math.max(0, size - Buffer.byteLength(head) - 6);
  return Buffer.concat([Buffer.from(head, "utf8"), Buffer.alloc(pad, 0x20), Buffer.from("\n%%EOF")]);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Every regular file under a folder (recursively), with its size. */
export function filesUnder(dir: string): Array<{ file: string; size: number }> {
  if (!fs.existsSync(dir)) return [];
  const out: Array<{ file: string; size: number }> = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push({ file: full, size: fs.statSync(full).size });
  }
  return out;
}
