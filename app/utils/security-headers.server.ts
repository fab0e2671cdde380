import { randomBytes } from "node:crypto";
import type { RequestHandler } from "express";
import type { Env } from "./env.server";

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
  const dev = process.env.NODE_ENV === "development";
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
 * without one, Sec-Fetch-Site) must name this site. Requests without either (curl, scripts,
 * old browsers) pass; SameSite=Lax cookies already keep them from riding a session.
 */
export function isCrossSiteWrite(method: string, headers: { origin?: string; secFetchSite?: string; host?: string }, appUrl: string): boolean {
  if (safeMethods.has(method.toUpperCase())) return false;
  if (headers.origin && headers.origin !== "null") {
    let origin: URL;
    try {
      origin = new URL(headers.origin);
    } catch {
      return true;
    }
    const allowed = new Set([new URL(appUrl).host, headers.host ?? ""]);
    return !allowed.has(origin.host);
  }
  if (headers.origin === "null") return true;
  return headers.secFetchSite === "cross-site";
}

export function refuseCrossSiteWrites(env: Env): RequestHandler {
  return (req, res, next) => {
    const cross = isCrossSiteWrite(
      req.method,
      { origin: req.get("origin"), secFetchSite: req.get("sec-fetch-site"), host: req.get("host") },
      env.appUrl,
    );
    if (!cross) return next();
    res.status(403).type("text/plain; charset=utf-8").send("Solicitud rechazada: el formulario no se envió desde Convoca.");
  };
}

/**
 * Refuses bodies larger than a form needs before any route reads them: 1 MB for ordinary forms,
 * the upload limit (plus room for the other fields) for multipart uploads, which the upload
 * reader also enforces byte by byte while streaming.
 */
export function limitRequestBodies(env: Env): RequestHandler {
  const formLimit = 1024 * 1024;
  const uploadLimit = env.maxUploadMb * 1024 * 1024 + formLimit;
  return (req, res, next) => {
    const declared = Number(req.get("content-length") ?? 0);
    const multipart = (req.get("content-type") ?? "").startsWith("multipart/form-data");
    const limit = multipart ? uploadLimit : formLimit;
    if (Number.isFinite(declared) && declared > limit) {
      res.status(413).type("text/plain; charset=utf-8").send(`La solicitud es demasiado grande (máximo ${Math.round(limit / 1024 / 1024)} MB).`);
      return;
    }
    next();
  };
}
