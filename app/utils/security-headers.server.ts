import type { RequestHandler } from "express";
import type { Env } from "./env.server";

// Baseline headers on every answer. The full Content-Security-Policy with script nonces comes
// with the hardening work; what is here already stops framing and MIME sniffing.
export function securityHeaders(env: Env): RequestHandler {
  return (_req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Content-Security-Policy", "frame-ancestors 'none'; object-src 'none'; base-uri 'self'");
    if (env.isProduction) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}
