import { data } from "@remix-run/node";

// Small helpers for answers with a status; Spanish text lives with the pages that show it.

export function notFound(message = "No encontrado"): never {
  throw new Response(message, { status: 404, statusText: "Not Found" });
}

export function badRequest<T>(body: T) {
  return data(body, { status: 400 });
}

export type AppLoadContext = { clientIp?: string; cspNonce?: string; waitForDrain?: () => Promise<void> };

interface DrainableResponse {
  writableNeedDrain: boolean;
  once(event: "drain" | "close", listener: () => void): unknown;
  off(event: "drain" | "close", listener: () => void): unknown;
}

/**
 * For the load context: Remix writes a response body to the socket without waiting for it to
 * drain, so a large download read faster than the client takes it would pile up in memory.
 * A body that awaits this before reading each chunk keeps memory flat.
 */
export function drainWaiter(res: DrainableResponse): () => Promise<void> {
  return () =>
    res.writableNeedDrain
      ? new Promise<void>((resolve) => {
          const done = () => {
            res.off("drain", done);
            res.off("close", done);
            resolve();
          };
          res.once("drain", done);
          res.once("close", done);
        })
      : Promise.resolve();
}

/** The client's address as the server saw it (express's req.ip, which honours TRUST_PROXY). */
export function clientAddress(context: unknown): string {
  const ip = (context as AppLoadContext | undefined)?.clientIp;
  return ip && ip.length < 100 ? ip : "unknown";
}

// Any control character, raw or percent-encoded: browsers drop TAB, CR and LF inside a URL
// (so "/%09/evil.example" becomes "//evil.example"), and a raw one in Location answers 500.
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001f\u007f]|%[01][0-9a-f]|%7f/i;
const backslashes = /\\|%5c/i;
const ownOrigin = "http://convoca.invalid";

/**
 * The one check for redirect targets taken from a request (sign-in, email links, the language
 * switch): a path of this site, resolved against the app's own origin, or the fallback. Refuses
 * control characters (raw or %-encoded), backslashes, "//" and anything that resolves elsewhere.
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length > 2000 || !to.startsWith("/") || to.startsWith("//")) return fallback;
  if (controlCharacters.test(to) || backslashes.test(to)) return fallback;
  let resolved: URL;
  try {
    resolved = new URL(to, ownOrigin);
  } catch {
    return fallback;
  }
  if (resolved.origin !== ownOrigin) return fallback;
  const path = resolved.pathname + resolved.search + resolved.hash;
  return path.startsWith("//") ? fallback : path;
}

/** The most a form without files may send; files go only to the routes that take them. */
export const formBodyLimit = 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body larger than ${limit} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/** Reads a body while counting its bytes (chunked ones too), giving up past the limit. */
export async function readBodyWithin(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}

const formTypes = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * The one way a route reads a form. Anything else a client may send (JSON, text/plain, no
 * Content-Type, no body, broken multipart, more than the form limit, chunked or not) is a 4xx
 * with a message, never an exception the framework turns into a 500.
 */
export async function readForm(request: Request, limit = formBodyLimit): Promise<FormData> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  if (!formTypes.includes(type)) {
    throw new Response("El formulario no llegó como un formulario. Vuelva a la página y envíelo de nuevo.", {
      status: 415,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  let bytes: Uint8Array;
  try {
    bytes = await readBodyWithin(request.body, limit);
  } catch (error) {
    // By name: the server's byte counter (a copy of this module outside the build) throws it too.
    if ((error as Error)?.name === "BodyTooLargeError") throw tooLarge((error as BodyTooLargeError).limit ?? limit);
    throw unreadableForm();
  }
  try {
    return await new Response(bytes as unknown as BodyInit, { headers: { "Content-Type": request.headers.get("Content-Type") ?? type } }).formData();
  } catch {
    throw unreadableForm();
  }
}

export function tooLarge(limit: number): Response {
  const mb = Math.max(1, Math.round(limit / 1024 / 1024));
  return new Response(`La solicitud es demasiado grande (máximo ${mb} MB).`, { status: 413, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

function unreadableForm(): Response {
  return new Response("No pudimos leer el formulario. Vuelva a la página y envíelo de nuevo.", {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}
