import { beforeAll, describe, expect, it } from "vitest";
import * as certificate from "~/routes/certificados.$id";
import * as download from "~/routes/d.$token";
import * as magicOpen from "~/routes/ingresar.enlace.$token";
import * as manage from "~/routes/inscripcion.$token";
import * as followUp from "~/routes/seguimiento.$token._index";
import * as verify from "~/routes/verificar.$code";
import { registerForEncounter } from "~/features/registrations/commands/register.server";
import { getDb } from "~/server/db.server";
import { signMaterialLink } from "~/server/signed-links.server";
import { signedLinkRule } from "~/server/rate-limit.server";
import { ensureParticipant, formRequest, getRequest, organizerCookie } from "../helpers/auth";
import { call, ctx, type RouteResult } from "../helpers/route";
import { makeEncounter, makeMaterial, makeOrganizer } from "../factories";

// Pages opened by a secret in the address (issue #9, item 2): one client guessing many wrong
// links is refused with a Spanish 429 once it has failed `signedLinkRule.limit` times in the
// window, and then even a right link is refused from that client (a guess that happens to be
// right must not say so). Good links do not count, so a venue behind one address can open
// hundreds of them. Each test uses its own client address.

const limit = signedLinkRule.limit;
let manageToken = "";
let registrationId = 0;
let materialId = 0;
let participantId = 0;

function expectTooMany(r: RouteResult, where: string) {
  expect(r.status, where).toBe(429);
  expect(String(r.data), where).toContain("Demasiados intentos");
  expect(r.headers.get("Retry-After"), where).toMatch(/^\d+$/);
}

/** `limit` wrong tries from `ip` (each answered as before), then a wrong one and a right one are 429. */
async function exhaust(ip: string, wrong: (i: number) => Promise<RouteResult>, wrongStatus: number) {
  for (let i = 0; i < limit; i++) expect((await wrong(i)).status, `wrong try ${i + 1} from ${ip}`).toBe(wrongStatus);
  expectTooMany(await wrong(limit), `wrong try ${limit + 1} from ${ip}`);
}

beforeAll(async () => {
  const db = getDb();
  await makeOrganizer(db, { email: "organizadora@convoca.test", role: "admin" });
  const encounter = await makeEncounter(db);
  const outcome = await registerForEncounter(
    db,
    encounter.id,
    {
      fullName: "Laura Gómez",
      email: "laura.gomez@pasto.gov.co",
      cityDane: "52001",
      entity: "Alcaldía de Pasto",
      position: "Asesora",
      phone: null,
      needs: null,
    },
    { locale: "es", notify: false },
  );
  if (outcome.kind !== "confirmed") throw new Error(`registration: ${outcome.kind}`);
  manageToken = outcome.token;
  registrationId = outcome.registrationId;
  // Checked in, so the certificate exists.
  await db.updateTable("registrations").set({ checked_in_at: new Date().toISOString() }).where("id", "=", registrationId).execute();
  participantId = await ensureParticipant("descargas@cali.gov.co", "76001");
  materialId = (await makeMaterial(db, { visibility: "public" })).id;
});

describe("manage link /inscripcion/:token", () => {
  const open = (token: string, ip: string) => call(() => manage.loader({ request: getRequest(`/inscripcion/${token}`), params: { token }, context: ctx(ip) }));
  const cancel = (token: string, ip: string) =>
    call(() => manage.action({ request: formRequest(`/inscripcion/${token}`, { intent: "cancel" }), params: { token }, context: ctx(ip) }));
  const wrongToken = (i: number) => `${String(i).padStart(3, "0")}${"x".repeat(40)}`;

  it("does not count good links: a venue behind one address opens many", async () => {
    for (let i = 0; i < limit + 10; i++) expect((await open(manageToken, "192.0.2.10")).status).toBe(200);
  });

  it("answers 404 to wrong links up to the limit, then 429 to any link from that client", async () => {
    const ip = "192.0.2.11";
    for (let i = 0; i < limit - 1; i++) expect((await open(wrongToken(i), ip)).status).toBe(404);
    // Below the limit a good link still works (and does not count).
    expect((await open(manageToken, ip)).status).toBe(200);
    expect((await open(wrongToken(99), ip)).status).toBe(404);
    expectTooMany(await open(wrongToken(100), ip), "wrong link past the limit");
    expectTooMany(await open(manageToken, ip), "good link from a client past the limit");
    expectTooMany(await cancel(manageToken, ip), "POST from a client past the limit");
    const reg = await getDb().selectFrom("registrations").select("status").where("id", "=", registrationId).executeTakeFirstOrThrow();
    expect(reg.status).toBe("confirmed");
    // Other clients are not affected.
    expect((await open(manageToken, "192.0.2.12")).status).toBe(200);
  });

  it("counts wrong links sent by POST too", async () => {
    await exhaust("192.0.2.13", (i) => cancel(wrongToken(i), "192.0.2.13"), 404);
  });
});

describe("download link /d/:token", () => {
  const get = (token: string, ip: string) => call(() => download.loader({ request: getRequest(`/d/${token}`), params: { token }, context: ctx(ip) }));
  const forged = (i: number) => `${Buffer.from(`${participantId}.${materialId}.${4_000_000_000 + i}`).toString("base64url")}.${"A".repeat(43)}`;

  it("does not count good links", async () => {
    const token = signMaterialLink({ participantId, materialId });
    for (let i = 0; i < limit + 5; i++) expect((await get(token, "192.0.2.20")).status).toBe(200);
  });

  it("answers 403 to forged links up to the limit, then 429 to any link from that client", async () => {
    const ip = "192.0.2.21";
    const good = signMaterialLink({ participantId, materialId });
    for (let i = 0; i < limit - 1; i++) expect((await get(forged(i), ip)).status).toBe(403);
    expect((await get(good, ip)).status).toBe(200);
    expect((await get(forged(99), ip)).status).toBe(403);
    expectTooMany(await get(forged(100), ip), "forged link past the limit");
    expectTooMany(await get(good, ip), "good link from a client past the limit");
    expect((await get(good, "192.0.2.22")).status).toBe(200);
  });

  it("does not count an expired genuine link as a guess", async () => {
    const old = signMaterialLink({ participantId, materialId, expiresAt: new Date(Date.now() - 86_400_000) });
    for (let i = 0; i < limit + 5; i++) expect((await get(old, "192.0.2.23")).status).toBe(302);
  });
});

describe("certificate link /certificados/:id?t=", () => {
  const get = (t: string | null, ip: string, cookie?: string, id = registrationId) =>
    call(() =>
      certificate.loader({
        request: getRequest(`/certificados/${id}${t === null ? "" : `?t=${encodeURIComponent(t)}`}`, cookie),
        params: { id: String(id) },
        context: ctx(ip),
      }),
    );

  it("does not count good links", async () => {
    for (let i = 0; i < limit + 5; i++) expect((await get(manageToken, "192.0.2.30")).status).toBe(200);
  });

  it("answers 404 to wrong links up to the limit, then 429 to any link from that client", async () => {
    const ip = "192.0.2.31";
    for (let i = 0; i < limit - 1; i++) expect((await get(`mal-${i}`, ip)).status).toBe(404);
    expect((await get(manageToken, ip)).status).toBe(200);
    // A wrong link on a registration that does not exist counts the same.
    expect((await get("mal-x", ip, undefined, 99_999_999)).status).toBe(404);
    expectTooMany(await get("mal-y", ip), "wrong link past the limit");
    expectTooMany(await get(manageToken, ip), "good link from a client past the limit");
    // Without a link, access by sign-in is not a guess: an organizer from that address still gets it.
    expect((await get(null, ip, await organizerCookie())).status).toBe(200);
    expect((await get(manageToken, "192.0.2.32")).status).toBe(200);
  });
});

describe("limits that were already in place", () => {
  it("sign-in link page /ingresar/enlace/:token: 429 after 30 opens from one client", async () => {
    const open = () =>
      call(() => magicOpen.loader({ request: getRequest("/ingresar/enlace/x"), params: { token: "x".repeat(43) }, context: ctx("192.0.2.40") }));
    for (let i = 0; i < 30; i++) expect((await open()).status).toBe(410);
    expectTooMany(await open(), "magic link");
  });

  it("follow-up links /seguimiento/:token: 429 after 60 opens from one client", async () => {
    const open = (i: number) =>
      call(() => followUp.loader({ request: getRequest(`/seguimiento/x${i}`), params: { token: `x${i}` }, context: ctx("192.0.2.41") }));
    for (let i = 0; i < 60; i++) expect((await open(i)).status).toBe(404);
    expectTooMany(await open(60), "follow-up link");
  });

  it("certificate verification /verificar/:code: 429 after 60 lookups from one client", async () => {
    const open = (i: number) => call(() => verify.loader({ request: getRequest(`/verificar/X${i}`), params: { code: `X${i}` }, context: ctx("192.0.2.42") }));
    for (let i = 0; i < 60; i++) expect((await open(i)).status).toBe(404);
    expectTooMany(await open(60), "verification");
  });
});
