import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type Request as ExpressRequest } from "express";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Encounter } from "~db/schema";
import { createAgendaItem, deleteAgendaItem, moveAgendaItem } from "~/features/agenda/commands/items.server";
import { findAgendaItem } from "~/features/agenda/queries.server";
import { changeEncounterStatus, setCommitmentsPublic, updateEncounter } from "~/features/encounters/commands.server";
import { publishMaterial, removeMaterial } from "~/features/materials/commands/material.server";
import { hideMinutes, publishMinutes, saveMinutes } from "~/features/minutes/commands.server";
import * as home from "~/routes/_index";
import * as encounterPage from "~/routes/encuentros.$slug._index";
import * as agendaPage from "~/routes/encuentros.$slug.agenda";
import * as agendaCalendar from "~/routes/encuentros.$slug.agenda[.ics]";
import * as commitmentsPage from "~/routes/encuentros.$slug.compromisos";
import * as materialsPage from "~/routes/encuentros.$slug.materiales";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { publicPageCache, sharedReads, type PublicPageCache } from "~/server/public-cache.server";
import { securityHeaders } from "~/server/security-headers.server";
import { call } from "../helpers/route";
import { makeAgendaItem, makeEncounter, makeOrganizer, makeReceivedFile, makeSignedInOrganizer } from "../factories";

// The public page cache (app/server/public-cache.server.ts) in front of the real loaders of the
// public pages, on the test's database (SQLite, or PostgreSQL with TEST_DATABASE_URL), behind
// a real express server with the real security headers. Each page is "rendered" as its
// loader's data plus two scripts carrying the request's nonce, the way Remix writes them; the
// real build and two real instances are tested in tests/e2e/public-cache.test.ts.
//
// Every write below goes through its real command; each proves that the next anonymous
// request (answered `miss`, rendered anew) shows the change, and that it was kept before.

const db = getDb;
const actor = "organizer:test";

const routes: Array<{ path: RegExp; loader: (args: any) => unknown }> = [
  { path: /^\/$/, loader: home.loader },
  { path: /^\/encuentros\/([^/]+)$/, loader: encounterPage.loader },
  { path: /^\/encuentros\/([^/]+)\/agenda$/, loader: agendaPage.loader },
  { path: /^\/encuentros\/([^/]+)\/agenda\.ics$/, loader: agendaCalendar.loader },
  { path: /^\/encuentros\/([^/]+)\/materiales$/, loader: materialsPage.loader },
  { path: /^\/encuentros\/([^/]+)\/compromisos$/, loader: commitmentsPage.loader },
];

let renders = 0;
let clock = Date.parse("2030-05-01T12:00:30.000Z");

async function render(req: ExpressRequest, nonce: string): Promise<Response> {
  renders++;
  const headers = new Headers();
  for (const name of ["cookie", "accept-language", "if-none-match"]) if (req.get(name)) headers.set(name, req.get(name)!);
  const request = new Request(`http://127.0.0.1${req.originalUrl}`, { method: req.method, headers });
  const route = routes.find((r) => r.path.test(req.path));
  const slug = route ? route.path.exec(req.path)?.[1] : undefined;
  const result = route ? await call(() => route.loader({ request, params: { slug }, context: { cspNonce: nonce } })) : { status: 404, data: "" };
  if ("response" in result && result.response) return result.response;
  if (result.status !== 200) return new Response(String(result.data), { status: result.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const data = JSON.stringify(result.data).replaceAll("<", "\\u003c");
  const html = `<!DOCTYPE html><html><body><pre id="data">${data}</pre><script nonce="${nonce}">window.a=1</script><script nonce="${nonce}">window.b=2</script></body></html>`;
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}

function startServer(cache: PublicPageCache): Promise<{ server: Server; base: string }> {
  const app = express();
  app.use(securityHeaders(getEnv()));
  app.all("*", async (req, res, next) => {
    try {
      const response = await cache.answer(req, res, { build: "build-1", origin: null, render: () => render(req, res.locals.cspNonce as string) });
      if (!response) return;
      res.status(response.status);
      response.headers.forEach((value, name) => res.setHeader(name, value));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      next(error);
    }
  });
  return new Promise((resolve) => {
    const server = app.listen(0, "127.0.0.1", () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

let one: { server: Server; base: string };
let other: { server: Server; base: string };
let cache: PublicPageCache;

beforeAll(async () => {
  cache = publicPageCache({ db, now: () => clock });
  one = await startServer(cache);
  // A second instance on the same database, with memory of its own.
  other = await startServer(publicPageCache({ db, now: () => clock }));
});

afterAll(async () => {
  for (const { server } of [one, other]) await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  renders = 0;
});

async function get(path: string, headers: Record<string, string> = {}, base = one.base) {
  const res = await fetch(`${base}${path}`, { headers: { "Accept-Language": "es-CO", ...headers } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, state: res.headers.get("x-convoca-cache") };
}

/** The loader data a page was rendered from. */
function dataOf(page: { text: string }): any {
  return JSON.parse(/<pre id="data">(.*?)<\/pre>/s.exec(page.text)![1]);
}

/** Asks twice (the second must come from memory), then returns the first answer. */
async function kept(path: string) {
  const first = await get(path);
  expect(first.status, path).toBe(200);
  expect(first.state, path).not.toBeNull();
  expect((await get(path)).state, path).toBe("hit");
  return first;
}

describe("what is kept, and how it is answered", () => {
  it("renders a page once, answers it again from memory with a nonce of its own, the CSP header carrying it", async () => {
    const encounter = await makeEncounter(db());
    const first = await get(`/encuentros/${encounter.slug}/agenda`);
    const second = await get(`/encuentros/${encounter.slug}/agenda`);
    expect([first.state, second.state, renders]).toEqual(["miss", "hit", 1]);
    const nonces = [first, second].map((page) => {
      const inBody = [...page.text.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]);
      const inHeader = /'nonce-([^']+)'/.exec(page.headers.get("content-security-policy") ?? "")?.[1];
      expect(inBody).toEqual([inHeader, inHeader]);
      return inHeader;
    });
    expect(nonces[0]).not.toBe(nonces[1]);
    expect(first.text.replaceAll(nonces[0]!, "N")).toBe(second.text.replaceAll(nonces[1]!, "N"));
    expect(second.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=10, stale-while-revalidate=30");
    expect(second.headers.get("vary")).toBe("Cookie, Accept-Language");
    expect(second.headers.get("etag")).toMatch(/^W\/"[\w-]{27}"$/);
    expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
  });

  it("answers a repeat visit's If-None-Match with a 304 without rendering, and without a CSP header", async () => {
    const encounter = await makeEncounter(db());
    const path = `/encuentros/${encounter.slug}`;
    const etag = (await get(path)).headers.get("etag")!;
    renders = 0;
    const again = await get(path, { "If-None-Match": etag });
    expect([again.status, again.text, renders]).toEqual([304, "", 0]);
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.has("content-security-policy")).toBe(false);
    // Any instance answers it: the tag is made of what the page depends on, not of one render.
    expect((await get(path, { "If-None-Match": `"x", ${etag}` }, other.base)).status).toBe(304);
    expect(renders).toBe(0);
  });

  it("answers HEAD from memory with the headers and no body", async () => {
    const encounter = await makeEncounter(db());
    await get(`/encuentros/${encounter.slug}`);
    const head = await fetch(`${one.base}/encuentros/${encounter.slug}`, { method: "HEAD", headers: { "Accept-Language": "es-CO" } });
    expect([head.status, head.headers.get("x-convoca-cache"), await head.text()]).toEqual([200, "hit", ""]);
    expect(Number(head.headers.get("content-length"))).toBeGreaterThan(0);
  });

  it("keeps one page per language the root loader would choose (cookie first, then Accept-Language)", async () => {
    const path = "/";
    const spanish = await get(path, { "Accept-Language": "es-CO,es;q=0.9" });
    const english = await get(path, { "Accept-Language": "en-US,en;q=0.8" });
    const chosen = await get(path, { Cookie: "convoca_lang=ImVuIg%3D%3D", "Accept-Language": "es-CO" });
    expect(english.headers.get("etag")).not.toBe(spanish.headers.get("etag"));
    expect(chosen.headers.get("etag")).toBe(english.headers.get("etag"));
    expect(chosen.state).toBe("hit");
  });

  it("keeps a page that shows the time for its minute only", async () => {
    const encounter = await makeEncounter(db());
    const path = `/encuentros/${encounter.slug}/agenda`;
    await kept(path);
    clock += 60_000;
    expect((await get(path)).state).toBe("miss");
    // The public progress page shows no time: kept across minutes.
    await setCommitmentsPublic(db(), encounter.id, true, actor);
    await kept(`/encuentros/${encounter.slug}/compromisos`);
    clock += 60_000;
    expect((await get(`/encuentros/${encounter.slug}/compromisos`)).state).toBe("hit");
  });

  it("renders once for a burst of the same page", async () => {
    const encounter = await makeEncounter(db());
    const answers = await Promise.all(Array.from({ length: 8 }, () => get(`/encuentros/${encounter.slug}/agenda`)));
    expect(renders).toBe(1);
    expect(answers.every((a) => a.status === 200 && a.state !== null)).toBe(true);
  });

  it("keeps no refusal: an unknown or draft encounter is asked again each time", async () => {
    const draft = await makeEncounter(db(), { status: "draft" });
    for (const path of ["/encuentros/no-existe", `/encuentros/${draft.slug}`]) {
      expect((await get(path)).status).toBe(404);
      expect((await get(path)).status).toBe(404);
    }
    expect(renders).toBe(4);
  });

  it("keeps a bounded number of pages, the least recently read going first", async () => {
    const small = publicPageCache({ db, now: () => clock, limits: { entries: 2, bytes: 10 * 1024 * 1024 } });
    const server = await startServer(small);
    try {
      const [a, b, c] = await Promise.all([makeEncounter(db()), makeEncounter(db()), makeEncounter(db())]);
      for (const e of [a, b, a, c]) await get(`/encuentros/${e.slug}`, {}, server.base);
      expect(small.size).toBe(2);
      expect((await get(`/encuentros/${a.slug}`, {}, server.base)).state).toBe("hit");
      expect((await get(`/encuentros/${b.slug}`, {}, server.base)).state).toBe("miss");
    } finally {
      await new Promise((resolve) => server.server.close(resolve));
    }
  });
});

describe("the version read of a burst", () => {
  it("is shared by the requests that arrive together, never one that started before a request arrived", async () => {
    const reads: Array<(version: string) => void> = [];
    const read = sharedReads(() => new Promise<string>((resolve) => reads.push(resolve)));
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    const first = read();
    // Both arrive while the first read is on its way: it may miss what was committed since.
    const second = read();
    const third = read();
    expect(reads).toHaveLength(1);
    reads[0]("v1");
    expect(await first).toBe("v1");
    await settle();
    expect(reads).toHaveLength(2);
    const fourth = read(); // arrives during the second read: waits for a third
    reads[1]("v2");
    expect([await second, await third]).toEqual(["v2", "v2"]);
    await settle();
    reads[2]("v3");
    expect(await fourth).toBe("v3");
    await settle();
    const fifth = read(); // nothing on its way: starts at once
    expect(reads).toHaveLength(4);
    reads[3]("v4");
    expect(await fifth).toBe("v4");
  });
});

describe("what is never kept", () => {
  it("a signed-in visitor's pages: rendered for them each time, private and no-store", async () => {
    const encounter = await makeEncounter(db());
    const organizer = await makeSignedInOrganizer(db());
    for (const path of [`/encuentros/${encounter.slug}`, `/encuentros/${encounter.slug}/materiales`, "/"]) {
      for (let i = 0; i < 2; i++) {
        const page = await get(path, { Cookie: organizer.cookie });
        expect([page.status, page.state, page.headers.get("etag")]).toEqual([200, null, null]);
        expect(page.headers.get("cache-control")).toBe("private, no-store");
      }
    }
    expect(renders).toBe(6);
  });

  it("a flash message's page, any unknown cookie, a query string the page does not take, a POST", async () => {
    const encounter = await makeEncounter(db());
    const path = `/encuentros/${encounter.slug}/materiales`;
    const flash = await get(path, { Cookie: "convoca_flash=eyJ4IjoxfQ%3D%3D.firma; convoca_lang=ImVzIg%3D%3D" });
    expect([flash.state, flash.headers.get("cache-control")]).toEqual([null, "private, no-store"]);
    expect((await get(path, { Cookie: "otra=1" })).headers.get("cache-control")).toBe("private, no-store");
    for (const query of ["?utm_source=qr", "?enlace=otro", "?enlace=vencido&enlace=vencido", "?lang=en"]) {
      const page = await get(path + query);
      expect([page.status, page.state, page.headers.get("etag")], query).toEqual([200, null, null]);
    }
    // The one it takes is kept, apart from the page without it.
    expect((await get(`${path}?enlace=vencido`)).state).toBe("miss");
    expect((await get(`${path}?enlace=vencido`)).state).toBe("hit");
    const post = await fetch(`${one.base}${path}`, { method: "POST", body: new URLSearchParams({ a: "1" }) });
    expect(post.headers.get("x-convoca-cache")).toBeNull();
  });
});

describe("a write that changes a public page is seen on the next anonymous request, on every instance", () => {
  let encounter: Encounter;
  const agendaPath = () => `/encuentros/${encounter.slug}/agenda`;
  const titles = (page: { text: string }) => (dataOf(page).items as Array<{ title: string }>).map((i) => i.title);

  beforeEach(async () => {
    encounter = await makeEncounter(db(), { starts_at: "2030-06-10T13:00:00.000Z", ends_at: "2030-06-10T21:00:00.000Z" });
    await makeAgendaItem(db(), { encounter_id: encounter.id, title: "Instalación", starts_at: "2030-06-10T13:00:00.000Z" });
  });

  /** Both instances keep the page before the write: asked again, each answers from memory. */
  async function keptOnBoth(path: string) {
    const first = await kept(path);
    await get(path, {}, other.base);
    expect((await get(path, {}, other.base)).state, `${path} en la otra instancia`).toBe("hit");
    return first;
  }

  /** The next request to the other instance, then to the one, is rendered anew and shows the change. */
  async function seenEverywhere(path: string, check: (page: Awaited<ReturnType<typeof get>>) => void) {
    for (const base of [other.base, one.base]) {
      const page = await get(path, {}, base);
      expect(page.state, base).not.toBe("hit");
      check(page);
    }
  }

  it("an agenda item added, moved and deleted", async () => {
    expect(titles(await keptOnBoth(agendaPath()))).toEqual(["Instalación"]);
    const start = Date.parse(encounter.starts_at);
    const id = await createAgendaItem(
      db(),
      encounter,
      {
        title: "Panel: trata de personas",
        description: "",
        kind: "panel",
        room: "",
        startsAt: new Date(start + 3_600_000).toISOString(),
        endsAt: new Date(start + 2 * 3_600_000).toISOString(),
        speakers: [],
        confirmed: new Set(),
      },
      actor,
    );
    await seenEverywhere(agendaPath(), (page) => expect(titles(page)).toEqual(["Instalación", "Panel: trata de personas"]));

    await keptOnBoth(agendaPath());
    expect((await moveAgendaItem(db(), encounter, id, "up", actor)).status).toBe("moved");
    await seenEverywhere(agendaPath(), (page) => expect(titles(page)).toEqual(["Panel: trata de personas", "Instalación"]));

    await keptOnBoth(`/encuentros/${encounter.slug}/agenda.ics`);
    await deleteAgendaItem(db(), encounter, (await findAgendaItem(db(), encounter.id, id))!, actor);
    await seenEverywhere(agendaPath(), (page) => expect(titles(page)).toEqual(["Instalación"]));
    await seenEverywhere(`/encuentros/${encounter.slug}/agenda.ics`, (page) => expect(page.text).not.toContain("trata de personas"));
  });

  it("the encounter edited, then unpublished", async () => {
    const path = `/encuentros/${encounter.slug}`;
    await keptOnBoth(path);
    await keptOnBoth("/");
    const input = {
      title: "Encuentro renombrado",
      slug: null,
      summary: "Resumen nuevo",
      venue: encounter.venue,
      address: encounter.address,
      hostCityId: null,
      startsAt: encounter.starts_at,
      endsAt: encounter.ends_at,
      timezone: encounter.timezone,
      capacity: encounter.capacity,
      cityQuota: encounter.city_quota,
      registrationOpensAt: null,
      registrationClosesAt: null,
      contactEmail: null,
      shiftAgenda: false,
    };
    expect((await updateEncounter(db(), encounter, input, actor)).ok).toBe(true);
    await seenEverywhere(path, (page) => expect(dataOf(page).encounter).toMatchObject({ title: "Encuentro renombrado", summary: "Resumen nuevo" }));
    await seenEverywhere("/", (page) => expect(page.text).toContain("Encuentro renombrado"));

    await keptOnBoth(path);
    await keptOnBoth(agendaPath());
    const current = await db().selectFrom("encounters").selectAll().where("id", "=", encounter.id).executeTakeFirstOrThrow();
    expect(await changeEncounterStatus(db(), current, "unpublish", actor)).toBe("ok");
    await seenEverywhere(path, (page) => expect(page.status).toBe(404));
    await seenEverywhere(agendaPath(), (page) => expect(page.status).toBe(404));
    await seenEverywhere("/", (page) => expect(page.text).not.toContain("Encuentro renombrado"));
  });

  it("a material published, then withdrawn", async () => {
    const path = `/encuentros/${encounter.slug}/materiales`;
    const organizer = await makeOrganizer(db());
    expect(dataOf(await keptOnBoth(path)).materials).toEqual([]);
    const { materialId } = await publishMaterial(db(), {
      organizerId: organizer.id,
      encounterId: encounter.id,
      fields: { title: "Guía para PDT y PISCC", description: "", language: "es", visibility: "public" },
      file: makeReceivedFile("guia"),
      notify: false,
      appUrl: "http://convoca.test",
    });
    await seenEverywhere(path, (page) => expect(dataOf(page).materials.map((m: { title: string }) => m.title)).toEqual(["Guía para PDT y PISCC"]));
    await keptOnBoth(path);
    await removeMaterial(db(), { organizerId: organizer.id, materialId });
    await seenEverywhere(path, (page) => expect(dataOf(page).materials).toEqual([]));
  });

  it("the minutes published, then hidden", async () => {
    const path = `/encuentros/${encounter.slug}/materiales`;
    const organizer = await makeOrganizer(db());
    const minutesActor = { organizerId: organizer.id, encounterId: encounter.id };
    expect(dataOf(await keptOnBoth(path)).minutesUrl).toBeNull();
    await saveMinutes(db(), minutesActor, { body: "Acuerdos del encuentro.", sessions: new Map() });
    expect((await publishMinutes(db(), minutesActor, { appUrl: "http://convoca.test" })).ok).toBe(true);
    await seenEverywhere(path, (page) => expect(dataOf(page).minutesUrl).toBe(`/encuentros/${encounter.slug}/relatoria`));
    await keptOnBoth(path);
    await hideMinutes(db(), minutesActor);
    await seenEverywhere(path, (page) => expect(dataOf(page).minutesUrl).toBeNull());
  });

  it("the public progress switched off", async () => {
    await setCommitmentsPublic(db(), encounter.id, true, actor);
    const path = `/encuentros/${encounter.slug}/compromisos`;
    await keptOnBoth(path);
    expect(dataOf(await keptOnBoth(`/encuentros/${encounter.slug}`)).commitmentsPublic).toBe(true);
    await setCommitmentsPublic(db(), encounter.id, false, actor);
    await seenEverywhere(path, (page) => expect(page.status).toBe(404));
    await seenEverywhere(`/encuentros/${encounter.slug}`, (page) => expect(dataOf(page).commitmentsPublic).toBe(false));
  });
});
