/// <reference types="vite/client" />
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/server/db.server";
import { makeAgendaItem, makeCommitment, makeEncounter, makeMaterial, makeOrganizer, makeParticipant, makeRegistration } from "../factories";
import { ensureParticipant, organizerCookie, participantCookie } from "../helpers/auth";
import { call } from "../helpers/route";
import { routeModules } from "../helpers/route-modules";
import { tableContents } from "../helpers/table-contents";

// Every form action and every loader of every route, fed generated bad input as three kinds of
// visitor. Whatever comes in: never a 5xx, and a refused request (4xx) leaves no row behind.
// New routes are picked up by the glob, so they are covered from the day they land.

// Keyed as the flat file path it always had, so the generated cases (seeded by its length) stay the same.
const modules = Object.fromEntries(Object.entries(routeModules).map(([name, mod]) => [`../app/routes/${name}.tsx`, mod]));

const casesPerAction = Number(process.env.ROBUSTNESS_CASES ?? 200);
const casesPerLoader = Math.ceil(casesPerAction / 4);

// A small seeded generator, so that a failure can be replayed.
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hostile = [
  "",
  " ",
  "a".repeat(5000),
  "<script>alert(1)</script>",
  "' OR 1=1; DROP TABLE encounters; --",
  "Ana\r\nBcc: victima@example.com",
  "😀🇨🇴 Bogotá ñandú",
  "-1",
  "0",
  "101",
  "1e309",
  "NaN",
  "null",
  "undefined",
  "[]",
  "{}",
  "../../etc/passwd",
  "2024-02-30",
  "2024-13-01",
  "25:99",
  "99999999999999999999",
  "on",
  "off",
  "true",
  "persona@alcaldia.gov.co",
  "no-es-correo",
  "11001",
  "00000",
  "PDT",
  "done",
  "plenary",
  "\u0000\u0001\u0002",
  "%00",
  "javascript:alert(1)",
  "//evil.example",
];

const fieldNames = [
  "fullName",
  "email",
  "cityDane",
  "entity",
  "position",
  "phone",
  "needs",
  "consent",
  "website",
  "intent",
  "title",
  "description",
  "summary",
  "kind",
  "room",
  "date",
  "start",
  "end",
  "startsAt",
  "endsAt",
  "startDate",
  "endDate",
  "startTime",
  "endTime",
  "status",
  "progress",
  "note",
  "dueDate",
  "instrument",
  "theme",
  "responsibleName",
  "responsibleEmail",
  "responsiblePosition",
  "indicator",
  "target",
  "slug",
  "capacity",
  "cityQuota",
  "timezone",
  "password",
  "redirectTo",
  "lang",
  "code",
  "confirm",
  "visibility",
  "language",
  "url",
  "evidenceUrl",
  "id",
  "itemId",
  "direction",
  "registrationId",
  "query",
  "speakers",
  "q",
];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

function generatedForm(rand: () => number): URLSearchParams {
  const form = new URLSearchParams();
  const count = Math.floor(rand() * 10);
  for (let i = 0; i < count; i++) {
    const name = rand() < 0.9 ? pick(rand, fieldNames) : `extra_${Math.floor(rand() * 1000)}`;
    form.append(name, pick(rand, hostile));
  }
  return form;
}

function paramsFor(file: string, rand: () => number): Record<string, string> {
  const params: Record<string, string> = {};
  for (const match of file.matchAll(/\$(\w+)/g)) {
    const name = match[1];
    const good = name === "slug" ? pick(rand, ["seguimiento", "bogota-2024"]) : name === "dane" ? "11001" : String(1 + Math.floor(rand() * 3));
    params[name] = rand() < 0.7 ? good : pick(rand, hostile);
  }
  return params;
}

function urlFor(file: string, params: Record<string, string>): string {
  const path = file
    .replace(/^.*routes\//, "")
    .replace(/\.tsx$/, "")
    .replace(/\[(.*?)\]/g, "$1")
    .split(".")
    .filter((seg) => seg !== "_index")
    .map((seg) => (seg.startsWith("$") ? encodeURIComponent(params[seg.slice(1)] ?? "x") : seg))
    .join("/");
  return `http://localhost/${path}`;
}

let visitors: { name: string; cookie?: string }[];

/**
 * Something behind every good id the cases use (1 to 3) and both slugs: an encounter that has
 * ended and one to come (and a draft), three of each agenda item, material, registration,
 * commitment and organizer, so the generated input reaches the code past "not found".
 */
async function makeRowsBehindTheIds(): Promise<{ adminEmail: string }> {
  const db = getDb();
  const admin = await makeOrganizer(db, { role: "admin" });
  await makeOrganizer(db);
  await makeOrganizer(db, { disabled_at: new Date().toISOString() });
  const past = await makeEncounter(db, { slug: "bogota-2024", starts_at: "2024-02-29T13:00:00.000Z", host_city_id: 1, contact_email: admin.email });
  const next = await makeEncounter(db, { slug: "seguimiento", capacity: 3, city_quota: 1 });
  await makeEncounter(db, { status: "draft" });
  for (const encounter of [past, past, next]) await makeAgendaItem(db, { encounter_id: encounter.id });
  await makeMaterial(db, { encounter_id: past.id, visibility: "public", created_by: admin.id });
  await makeMaterial(db, { encounter_id: past.id, visibility: "registered", created_by: admin.id });
  await makeMaterial(db, { encounter_id: next.id, visibility: "attendees", created_by: admin.id });
  const person = await makeParticipant(db);
  await makeRegistration(db, { encounter_id: past.id, participant_id: person.id, checked_in_at: past.starts_at });
  await makeRegistration(db, { encounter_id: next.id, participant_id: person.id });
  await makeRegistration(db, { encounter_id: next.id, status: "waitlisted" });
  await makeCommitment(db, { encounter_id: past.id, cityDane: "11001", created_by_participant_id: person.id });
  await makeCommitment(db, { encounter_id: past.id, status: "in_progress", progress: 40 });
  await makeCommitment(db, { encounter_id: past.id, cityDane: "76001", due_date: "2024-03-31" });
  return { adminEmail: admin.email };
}

beforeAll(async () => {
  const { adminEmail } = await makeRowsBehindTheIds();
  const authority = await ensureParticipant("robustez@bogota.gov.co", "11001");
  visitors = [
    { name: "anonymous" },
    { name: "authority", cookie: await participantCookie(authority) },
    { name: "organizer", cookie: await organizerCookie(adminEmail) },
  ];
});

const withActions = Object.entries(modules).filter(([, m]) => typeof m.action === "function");
const withLoaders = Object.entries(modules).filter(([, m]) => typeof m.loader === "function");

describe("robustness: generated bad input never breaks a form action", () => {
  it("has actions to test", () => expect(withActions.length).toBeGreaterThan(3));

  for (const [file, mod] of withActions) {
    it(`${file.replace(/^.*routes\//, "")}: ${casesPerAction} cases, no 5xx, refusals write nothing`, async () => {
      const rand = prng(file.length * 7919);
      for (let i = 0; i < casesPerAction; i++) {
        const visitor = visitors[i % visitors.length];
        const params = paramsFor(file, rand);
        const body = generatedForm(rand);
        const before = await tableContents();
        const request = new Request(urlFor(file, params), {
          method: "POST",
          body,
          headers: { "Content-Type": "application/x-www-form-urlencoded", ...(visitor.cookie ? { Cookie: visitor.cookie } : {}) },
        });
        const result = await call(() => mod.action!({ request, params, context: { clientIp: `198.18.${i % 250}.${(i * 7) % 250}` } }));
        const where = `${visitor.name} case ${i}: ${body.toString().slice(0, 300)} params ${JSON.stringify(params)}`;
        expect(result.status, where).toBeLessThan(500);
        if (result.status >= 400) {
          expect(await tableContents(), `a refused request wrote rows (${where})`).toEqual(before);
          // Said, not silent: a Spanish text, or the errors/reason the page shows beside the fields.
          expect(saysWhy(result.data), `a refusal without a message (${where}): ${JSON.stringify(result.data)?.slice(0, 200)}`).toBe(true);
        }
      }
    });
  }
});

function saysWhy(data: unknown): boolean {
  if (typeof data === "string") return data.trim().length > 0;
  return typeof data === "object" && data !== null && Object.keys(data).length > 0;
}

describe("robustness: loaders answer any query string and any id", () => {
  for (const [file, mod] of withLoaders) {
    it(`${file.replace(/^.*routes\//, "")}: ${casesPerLoader} cases, no 5xx`, async () => {
      const rand = prng(file.length * 104729);
      for (let i = 0; i < casesPerLoader; i++) {
        const visitor = visitors[i % visitors.length];
        const params = paramsFor(file, rand);
        const url = `${urlFor(file, params)}?${generatedForm(rand).toString()}`;
        const request = new Request(url, { headers: visitor.cookie ? { Cookie: visitor.cookie } : {} });
        const result = await call(() => mod.loader!({ request, params, context: { clientIp: `198.19.${i % 250}.1` } }));
        expect(result.status, `${visitor.name} GET ${url.slice(0, 300)}`).toBeLessThan(500);
      }
    });
  }
});

// What else arrives where a form is expected: other content types, chunked and empty bodies,
// bodies past the form limit, broken multipart, bodiless DELETEs, and control characters in
// every redirect target. Each action, each kind, as each visitor in turn: never a 5xx, a refusal
// writes nothing and says why, and a redirect never leaves the site or carries a control character.

function streamOf(parts: Array<string | Uint8Array>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i >= parts.length) return controller.close();
      const part = parts[i++];
      controller.enqueue(typeof part === "string" ? encoder.encode(part) : part);
    },
  });
}

const megabyte = 1024 * 1024;
const redirectTargets = [
  "/%09/evil.example",
  "/%0a/evil.example",
  "/\n/evil.example",
  "/\r\nSet-Cookie: x=1",
  "/\\evil.example",
  "//evil.example",
  "/%5c%5cevil.example",
  "/\u0000",
];

type BodyCase = { name: string; method?: string; headers?: Record<string, string>; body?: () => BodyInit | ReadableStream<Uint8Array> | null };

const bodyCases: BodyCase[] = [
  {
    name: "JSON",
    headers: { "Content-Type": "application/json" },
    body: () => JSON.stringify({ email: "a@b.co", intent: "update", redirectTo: "//evil.example" }),
  },
  { name: "text/plain", headers: { "Content-Type": "text/plain" }, body: () => "email=a@b.co&intent=update" },
  { name: "no Content-Type", body: () => "email=a%40b.co&intent=update" },
  { name: "empty form", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: () => null },
  {
    name: "chunked form",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: () => streamOf(["intent=update&", "email=a%40b.co&", "redirectTo=%2F%0a%2Fevil.example"]),
  },
  {
    name: "chunked, past the limit",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: () => streamOf(["note=", ...Array.from({ length: 5 }, () => new Uint8Array(megabyte).fill(97))]),
  },
  { name: "past the limit, with a length", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: () => `note=${"a".repeat(5 * megabyte)}` },
  {
    name: "broken multipart",
    headers: { "Content-Type": "multipart/form-data; boundary=zz" },
    body: () => '--zz\r\nContent-Disposition: form-data; name="intent"\r\n\r\nupdate',
  },
  { name: "multipart without a boundary", headers: { "Content-Type": "multipart/form-data" }, body: () => "x" },
  { name: "bodiless DELETE", method: "DELETE" },
  ...redirectTargets.map((target) => ({
    name: `redirectTo ${JSON.stringify(target)}`,
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: () =>
      new URLSearchParams({ redirectTo: target, lang: "en", email: "organizadora@convoca.test", password: "convoca-demo", intent: "update" }).toString(),
  })),
];

function staysOnSite(location: string | null): boolean {
  if (location === null) return true;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(location)) return false;
  const resolved = new URL(location, "http://localhost");
  return resolved.origin === "http://localhost" && !location.startsWith("//");
}

describe("robustness: bodies that are not the form an action expects", () => {
  for (const [file, mod] of withActions) {
    it(`${file.replace(/^.*routes\//, "")}: ${bodyCases.length} kinds of body, no 5xx, refusals write nothing, redirects stay on the site`, async () => {
      const rand = prng(file.length * 31337);
      for (const [i, kind] of bodyCases.entries()) {
        const visitor = visitors[i % visitors.length];
        const params = paramsFor(file, rand);
        const body = kind.body?.() ?? null;
        const before = await tableContents();
        const request = new Request(urlFor(file, params), {
          method: kind.method ?? "POST",
          body,
          headers: { ...kind.headers, ...(visitor.cookie ? { Cookie: visitor.cookie } : {}) },
          ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
        } as RequestInit);
        const result = await call(() => mod.action!({ request, params, context: { clientIp: `198.20.${i % 250}.${file.length % 250}` } }));
        const where = `${visitor.name}, ${kind.name}, params ${JSON.stringify(params)}`;
        expect(result.status, where).toBeLessThan(500);
        expect(staysOnSite(result.headers.get("Location")), `${where}: Location ${JSON.stringify(result.headers.get("Location"))}`).toBe(true);
        if (result.status >= 400) {
          expect(await tableContents(), `a refused request wrote rows (${where})`).toEqual(before);
          expect(saysWhy(result.data), `a refusal without a message (${where}): ${JSON.stringify(result.data)?.slice(0, 200)}`).toBe(true);
        }
      }
    });
  }
});
