import { beforeAll, describe, expect, it } from "vitest";
import * as adminIndex from "~/routes/admin._index";
import * as signIn from "~/routes/ingresar._index";
import * as signOut from "~/routes/salir";
import { getDb } from "~/server/db.server";
import { assertProductionReady, getEnv } from "~/server/env.server";
import { hashPassword, verifyPassword } from "~/server/password.server";
import { formRequest, getRequest } from "../helpers/auth";
import { call, ctx } from "../helpers/route";
import { makeEncounter, makeOrganizer } from "../factories";

const signInUrl = "http://localhost/ingresar";

// An organizer who signs in with this file's address and password, and an encounter the
// organizer area lists.
beforeAll(async () => {
  const db = getDb();
  await makeOrganizer(db, { email: "organizadora@convoca.test", password: "convoca-demo", role: "admin" });
  await makeEncounter(db, { slug: "bogota-2024" });
});

function postSignIn(fields: Record<string, string>, clientIp = "198.51.100.1") {
  return call(() => signIn.action({ request: formRequest(signInUrl, fields), params: {}, context: ctx(clientIp) }));
}

describe("passwords", () => {
  it("hashes with scrypt and a per-user salt, and verifies", async () => {
    const a = await hashPassword("una clave larga");
    const b = await hashPassword("una clave larga");
    expect(a).toMatch(/^scrypt\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("una clave larga", a)).toBe(true);
    expect(await verifyPassword("otra clave", a)).toBe(false);
    expect(await verifyPassword("x", "not-a-hash")).toBe(false);
  });
});

describe("organizer sign-in", () => {
  it("signs in an organizer with an HttpOnly, SameSite=Lax session cookie", async () => {
    const result = await postSignIn({ email: "Organizadora@Convoca.test ", password: "convoca-demo", redirectTo: "/admin" });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/admin");
    const cookie = result.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^convoca_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const admin = await call(() => adminIndex.loader({ request: getRequest("/admin", cookie.split(";")[0]), params: {}, context: {} }));
    expect(admin.status).toBe(200);
    expect(admin.data.encounters.map((e: { slug: string }) => e.slug)).toContain("bogota-2024");
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    const wrongPassword = await postSignIn({ email: "organizadora@convoca.test", password: "incorrecta" });
    const unknownEmail = await postSignIn({ email: "nadie@convoca.test", password: "incorrecta" });
    for (const r of [wrongPassword, unknownEmail]) {
      expect(r.status).toBe(400);
      expect(r.data.error).toEqual({ "": ["wrongCredentials"] });
      // The typed password never comes back; the address does, to correct it.
      expect(r.data.initialValue.password).toBeUndefined();
      expect(r.data.initialValue.email).toMatch(/^(organizadora|nadie)@convoca\.test$/);
      expect(r.headers.get("Set-Cookie")).toBeNull();
    }
  });

  it("shows field errors for a malformed form, with status 400", async () => {
    const r = await postSignIn({ email: "no-es-correo", password: "" });
    expect(r.status).toBe(400);
    expect(r.data.error).toEqual({ email: ["email"], password: ["required"] });
  });

  it("never redirects off-site after sign-in", async () => {
    const r = await postSignIn({ email: "organizadora@convoca.test", password: "convoca-demo", redirectTo: "//evil.example/x" }, "198.51.100.9");
    expect(r.headers.get("Location")).toBe("/admin");
  });

  it("answers 429 in Spanish after 50 tries from one client in 15 minutes (an office shares one address)", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push((await postSignIn({ email: `x${i}@convoca.test`, password: "nope" }, "192.0.2.50")).status);
    expect(statuses.every((s) => s === 400)).toBe(true);
    const limited = await postSignIn({ email: "organizadora@convoca.test", password: "convoca-demo" }, "192.0.2.50");
    expect(limited.status).toBe(429);
    expect(String(limited.data)).toContain("Demasiados intentos");
    expect(limited.response?.headers.get("Retry-After")).toMatch(/^\d+$/);
  });

  // Issue 14, item 6: ten failures on an address used to lock it for everyone (its owner too);
  // now a client that keeps failing on one account is refused, and the account is slowed down.
  it("also limits tries per address and client: ten wrong passwords, then 429 from that client", async () => {
    for (let i = 0; i < 10; i++) expect((await postSignIn({ email: "blanco@convoca.test", password: "nope" }, "192.0.2.100")).status).toBe(400);
    const r = await postSignIn({ email: "blanco@convoca.test", password: "nope" }, "192.0.2.100");
    expect(r.status).toBe(429);
    expect(String(r.data)).toContain("Demasiados intentos");
    // Another client is not refused for this one's failures.
    expect((await postSignIn({ email: "blanco@convoca.test", password: "nope" }, "192.0.2.200")).status).toBe(400);
  });
});

describe("organizer area", () => {
  it("sends anonymous visitors to sign-in, remembering where they were going", async () => {
    const r = await call(() => adminIndex.loader({ request: getRequest("/admin"), params: {}, context: {} }));
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toBe("/ingresar?redirectTo=%2Fadmin");
  });

  it("signs out by deleting the session, so the old cookie no longer works", async () => {
    const login = await postSignIn({ email: "organizadora@convoca.test", password: "convoca-demo" }, "198.51.100.77");
    const cookie = login.headers.get("Set-Cookie")!.split(";")[0];
    const before = await getDb().selectFrom("sessions").select("id").execute();
    const out = await call(() => signOut.action({ request: formRequest("/salir", {}, { cookie }), params: {}, context: {} }));
    expect(out.status).toBe(302);
    expect(out.headers.get("Set-Cookie")).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    const after = await getDb().selectFrom("sessions").select("id").execute();
    expect(after.length).toBe(before.length - 1);
    const r = await call(() => adminIndex.loader({ request: getRequest("/admin", cookie), params: {}, context: {} }));
    expect(r.status).toBe(302);
  });
});

describe("production settings", () => {
  it("refuses to run in production without a SESSION_SECRET", () => {
    const env = { ...getEnv(), isProduction: true, sessionSecret: "" };
    expect(() => assertProductionReady(env)).toThrow(/SESSION_SECRET/);
    expect(() => assertProductionReady({ ...env, sessionSecret: "x".repeat(40) })).not.toThrow();
  });
});
