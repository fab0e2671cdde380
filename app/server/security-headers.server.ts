import { randomBytes } from "node:crypto";
import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Env } from "./env.server";
import { formBodyLimit } from "./http.server";
import { sendRefusal } from "./refusal-page.server";

export function contentSecurityPolicy(nonce: string, options: { dev: boolean }): string {
  return [
    "default-src 'self'",
    // Remix's inline scripts carry the nonce; nothing else inline runs. Dev live reload needs eval/ws.
    `script-src 'self' 'nonce-${nonce}'${options.dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes only (emails previewed in the mail viewer use them); no inline scripts.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    "frame-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** Headers on every answer; the nonce is passed on to the Remix render through res.locals. */
export function securityHeaders(env: Env): RequestHandler {
  const dev = env.isDevelopment;
  return (_req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, { dev }));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Permissions-Policy", "camera=(self), microphone=(), geolocation=()");
    if (env.isProduction) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing request sent by a browser from another site is refused: its Origin (or,
 * without one, Sec-Fetch-Site) must name this site. `host` and `forwardedHost` count as this
 * site only when the caller passes them (see allowedHostsFor). An opaque Origin ("null", sent
 * by a page whose Referrer-Policy is no-referrer) passes when the browser vouches that the form
 * came from this very origin (Sec-Fetch-Site: same-origin). Requests without either header
 * (curl, scripts, old browsers) pass; SameSite=Lax cookies already keep them from riding a session.
 */
export function isCrossSiteWrite(
  method: string,
  headers: { origin?: string; secFetchSite?: string; host?: string; forwardedHost?: string },
  appUrl: string,
): boolean {
  if (safeMethods.has(method.toUpperCase())) return false;
  if (headers.origin && headers.origin !== "null") {
    let origin: URL;
    let app: URL;
    try {
      origin = new URL(headers.origin);
      app = new URL(appUrl);
    } catch {
      return true;
    }
    const allowed = new Set([app.host, headers.host ?? "", headers.forwardedHost ?? ""].filter(Boolean).map((h) => h.toLowerCase()));
    return !allowed.has(origin.host.toLowerCase());
  }
  if (headers.origin === "null") return headers.secFetchSite !== "same-origin";
  return headers.secFetchSite === "cross-site";
}

/**
 * Which Host names count as this site. With APP_URL set (a real deployment, often behind a proxy
 * that rewrites Host) only APP_URL, and the forwarded host when TRUST_PROXY says the proxy is
 * trusted; without APP_URL (a laptop demo reached by its network address) the Host too.
 */
function allowedHostsFor(req: { get(name: string): string | undefined }, env: Env): { host?: string; forwardedHost?: string } {
  return {
    host: env.appUrlIsSet ? undefined : req.get("host"),
    forwardedHost: env.trustForwardedHost ? req.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined,
  };
}

export function refuseCrossSiteWrites(env: Env): RequestHandler {
  return (req, res, next) => {
    let cross: boolean;
    try {
      cross = isCrossSiteWrite(req.method, { origin: req.get("origin"), secFetchSite: req.get("sec-fetch-site"), ...allowedHostsFor(req, env) }, env.appUrl);
    } catch {
      cross = true; // whatever the headers hold, a refusal and never a 500
    }
    if (!cross) return next();
    void sendRefusal(req, res, { status: 403, kind: "crossSite" }).catch(next);
  };
}

/** Routes that take files, each with its own cap; every other route takes a form of at most 1 MB. */
export function bodyLimitFor(pathname: string, env: Env): number {
  const path = pathname.replace(/\.data$/, "");
  const upload = env.maxUploadMb * 1024 * 1024;
  if (/^\/admin\/materiales(\/[^/]+)?\/?$/.test(path) || /^\/admin\/encuentros\/[^/]+\/materiales\/?$/.test(path)) return upload + formBodyLimit;
  if (/^\/compromisos\/[^/]+\/?$/.test(path) || /^\/admin\/compromisos\/[^/]+\/?$/.test(path) || /^\/seguimiento\/[^/]+\/?$/.test(path)) {
    return Math.min(upload, 20 * 1024 * 1024) + formBodyLimit;
  }
  if (/^\/admin\/encuentros\/[^/]+\/registros\/importar\/?$/.test(path)) return 2 * 1024 * 1024 + formBodyLimit;
  return formBodyLimit;
}

/**
 * Refuses a body declared larger than its route takes before any of it is read. Bodies without a
 * declared length (chunked) are counted as they stream by the request handler (countedBody).
 */
export function limitRequestBodies(env: Env): RequestHandler {
  return (req, res, next) => {
    const limit = bodyLimitFor(req.path, env);
    const declared = Number(req.get("content-length") ?? 0);
    if (Number.isFinite(declared) && declared > limit) {
      void sendRefusal(req, res, { status: 413, maxMb: Math.round(limit / 1024 / 1024), discardBody: true }).catch(next);
      return;
    }
    next();
  };
}

/** The methods pages and forms use; TRACE, CONNECT and the like are refused before Remix. */
const knownMethods = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export function refuseUnknownMethods(): RequestHandler {
  return (req, res, next) => {
    if (knownMethods.has(req.method)) return next();
    void sendRefusal(req, res, { status: 405, kind: "method", headers: { Allow: [...knownMethods].join(", ") } }).catch(next);
  };
}

/**
 * The one list of addresses whose pages hold personal data (or a personal link): never kept by
 * a browser or a shared cache, whatever the route says.
 */
export function isPrivatePath(pathname: string): boolean {
  return (
    /^\/(admin|mi-cuenta|mi-ciudad|compromisos|inscripcion|delegacion|seguimiento|d|ingresar|certificados|salir)(\/|\.data$|$)/.test(pathname) ||
    /^\/ciudades\/[^/]+\/compromisos/.test(pathname)
  );
}

/**
 * The last handler: an error no route caught (a malformed URL, a body that broke mid-read) is
 * a styled page without a stack trace, in every mode; 4xx when the request was at fault.
 */
export function answerUnhandledErrors(): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const status = (error as { status?: unknown })?.status;
    const clientFault = typeof status === "number" && status >= 400 && status < 500;
    if (!clientFault) console.error(`Error sin manejar en ${req.method} ${req.path}:`, error);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    void sendRefusal(req, res, { status: clientFault ? (status as number) : 500 }).catch(() => res.destroy());
  };
}
