import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isCrossSiteWrite } from "~/server/security-headers.server";
import { safeRedirectPath } from "~/server/http.server";

const app = "http://localhost:3000";

describe("cross-site writes", () => {
  it("lets reads through whatever their origin", () => {
    expect(isCrossSiteWrite("GET", { origin: "https://evil.example" }, app)).toBe(false);
  });

  it("accepts a POST from the app itself", () => {
    expect(isCrossSiteWrite("POST", { origin: "http://localhost:3000", host: "localhost:3000" }, app)).toBe(false);
    expect(isCrossSiteWrite("POST", { origin: "http://127.0.0.1:4000", host: "127.0.0.1:4000" }, app)).toBe(false);
  });

  it("refuses a POST from another origin, an opaque origin, or a cross-site fetch", () => {
    expect(isCrossSiteWrite("POST", { origin: "https://evil.example", host: "localhost:3000" }, app)).toBe(true);
    expect(isCrossSiteWrite("POST", { origin: "null", host: "localhost:3000" }, app)).toBe(true);
    expect(isCrossSiteWrite("DELETE", { secFetchSite: "cross-site", host: "localhost:3000" }, app)).toBe(true);
    expect(isCrossSiteWrite("POST", { origin: "not a url" }, app)).toBe(true);
  });

  it("lets non-browser clients without Origin through (cookies are SameSite=Lax anyway)", () => {
    expect(isCrossSiteWrite("POST", {}, app)).toBe(false);
  });
});

describe("content security policy", () => {
  it("allows scripts only from the site and the request's nonce", () => {
    const csp = contentSecurityPolicy("abc123", { dev: false });
    const script = csp.split("; ").find((d) => d.startsWith("script-src"))!;
    expect(script).toBe("script-src 'self' 'nonce-abc123'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});

describe("redirect targets", () => {
  it("keeps only same-site paths", () => {
    expect(safeRedirectPath("/admin?x=1")).toBe("/admin?x=1");
    for (const bad of ["//evil.example", "https://evil.example", "/\\evil.example", "javascript:alert(1)", null]) {
      expect(safeRedirectPath(bad, "/")).toBe("/");
    }
  });
});
