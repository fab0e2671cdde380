import { Transform, type TransformCallback } from "node:stream";
import { createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable, type ServerBuild } from "@remix-run/node";
import type { Request as ExpressRequest, Response as ExpressResponse, RequestHandler } from "express";
import { getDb } from "./db.server";
import { localRequestOrigin, withRequestOrigin, type Env } from "./env.server";
import { BodyTooLargeError, drainWaiter } from "./http.server";
import { publicPageCache, type PublicPageCache } from "./public-cache.server";
import { discardRestOfBody, refusalPageHtml } from "./refusal-page.server";
import { bodyLimitFor, isPrivatePath } from "./security-headers.server";

// Remix on express, written out (in place of @remix-run/express's createRequestHandler) for four
// things that must hold on every route: the body is counted as it streams (chunked bodies too)
// against that route's cap; the pages with personal data are never cached; the pages anonymous
// visitors read are rendered once per version of what they show (./public-cache.server.ts);
// and a bare-text refusal (a resource route's 403, 404 or 413) reaches a browser as the styled page.

/** A pass-through that fails with BodyTooLargeError once more than `limit` bytes went by. */
class ByteCounter extends Transform {
  private seen = 0;
  overflowed = false;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.byteLength;
    if (this.seen > this.limit) {
      this.overflowed = true;
      done(new BodyTooLargeError(this.limit));
      return;
    }
    done(null, chunk);
  }
}

/** Conditional headers left out of a render whose page is to be kept whole. */
const conditionalHeaders = new Set(["if-none-match", "if-modified-since"]);

function remixRequestFor(req: ExpressRequest, res: ExpressResponse, counter: ByteCounter | null, unconditional = false): Request {
  // As @remix-run/express does: req.hostname honours TRUST_PROXY; the port comes from the headers.
  const port = /:(\d+)$/.exec(req.get("x-forwarded-host") ?? "")?.[1] ?? /:(\d+)$/.exec(req.get("host") ?? "")?.[1];
  let url: URL;
  try {
    url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  } catch {
    url = new URL(`${req.protocol}://localhost${req.originalUrl}`);
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    // The origin check (refuseCrossSiteWrites) has already passed this request against APP_URL.
    // Remix's own compares Origin with Host, which a proxy rewrites and "null" never matches,
    // and answers such a form with an empty 500: it is not given the header to compare.
    if (value === undefined || name === "origin" || (unconditional && conditionalHeaders.has(name))) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const controller = new AbortController();
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (counter) {
    req.pipe(counter);
    init.body = createReadableStreamFromReadable(counter);
    init.duplex = "half";
  }
  let answered = false;
  res.on("finish", () => (answered = true));
  res.on("close", () => {
    if (!answered) controller.abort();
  });
  return new Request(url.href, init);
}

/** A browser's page load (not a fetch by the app's own scripts, not a calendar or a download tool). */
function wantsPage(req: ExpressRequest): boolean {
  return req.get("sec-fetch-dest") === "document" || /text\/html/.test(req.get("accept") ?? "");
}

export function remixHandler(options: {
  getBuild: () => Promise<ServerBuild> | ServerBuild;
  mode: string;
  env: Env;
  /** The public pages kept in memory (one per server; tests pass their own). */
  publicPages?: PublicPageCache;
}): RequestHandler {
  let handlerFor: { build: ServerBuild; handle: ReturnType<typeof createRequestHandler> } | null = null;
  const publicPages = options.publicPages ?? publicPageCache({ db: getDb });
  return async (req, res, next) => {
    try {
      const build = await options.getBuild();
      if (handlerFor?.build !== build) handlerFor = { build, handle: createRequestHandler(build, options.mode) };
      const { handle } = handlerFor;
      const counter = req.method === "GET" || req.method === "HEAD" ? null : new ByteCounter(bodyLimitFor(req.path, options.env));
      const context = { clientIp: req.ip, cspNonce: res.locals.cspNonce as string, waitForDrain: drainWaiter(res) };
      const origin = localRequestOrigin(req.protocol, req.get("host"), options.env);
      const render = ({ unconditional }: { unconditional: boolean }) => {
        const request = remixRequestFor(req, res, counter, unconditional);
        return withRequestOrigin(origin, () => handle(request, context));
      };
      let response = await publicPages.answer(req, res, { build: build.assets.version, origin, render });
      if (!response || res.headersSent) return;
      if (counter?.overflowed) discardRestOfBody(req, res);
      if (isPrivatePath(req.path)) response = withHeader(response, "Cache-Control", "no-store");
      response = await styledIfBare(req, response);
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

/** A refusal sent as plain text (or with no body) to a browser's page load becomes the styled page. */
async function styledIfBare(req: ExpressRequest, response: Response): Promise<Response> {
  if (response.status < 400 || !wantsPage(req)) return response;
  const type = response.headers.get("Content-Type") ?? "";
  if (type && !/^text\/plain/i.test(type)) return response;
  const text = type ? (await response.text()).slice(0, 500) : "";
  const html = await refusalPageHtml(
    { cookie: req.get("cookie"), acceptLanguage: req.get("accept-language") },
    // A server error's text is never shown: it could hold internals.
    { status: response.status, pathname: req.path, detail: response.status < 500 ? text : null },
  );
  const headers = new Headers(response.headers);
  headers.set("Content-Type", "text/html; charset=utf-8");
  headers.set("Cache-Control", "no-store");
  headers.delete("Content-Length");
  headers.delete("Content-Disposition");
  return new Response(req.method === "HEAD" ? null : html, { status: response.status, statusText: response.statusText, headers });
}

async function sendResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  // The route's headers replace the server's defaults (its Referrer-Policy, say); cookies add up.
  for (const [name, value] of response.headers.entries()) {
    if (name.toLowerCase() === "set-cookie") res.append(name, value);
    else res.setHeader(name, value);
  }
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    // an immutable Response (Response.redirect): copied with the header
    const headers = new Headers(response.headers);
    headers.set(name, value);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}
