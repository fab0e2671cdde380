import { beforeAll, describe, expect, it } from "vitest";
import * as accountsPage from "~/routes/admin.organizadores";
import * as signIn from "~/routes/ingresar._index";
import { getDb } from "~/server/db.server";
import { accountDelayMs, accountWaitMs, passwordKeys, passwordRules, recordPasswordTry, slowDown } from "~/server/password-limits.server";
import { readCounter } from "~/server/rate-limit.server";
import { formRequest, getRequest, organizerCookie } from "../helpers/auth";
import { renderAfterPost } from "../helpers/rendered-page";
import { call, ctx } from "../helpers/route";
import { makeOrganizer } from "../factories";

// Issue 14, item 6: nobody can lock an organizer out. Only wrong passwords count; a client that
// keeps failing is refused, overall and on one account; an account is slowed down, never
// locked; refusals and slow-downs are audited and shown to admins on /admin/organizadores.

const admin = "organizadora@convoca.test";
const password = "convoca-demo";

// The admin who signs in, and whose page shows the alerts.
beforeAll(async () => {
  await makeOrganizer(getDb(), { email: admin, password, role: "admin" });
});

function postSignIn(email: string, pass: string, clientIp: string) {
  return call(() => signIn.action({ request: formRequest("/ingresar", { email, password: pass, redirectTo: "/admin" }), params: {}, context: ctx(clientIp) }));
}

async function seedAccount(email: string, name: string) {
  return (await makeOrganizer(getDb(), { email, name, password: "clave-larga-de-prueba" })).id;
}

const alerts = (id: number) =>
  getDb()
    .selectFrom("audit_log")
    .select(["action", "data"])
    .where("action", "like", "signin.%")
    .where("entity", "=", "organizer")
    .where("entity_id", "=", String(id))
    .orderBy("id")
    .execute();

describe("right passwords never count", () => {
  it("signs in twelve times in a row from one office address", async () => {
    for (let i = 0; i < 12; i++) {
      const r = await postSignIn(admin, password, "198.51.100.10");
      expect(r.status, `sign-in ${i + 1}`).toBe(302);
    }
  });

  it("a right password clears the client's failures on the account", async () => {
    const email = "despistada@asociacion.org";
    await seedAccount(email, "Despistada");
    const ip = "198.51.100.11";
    for (let i = 0; i < 5; i++) expect((await postSignIn(email, "equivocada", ip)).status).toBe(400);
    expect((await postSignIn(email, "clave-larga-de-prueba", ip)).status).toBe(302);
    // Eleven failures of this client on the account in all, but only six since it got in.
    for (let i = 0; i < 6; i++) expect((await postSignIn(email, "equivocada", ip)).status).toBe(400);
    expect((await postSignIn(email, "clave-larga-de-prueba", ip)).status).toBe(302);
  });
});

describe("an attacker cannot lock the owner out", () => {
  it("ten wrong passwords from ten addresses, then the last admin's own from an eleventh gets in", async () => {
    for (let i = 0; i < 10; i++) expect((await postSignIn(admin, "adivinanza", `203.0.113.${20 + i}`)).status).toBe(400);
    const owner = await postSignIn(admin, password, "198.51.100.12");
    expect(owner.status).toBe(302);
    expect(owner.headers.get("Set-Cookie")).toMatch(/^convoca_session=/);
  });

  it("refuses the client that keeps failing on an account (429), and only that client", async () => {
    const email = "objetivo@asociacion.org";
    const id = await seedAccount(email, "Objetivo");
    const attacker = "203.0.113.40";
    for (let i = 0; i < passwordRules.accountClient.limit; i++) expect((await postSignIn(email, `intento-${i}`, attacker)).status).toBe(400);
    const refused = await postSignIn(email, "clave-larga-de-prueba", attacker);
    expect(refused.status).toBe(429);
    expect(String(refused.data)).toContain("Demasiados intentos");
    expect(refused.response?.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect((await postSignIn(email, "clave-larga-de-prueba", "198.51.100.13")).status).toBe(302);
    // Audited once, when it started, with the client and until when.
    const audit = await alerts(id);
    expect(audit).toHaveLength(1);
    expect(audit[0].action).toBe("signin.blocked");
    expect(JSON.parse(audit[0].data!)).toMatchObject({ scope: "account-client", client: attacker, failures: 10, until: expect.any(String) });
  });

  it("slows an account down, doubling the wait after each failure from anywhere, never past the cap", async () => {
    expect([9, 10, 11, 12, 13, 14, 15, 40].map(accountDelayMs)).toEqual([0, 0, 1_000, 2_000, 4_000, 8_000, slowDown.maxMs, slowDown.maxMs]);
    const email = "lenta@asociacion.org";
    const id = await seedAccount(email, "Lenta");
    // Fourteen failures from fourteen addresses, the last a minute ago.
    const lastAt = new Date(Date.now() - 60_000);
    for (let i = 0; i < 14; i++)
      await recordPasswordTry(getDb(), { client: `203.0.113.${60 + i}`, email, ok: false, now: new Date(lastAt.getTime() - (14 - 1 - i) * 1000) });
    expect((await readCounter(getDb(), passwordKeys.account(email), passwordRules.account))?.hits).toBe(14);
    // Right after the last failure a try waits 8 s; a minute later, nothing.
    expect(await accountWaitMs(getDb(), email, lastAt)).toBe(8_000);
    expect(await accountWaitMs(getDb(), email, new Date(lastAt.getTime() + 3_000))).toBe(5_000);
    expect(await accountWaitMs(getDb(), email)).toBe(0);
    expect((await postSignIn(email, "clave-larga-de-prueba", "198.51.100.14")).status).toBe(302);
    const audit = await alerts(id);
    expect(audit.map((a) => a.action)).toEqual(["signin.slowed"]);
    expect(JSON.parse(audit[0].data!)).toMatchObject({ scope: "account", failures: 11 });
  });

  it("refuses a client that fails on many accounts, and audits it", async () => {
    const ip = "203.0.113.90";
    // Forty-nine failures counted as the sign-in form counts them (without the scrypt runs), the
    // fiftieth through the form.
    for (let i = 0; i < passwordRules.client.limit - 1; i++) await recordPasswordTry(getDb(), { client: ip, email: `nadie${i}@convoca.test`, ok: false });
    expect((await postSignIn("nadie-mas@convoca.test", "nope", ip)).status).toBe(400);
    expect((await postSignIn(admin, password, ip)).status).toBe(429);
    const audit = await getDb()
      .selectFrom("audit_log")
      .select(["entity", "data"])
      .where("action", "=", "signin.blocked")
      .where("entity", "=", "sign-in")
      .execute();
    expect(audit.map((a) => JSON.parse(a.data!))).toEqual([expect.objectContaining({ scope: "client", client: ip, failures: 50 })]);
  });
});

describe("admins see it", () => {
  it("lists the refusals and slow-downs on /admin/organizadores, in Spanish", async () => {
    const cookie = await organizerCookie(admin);
    const page = await call(() => accountsPage.loader({ request: getRequest("/admin/organizadores", cookie), params: {}, context: {} }));
    expect(page.status).toBe(200);
    const alerts = page.data.signInAlerts as Array<{ kind: string; scope: string; client: string; account: { email: string } | null }>;
    expect(alerts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "blocked",
          scope: "account-client",
          client: "203.0.113.40",
          account: expect.objectContaining({ email: "objetivo@asociacion.org" }),
        }),
        expect.objectContaining({ kind: "slowed", scope: "account", account: expect.objectContaining({ email: "lenta@asociacion.org" }) }),
        expect.objectContaining({ kind: "blocked", scope: "client", client: "203.0.113.90", account: null }),
      ]),
    );
    const html = await renderAfterPost(accountsPage as never, "/admin/organizadores", getRequest("/admin/organizadores", cookie), 200);
    expect(html).toContain("Intentos de contraseña frenados");
    expect(html).toContain("Objetivo (objetivo@asociacion.org)");
    expect(html).toContain("203.0.113.40");
    expect(html).toMatch(/10 contraseñas equivocadas para esta cuenta desde esta dirección: rechazada hasta/);
  });

  it("are not shown to organizers without the admin role", async () => {
    await seedAccount("sin.admin@asociacion.org", "Sin admin");
    const cookie = await organizerCookie("sin.admin@asociacion.org");
    const page = await call(() => accountsPage.loader({ request: getRequest("/admin/organizadores", cookie), params: {}, context: {} }));
    expect(page.status).toBe(403);
  });
});
