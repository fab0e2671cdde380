import { createHash } from "node:crypto";
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import type { DB } from "~db/client";
import { localeOf } from "~/i18n/locale.server";
import { readPublicVersion } from "./public-versions.server";

// The pages anonymous visitors read, rendered once per version of what they show and kept in
// memory (docs/decisions/011-public-page-cache.md). remixHandler hands every request here first.
//
// - Which requests: GET or HEAD of one of `publicPages`, with no query string but the one the
//   page takes, and no cookie but the language choice (a session or a flash cookie, or any
//   other, means someone the page may speak to personally). Everything else is rendered as
//   before; a personal answer on these addresses is sent `private, no-store`.
// - Under what: a hash of the build, the request's origin (the base of the page's own links
//   when APP_URL is unset), the path and its query, the locale the root loader resolves, the
//   version of the public pages read from the database on every request (one select by primary
//   key), and, for pages that show "now" (the session in progress, registration open or
//   closed), the minute. The forms write times in whole minutes, so a page cannot change within
//   one: the minute is exact, not an approximation.
// - Never stale after a write: the version is read before the page is rendered, and a command
//   raises it in the transaction of its change; a page kept under version v was rendered from
//   data at least as new as v, and any request that starts after the change commits reads v+1.
//   Requests that arrive together share one read, never one that started before they arrived
//   (sharedReads).
// - The CSP nonce: each answer carries its own (res.locals.cspNonce, from securityHeaders);
//   a kept page is stored cut at its render's nonce and sewn back with the answer's. A 304
//   carries no CSP header: the browser keeps the one that came with the body it holds.
// - ETag (weak: the nonce and the render's instant differ between equivalent copies) is the
//   hash above, so a repeat visit gets its 304 before anything is rendered or even looked up,
//   from any instance.

/** The pages kept, each with the query parameters (and values) it answers to. */
const slug = "[a-z0-9]+(?:-[a-z0-9]+)*";
const calendarQuery = { lang: ["en", "es"] };
const publicPages: Array<{ path: RegExp; query: Record<string, readonly string[]>; showsNow: boolean }> = [
  { path: /^\/$/, query: {}, showsNow: true },
  { path: new RegExp(`^/encuentros/${slug}$`), query: {}, showsNow: true },
  { path: new RegExp(`^/encuentros/${slug}/agenda$`), query: {}, showsNow: true },
  { path: new RegExp(`^/encuentros/${slug}/materiales$`), query: { enlace: ["vencido", "sin-acceso"] }, showsNow: true },
  { path: new RegExp(`^/encuentros/${slug}/compromisos$`), query: {}, showsNow: false },
  { path: new RegExp(`^/encuentros/${slug}/agenda\\.ics$`), query: calendarQuery, showsNow: false },
  { path: new RegExp(`^/encuentros/${slug}/agenda/\\d{1,9}\\.ics$`), query: calendarQuery, showsNow: false },
];

/** The one cookie an anonymous page may depend on: the language chosen (app/i18n/locale.server.ts). */
const languageCookie = "convoca_lang";

/** What a CDN in front may do with a kept page: keep it 10 s, then serve it up to 30 s more while it asks again. */
export const publicCacheControl = "public, max-age=0, s-maxage=10, stale-while-revalidate=30";
export const privateCacheControl = "private, no-store";
const vary = "Cookie, Accept-Language";

/** The route's own headers a kept page keeps (the rest are set per answer, or mean "do not keep"). */
const keptHeaders = new Set(["content-type", "content-disposition", "content-language", "x-content-type-options", "referrer-policy"]);

type Plan =
  | { kind: "other" } // not a kept page, or a request the page would answer differently: rendered as before
  | { kind: "personal" } // a kept page asked with a cookie: rendered, never kept by anyone
  | { kind: "public"; pathAndQuery: string; showsNow: boolean };

function cookieNames(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(";")
    .map((pair) => pair.split("=")[0].trim())
    .filter(Boolean);
}

export function planFor(req: Pick<ExpressRequest, "method" | "path" | "originalUrl" | "get">): Plan {
  const page = publicPages.find((p) => p.path.test(req.path));
  if (!page) return { kind: "other" };
  if (cookieNames(req.get("cookie")).some((name) => name !== languageCookie)) return { kind: "personal" };
  if (req.method !== "GET" && req.method !== "HEAD") return { kind: "other" };
  const search = req.originalUrl.includes("?") ? req.originalUrl.slice(req.originalUrl.indexOf("?") + 1) : "";
  const params = new URLSearchParams(search);
  const names = [...params.keys()];
  if (new Set(names).size !== names.length) return { kind: "other" };
  for (const [name, value] of params) if (!page.query[name]?.includes(value)) return { kind: "other" };
  const query = [...params].sort(([a], [b]) => a.localeCompare(b));
  return { kind: "public", pathAndQuery: query.length ? `${req.path}?${new URLSearchParams(query)}` : req.path, showsNow: page.showsNow };
}

/**
 * `read`, shared by the requests that arrive together, without ever handing one a read that
 * started before it arrived (such a read may have missed a change committed since): a request
 * that finds a read on its way waits for the next one, which starts when that one ends and
 * serves everyone who arrived meanwhile. Under a burst, about one read per round trip to the
 * database instead of one per request; each answer as fresh as its own read would have been.
 */
export function sharedReads<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let next: Promise<T> | null = null;
  const start = (): Promise<T> => {
    const reading: Promise<T> = read().finally(() => {
      if (running === reading) running = null;
    });
    running = reading;
    return reading;
  };
  const settled = () => undefined;
  return () => {
    if (!running) return start();
    next ??= running.then(settled, settled).then(() => {
      next = null;
      return start();
    });
    return next;
  };
}

/** If-None-Match against our (weak) ETag, compared weakly as RFC 9110 says for this header. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}

interface Kept {
  /** The body cut at each place its render's nonce stood. */
  parts: Buffer[];
  headers: Array<[string, string]>;
  bytes: number;
}

/** A bounded LRU of kept pages (a Map iterates in insertion order: the oldest first). */
class KeptPages {
  private readonly pages = new Map<string, Kept>();
  private bytes = 0;
  constructor(private readonly limits: { entries: number; bytes: number }) {}

  get(key: string): Kept | undefined {
    const page = this.pages.get(key);
    if (page) {
      this.pages.delete(key);
      this.pages.set(key, page);
    }
    return page;
  }

  set(key: string, page: Kept): void {
    if (page.bytes > this.limits.bytes / 8) return; // one page may not push out everything else
    this.delete(key);
    this.pages.set(key, page);
    this.bytes += page.bytes;
    while (this.pages.size > this.limits.entries || this.bytes > this.limits.bytes) this.delete(this.pages.keys().next().value as string);
  }

  clear(): void {
    this.pages.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.pages.size;
  }

  private delete(key: string): void {
    const page = this.pages.get(key);
    if (!page) return;
    this.pages.delete(key);
    this.bytes -= page.bytes;
  }
}

function cutAtNonce(body: Buffer, nonce: string): Buffer[] {
  if (!nonce) return [body];
  const needle = Buffer.from(nonce);
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(needle, from); at >= 0; at = body.indexOf(needle, from)) {
    parts.push(body.subarray(from, at));
    from = at + needle.length;
  }
  parts.push(body.subarray(from));
  return parts;
}

/** Sends the kept page with `nonce` where its render's stood: the kept bytes are written as they are, not copied. */
function sendSewn(res: ExpressResponse, parts: Buffer[], nonce: string, withBody: boolean): void {
  const needle = Buffer.from(nonce);
  res.setHeader("Content-Length", parts.reduce((bytes, part) => bytes + part.length, 0) + needle.length * (parts.length - 1));
  if (!withBody) {
    res.end();
    return;
  }
  res.cork();
  parts.forEach((part, i) => {
    if (i > 0) res.write(needle);
    res.write(part);
  });
  res.end();
}

/** A rendered answer worth keeping: a whole 200 page or calendar that sets no cookie. */
async function keepable(response: Response, nonce: string): Promise<Kept | null> {
  if (response.status !== 200 || response.headers.has("set-cookie")) return null;
  if (!/^text\/(html|calendar)\b/i.test(response.headers.get("content-type") ?? "")) return null;
  const body = Buffer.from(await response.arrayBuffer());
  const headers = [...response.headers.entries()].filter(([name]) => keptHeaders.has(name.toLowerCase()));
  return { parts: cutAtNonce(body, nonce), headers, bytes: body.length };
}

export interface PublicPageCacheOptions {
  db: () => DB;
  /** How many pages, and how many bytes of them, one instance keeps. */
  limits?: { entries: number; bytes: number };
  /** The clock of the minute a page that shows "now" is kept for (tests move it). */
  now?: () => number;
}

export interface AnswerContext {
  /** The build's version (build.assets.version): a new build renders anew. */
  build: string;
  /** The request's origin when it is the base of the page's links (localRequestOrigin), else null. */
  origin: string | null;
  /** Renders the page; `unconditional` leaves out the visitor's If-None-Match (a page to keep must be whole). */
  render: (options: { unconditional: boolean }) => Promise<Response>;
}

export type PublicPageCache = ReturnType<typeof publicPageCache>;

export function publicPageCache(options: PublicPageCacheOptions) {
  const kept = new KeptPages(options.limits ?? { entries: 500, bytes: 32 * 1024 * 1024 });
  const rendering = new Map<string, Promise<Kept | null>>();
  const now = options.now ?? Date.now;
  // Asked for on each shared read, not kept: a handle closed and opened again (closeDb) is followed.
  const readVersion = sharedReads(() => readPublicVersion(options.db()));
  let lastVersion: string | null = null;

  /** Renders once for every request that asks for the same key meanwhile; the page, or the answer that cannot be kept. */
  async function renderKept(key: string, nonce: string, context: AnswerContext): Promise<{ page: Kept; shared: boolean } | { response: Response }> {
    const pending = rendering.get(key);
    if (pending) {
      const page = await pending;
      return page ? { page, shared: true } : { response: await context.render({ unconditional: false }) };
    }
    let settle!: (page: Kept | null) => void;
    rendering.set(key, new Promise((resolve) => (settle = resolve)));
    let page: Kept | null = null;
    try {
      const response = await context.render({ unconditional: true });
      page = await keepable(response, nonce);
      if (!page) return { response };
      kept.set(key, page);
      return { page, shared: false };
    } finally {
      rendering.delete(key);
      settle(page);
    }
  }

  return {
    /**
     * Answers a request for a public page from memory (a 304, or the kept page) or by rendering
     * and keeping it; returns null once it has answered. Any other request is rendered as before
     * and its Response returned for the caller to send (personal answers marked no-store).
     */
    async answer(req: ExpressRequest, res: ExpressResponse, context: AnswerContext): Promise<Response | null> {
      const plan = planFor(req);
      if (plan.kind === "other") return context.render({ unconditional: false });
      if (plan.kind === "personal") return privately(await context.render({ unconditional: false }));
      const [version, locale] = await Promise.all([readVersion(), localeOf(req.get("cookie"), req.get("accept-language"))]);
      if (version !== lastVersion) {
        // Every page kept under another version is one no request will ask for again.
        if (lastVersion !== null) kept.clear();
        lastVersion = version;
      }
      const minute = plan.showsNow ? String(Math.floor(now() / 60_000)) : "";
      const key = createHash("sha256")
        .update(JSON.stringify([context.build, context.origin ?? "", plan.pathAndQuery, locale, version, minute]))
        .digest("base64url");
      const etag = `W/"${key.slice(0, 27)}"`;
      const cacheHeaders = () => {
        res.setHeader("Cache-Control", publicCacheControl);
        res.setHeader("Vary", vary);
        res.setHeader("ETag", etag);
      };
      if (matches(req.get("if-none-match"), etag)) {
        cacheHeaders();
        res.removeHeader("Content-Security-Policy");
        res.status(304).end();
        return null;
      }
      const nonce = String(res.locals.cspNonce ?? "");
      let page = kept.get(key);
      let state = "hit";
      if (!page) {
        // A HEAD that finds nothing kept is answered by the route, as before.
        if (req.method !== "GET") return context.render({ unconditional: false });
        const outcome = await renderKept(key, nonce, context);
        if ("response" in outcome) return outcome.response;
        page = outcome.page;
        state = outcome.shared ? "shared" : "miss";
      }
      res.status(200);
      for (const [name, value] of page.headers) res.setHeader(name, value);
      cacheHeaders();
      res.setHeader("X-Convoca-Cache", state);
      sendSewn(res, page.parts, nonce, req.method !== "HEAD");
      return null;
    },
    /** How many pages are kept (for tests and the bench). */
    get size() {
      return kept.size;
    },
  };
}

/** A personal answer on a public address: no browser history, no shared cache keeps it. */
function privately(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set("Cache-Control", privateCacheControl);
  headers.set("Vary", vary);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
