// A small streaming multipart/form-data reader (RFC 7578). Remix's parser keeps only the base
// name of a file (so a "../" name cannot be seen, let alone refused) and cannot read names with
// ";" or "=" in them; this one hands each part's raw headers to the caller and waits for the
// caller's sink before reading on, so a slow disk slows the upload instead of filling memory.

export interface PartInfo {
  name: string;
  /** null for a text field; "" when a file input was left empty. */
  filename: string | null;
  contentType: string | null;
}

export interface PartSink {
  write(chunk: Uint8Array): void | Promise<void>;
  end(): void | Promise<void>;
}

export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MultipartError";
  }
}

export interface MultipartLimits {
  maxParts: number;
  maxHeaderBytes: number;
  /** After a sink throws, read and discard up to this many more bytes so the client can read the answer. */
  drainBytes: number;
}

const defaultLimits: MultipartLimits = { maxParts: 100, maxHeaderBytes: 16 * 1024, drainBytes: 0 };

/** The boundary of a multipart/form-data Content-Type, or null for anything else. */
export function multipartBoundary(contentType: string | null): string | null {
  if (!contentType) return null;
  const [type, ...params] = splitParams(contentType);
  if (type.trim().toLowerCase() !== "multipart/form-data") return null;
  for (const [key, value] of params) {
    if (key === "boundary" && /^[0-9A-Za-z'()+_,\-./:=? ]{1,70}$/.test(value) && !value.endsWith(" ")) return value;
  }
  return null;
}

/**
 * Splits `type; a=1; b="x;y"` into the type and its parameters, honouring quoted strings.
 * Backslashes are kept as they are: browsers do not escape them (they send a double quote as
 * %22), and an old Windows browser's "C:\fakepath\a.pdf" must reach the name check intact.
 * Keys are lower-cased; malformed pieces are skipped.
 */
export function splitParams(header: string): [string, ...Array<[string, string]>] {
  let i = header.indexOf(";");
  if (i < 0) return [header.trim()];
  const type = header.slice(0, i).trim();
  const params: Array<[string, string]> = [];
  while (i < header.length) {
    i++; // past ";"
    while (header[i] === " " || header[i] === "\t") i++;
    const eq = header.indexOf("=", i);
    const semi = header.indexOf(";", i);
    if (eq < 0 || (semi >= 0 && semi < eq)) {
      i = semi < 0 ? header.length : semi;
      continue;
    }
    const key = header.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    let value = "";
    if (header[i] === '"') {
      i++;
      const close = header.indexOf('"', i);
      const end = close < 0 ? header.length : close;
      value = header.slice(i, end);
      i = end;
      i++; // past the closing quote
      const next = header.indexOf(";", i);
      i = next < 0 ? header.length : next;
    } else {
      const end = semi < 0 ? header.length : semi;
      value = header.slice(i, end).trim();
      i = end;
    }
    if (key) params.push([key, value]);
  }
  return [type, ...params];
}

function parsePartHeaders(block: Buffer): PartInfo {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(block);
  } catch {
    throw new MultipartError("Part headers are not valid UTF-8");
  }
  let disposition: string | null = null;
  let contentType: string | null = null;
  for (const line of text.split("\r\n")) {
    if (!line) continue;
    const colon = line.indexOf(":");
    if (colon < 1) throw new MultipartError("Malformed part header");
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "content-disposition") disposition = value;
    else if (name === "content-type") contentType = value;
  }
  if (!disposition) throw new MultipartError("Part without Content-Disposition");
  const [type, ...params] = splitParams(disposition);
  if (type.toLowerCase() !== "form-data") throw new MultipartError("Part is not form-data");
  const map = new Map(params);
  const name = map.get("name");
  if (name === undefined) throw new MultipartError("Part without a name");
  let filename: string | null = map.has("filename") ? (map.get("filename") ?? "") : null;
  const extended = map.get("filename*");
  if (extended !== undefined) {
    const match = /^utf-8'[^']*'(.*)$/i.exec(extended);
    if (!match) throw new MultipartError("Unsupported filename* encoding");
    try {
      filename = decodeURIComponent(match[1]);
    } catch {
      throw new MultipartError("Malformed filename*");
    }
  }
  return { name, filename, contentType };
}

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

/**
 * Reads the body part by part. For each part `onPart` returns a sink that receives the part's
 * bytes; every write is awaited before more is read. Throws MultipartError on malformed input,
 * or whatever a sink throws (after draining up to `drainBytes` more of the body).
 */
export async function parseMultipart(
  body: ReadableStream<Uint8Array>,
  boundary: string,
  onPart: (part: PartInfo) => PartSink | Promise<PartSink>,
  limits: Partial<MultipartLimits> = {},
): Promise<void> {
  const { maxParts, maxHeaderBytes, drainBytes } = { ...defaultLimits, ...limits };
  const reader = body.getReader();
  // Every delimiter, the first too, is CRLF "--" boundary: start as if a CRLF came before the body.
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let buf: Buffer = Buffer.from(CRLF);
  let ended = false;

  const more = async (): Promise<boolean> => {
    if (ended) return false;
    const { done, value } = await reader.read();
    if (done) {
      ended = true;
      return false;
    }
    buf = buf.length === 0 ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : Buffer.concat([buf, value]);
    return true;
  };

  const drain = async () => {
    let left = drainBytes;
    while (!ended && left > 0) {
      const { done, value } = await reader.read();
      if (done) ended = true;
      else left -= value.byteLength;
    }
  };

  try {
    // Preamble: skip to the first delimiter.
    for (;;) {
      const at = buf.indexOf(delimiter);
      if (at >= 0) {
        buf = buf.subarray(at + delimiter.length);
        break;
      }
      if (buf.length >= delimiter.length) buf = buf.subarray(buf.length - delimiter.length + 1);
      if (!(await more())) throw new MultipartError("No multipart boundary found");
    }
    let parts = 0;
    for (;;) {
      // After a delimiter: "--" ends the body, CRLF starts a part (transport padding allowed).
      while (buf.length < 2) if (!(await more())) throw new MultipartError("Unexpected end of body");
      if (buf[0] === 0x2d && buf[1] === 0x2d) break;
      let lineEnd = buf.indexOf(CRLF);
      while (lineEnd < 0) {
        if (buf.length > 256) throw new MultipartError("Malformed delimiter line");
        if (!(await more())) throw new MultipartError("Unexpected end of body");
        lineEnd = buf.indexOf(CRLF);
      }
      if (buf.subarray(0, lineEnd).toString("latin1").trim() !== "") throw new MultipartError("Malformed delimiter line");
      buf = buf.subarray(lineEnd + 2);

      if (++parts > maxParts) throw new MultipartError("Too many parts");
      let headerEnd = buf.indexOf(HEADER_END);
      // A part with no headers at all starts directly with the blank line.
      const noHeaders = buf.length >= 2 && buf[0] === 0x0d && buf[1] === 0x0a;
      while (!noHeaders && headerEnd < 0) {
        if (buf.length > maxHeaderBytes) throw new MultipartError("Part headers too large");
        if (!(await more())) throw new MultipartError("Unexpected end of body");
        headerEnd = buf.indexOf(HEADER_END);
      }
      if (noHeaders) throw new MultipartError("Part without Content-Disposition");
      const info = parsePartHeaders(buf.subarray(0, headerEnd));
      buf = buf.subarray(headerEnd + HEADER_END.length);

      const sink = await onPart(info);
      for (;;) {
        const at = buf.indexOf(delimiter);
        if (at >= 0) {
          if (at > 0) await sink.write(buf.subarray(0, at));
          buf = buf.subarray(at + delimiter.length);
          break;
        }
        const keep = delimiter.length - 1;
        if (buf.length > keep) {
          await sink.write(buf.subarray(0, buf.length - keep));
          buf = buf.subarray(buf.length - keep);
        }
        if (!(await more())) throw new MultipartError("Unexpected end of body");
      }
      await sink.end();
    }
    // Epilogue: read what is left so the connection stays usable, but never more than a little.
    let epilogue = 0;
    while (!ended && epilogue < 64 * 1024) {
      const { done, value } = await reader.read();
      if (done) ended = true;
      else epilogue += value.byteLength;
    }
  } catch (error) {
    await drain().catch(() => undefined);
    throw error;
  }
}
