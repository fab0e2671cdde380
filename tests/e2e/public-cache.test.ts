import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Response as PageResponse } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DB } from "~db/client";
import { migrateToLatest } from "~db/migrate";
import { seedCities } from "~db/seed";
import { uploadMaterial } from "../bench/materials";
import { makeAgendaItem, makeEncounter, makeOrganizer, organizerPassword } from "../factories";
import { createTestDatabase, dropTestDatabase } from "../helpers/test-database";
import { assertChromium, launchBrowser, startApp, type RunningApp } from "./harness";

// The public pages kept in memory (app/server/public-cache.server.ts), on the built app: two
// instances on ONE database (a SQLite file both open, or with TEST_DATABASE_URL one PostgreSQL
// schema), as behind a load balancer. Each keeps its own copies; an organizer's change made
// through instance A must show on the very next anonymous request to B (and to A), for every
// write that changes a public page. And in Chromium: a kept page, and a 304 on reload, still run
// their scripts under the CSP.

const slug = "cache-publico";
const date = "2031-03-04";
let dir: string;
let databaseUrl: string;
let db: DB;
let a: RunningApp;
let b: RunningApp;
let cookie: string;
let browser: Browser | undefined;
const organizerEmail = "cache.organizadora@convoca.test";

beforeAll(async () => {
  assertChromium();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "convoca-public-cache-"));
  databaseUrl = await createTestDatabase(dir);
  db = createDb(databaseUrl);
  await migrateToLatest(db);
  await seedCities(db);
  await makeOrganizer(db, { email: organizerEmail });
  // 08:00 to 16:00 in Bogotá, with one session, before either instance reads anything.
  const encounter = await makeEncounter(db, { slug, title: "Encuentro del caché", starts_at: `${date}T13:00:00.000Z`, ends_at: `${date}T21:00:00.000Z` });
  await makeAgendaItem(db, { encounter_id: encounter.id, title: "Instalación del encuentro", starts_at: `${date}T13:00:00.000Z` });
  const env = { DATABASE_URL: databaseUrl, MAIL_WORKER: "off", UPLOADS_DIR: path.join(dir, "uploads") };
  [a, b] = await Promise.all([startApp(env), startApp(env)]);
  const signIn = await fetch(`${a.baseUrl}/ingresar`, {
    method: "POST",
    body: new URLSearchParams({ email: organizerEmail, password: organizerPassword, redirectTo: "/admin" }),
    redirect: "manual",
  });
  cookie = signIn.headers.get("set-cookie")?.split(";")[0] ?? "";
  if (!cookie) throw new Error(`No se pudo ingresar (${signIn.status})`);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([a, b].filter(Boolean).map((app) => app.stop()));
  await db?.destroy();
  if (databaseUrl) await dropTestDatabase(databaseUrl);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function get(app: RunningApp, address: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${app.baseUrl}${address}`, { headers: { "Accept-Language": "es-CO", Accept: "text/html", ...headers } });
  return { status: res.status, headers: res.headers, text: await res.text(), state: res.headers.get("x-convoca-cache") };
}

/**
 * Both instances keep the page: asked again, it comes from memory. (A page that shows the time
 * is kept per minute: a third ask covers a minute that turned between the first two.)
 */
async function keptOnBoth(address: string) {
  for (const app of [a, b]) {
    const states = [];
    for (let i = 0; i < 3 && states.at(-1) !== "hit"; i++) {
      const page = await get(app, address);
      expect(page.status, address).toBe(200);
      states.push(page.state);
    }
    expect(states.at(-1), `${address}: ${states.join(", ")}`).toBe("hit");
  }
}

/** The next request to B, then to A, is rendered anew and shows the change. */
async function seenOnNextRequest(address: string, check: (page: Awaited<ReturnType<typeof get>>) => void) {
  for (const app of [b, a]) {
    const page = await get(app, address);
    expect(page.state, `${address} en ${app === a ? "A" : "B"}`).not.toBe("hit");
    check(page);
  }
}

/** An organizer's form sent to instance A, as a browser without JavaScript sends it. */
async function postOnA(address: string, fields: Record<string, string>): Promise<Response> {
  const res = await fetch(`${a.baseUrl}${address}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { Cookie: cookie, Origin: a.baseUrl },
    redirect: "manual",
  });
  expect([302, 303], `${address} ${JSON.stringify(fields)}: ${res.status}`).toContain(res.status);
  return res;
}

const agenda = `/encuentros/${slug}/agenda`;
const panel = "Panel: prevención de la trata de personas";

describe("a change made through one instance is on the next request to the other", () => {
  let itemId = 0;

  it("an agenda item added, moved and deleted", async () => {
    await keptOnBoth(agenda);
    await keptOnBoth(`${agenda}.ics`);
    const added = await postOnA(`/admin/encuentros/${slug}/agenda`, {
      intent: "create",
      title: panel,
      kind: "panel",
      room: "Sala 2",
      date,
      startTime: "09:00",
      endTime: "10:00",
    });
    itemId = Number(/#item-(\d+)/.exec(added.headers.get("location") ?? "")?.[1]);
    await seenOnNextRequest(agenda, (page) => expect(page.text.indexOf("Instalación del encuentro")).toBeLessThan(page.text.indexOf(panel)));
    await seenOnNextRequest(`${agenda}.ics`, (page) => expect(page.text).toContain("prevención de la trata"));
    await seenOnNextRequest(`${agenda}/${itemId}.ics`, (page) => expect(page.status).toBe(200));

    await keptOnBoth(agenda);
    await postOnA(`/admin/encuentros/${slug}/agenda`, { intent: "move", itemId: String(itemId), direction: "up" });
    await seenOnNextRequest(agenda, (page) => expect(page.text.indexOf(panel)).toBeLessThan(page.text.indexOf("Instalación del encuentro")));

    await keptOnBoth(agenda);
    await keptOnBoth(`${agenda}/${itemId}.ics`);
    await postOnA(`/admin/encuentros/${slug}/agenda/${itemId}`, { intent: "delete" });
    await seenOnNextRequest(agenda, (page) => expect(page.text).not.toContain(panel));
    await seenOnNextRequest(`${agenda}/${itemId}.ics`, (page) => expect(page.status).toBe(404));
  });

  it("a material published, then withdrawn", async () => {
    const materials = `/encuentros/${slug}/materiales`;
    await keptOnBoth(materials);
    const title = "Guía para la elaboración de PDT y PISCC";
    const id = await uploadMaterial(a, cookie, 2048, title);
    await seenOnNextRequest(materials, (page) => expect(page.text).toContain(title));
    await keptOnBoth(materials);
    await postOnA(`/admin/materiales/${id}`, { intent: "delete", confirm: "on" });
    await seenOnNextRequest(materials, (page) => expect(page.text).not.toContain(title));
  });

  it("the public progress switched on, then off", async () => {
    const progress = `/encuentros/${slug}/compromisos`;
    expect((await get(b, progress)).status).toBe(404);
    await postOnA(`/admin/encuentros/${slug}/informe`, { intent: "public-on" });
    await keptOnBoth(progress);
    await postOnA(`/admin/encuentros/${slug}/informe`, { intent: "public-off" });
    await seenOnNextRequest(progress, (page) => expect(page.status).toBe(404));
  });

  it("the encounter edited, then unpublished", async () => {
    await keptOnBoth(`/encuentros/${slug}`);
    await keptOnBoth("/");
    await postOnA(`/admin/encuentros/${slug}`, {
      intent: "save",
      title: "Encuentro del caché, renombrado",
      slug: "",
      summary: "Un resumen nuevo",
      venue: "Centro de convenciones",
      address: "",
      hostCityId: "",
      startDate: date,
      startTime: "08:00",
      endDate: date,
      endTime: "16:00",
      timezone: "America/Bogota",
      capacity: "10",
      cityQuota: "3",
      contactEmail: "",
    });
    await seenOnNextRequest(`/encuentros/${slug}`, (page) => expect(page.text).toContain("Un resumen nuevo"));
    await seenOnNextRequest("/", (page) => expect(page.text).toContain("Encuentro del caché, renombrado"));

    await keptOnBoth(`/encuentros/${slug}`);
    await keptOnBoth(agenda);
    await keptOnBoth("/");
    await postOnA(`/admin/encuentros/${slug}`, { intent: "unpublish" });
    await seenOnNextRequest(`/encuentros/${slug}`, (page) => expect(page.status).toBe(404));
    await seenOnNextRequest(agenda, (page) => expect(page.status).toBe(404));
    await seenOnNextRequest("/", (page) => expect(page.text).not.toContain("Encuentro del caché"));
    // Back, for the tests below.
    await postOnA(`/admin/encuentros/${slug}`, { intent: "publish" });
  });
});

describe("the built app's answers", () => {
  // The public progress page shows no time, so one copy serves every minute.
  const progress = `/encuentros/${slug}/compromisos`;
  beforeAll(async () => {
    await postOnA(`/admin/encuentros/${slug}/informe`, { intent: "public-on" });
  });

  it("a kept page carries the answer's own nonce in its header and no other in its body; a repeat visit gets a 304 from either instance", async () => {
    const first = await get(b, progress);
    const second = await get(b, progress);
    expect(second.state).toBe("hit");
    const nonces = [first, second].map((page) => {
      const nonce = /'nonce-([^']+)'/.exec(page.headers.get("content-security-policy") ?? "")?.[1];
      expect(nonce).toBeTruthy();
      // A light page (docs/decisions/010-light-public-pages.md) has one script, from 'self', and
      // no nonce; should a kept page carry one, it is this answer's (the unit test sews it).
      const inBody = new Set([...page.text.matchAll(/nonce="([^"]*)"/g)].map((m) => m[1]));
      expect([...inBody].filter((inPage) => inPage !== nonce)).toEqual([]);
      expect(page.text).toMatch(/<script src="\/light\.js\?v=/);
      return nonce;
    });
    expect(nonces[0]).not.toBe(nonces[1]);
    const etag = second.headers.get("etag")!;
    expect(second.headers.get("cache-control")).toMatch(/^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+$/);
    expect(second.headers.get("vary")).toMatch(/^Cookie, Accept-Language\b/);
    for (const app of [b, a]) {
      const again = await get(app, progress, { "If-None-Match": etag });
      expect([again.status, again.text, again.headers.has("content-security-policy")]).toEqual([304, "", false]);
    }
  });

  it("a signed-in organizer's pages are rendered for them and never kept", async () => {
    for (const address of [agenda, progress, `/encuentros/${slug}`, "/admin"]) {
      const page = await get(a, address, { Cookie: cookie });
      expect([page.status, page.state, page.headers.get("etag")], address).toEqual([200, null, null]);
      expect(page.headers.get("cache-control"), address).toMatch(/no-store/);
    }
  });

  it("in Chromium, a page from memory and a 304 on reload both run their scripts under the CSP", async () => {
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: "es-CO" });
    const page = await context.newPage();
    const refused: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    const answers: PageResponse[] = [];
    page.on("response", (response) => {
      if (new URL(response.url()).pathname === progress) answers.push(response);
    });
    // The page's one script (the light script): the CSP blocks a script before fetching it, so a
    // resource entry for it, with no refusal in the console, is a script the CSP let run.
    const scriptRan = () => page.waitForFunction(() => performance.getEntriesByType("resource").some((entry) => new URL(entry.name).pathname === "/light.js"));
    await get(b, progress); // kept before Chromium asks
    await page.goto(`${b.baseUrl}${progress}`);
    await scriptRan();
    await page.reload();
    await scriptRan();
    expect(refused).toEqual([]);
    expect(answers).toHaveLength(2);
    const [first, reload] = await Promise.all(answers.map((answer) => answer.allHeaders()));
    expect(first["x-convoca-cache"]).toBe("hit");
    // The reload asked with the tag and was answered 304 (Playwright reports the cached 200):
    // no body, no CSP header; the page ran under the CSP that came with the body it kept.
    expect((await answers[1].request().allHeaders())["if-none-match"]).toBe(first.etag);
    expect([reload["x-convoca-cache"], reload["content-security-policy"], reload["content-type"]]).toEqual([undefined, undefined, undefined]);
    await context.close();
  });
});
