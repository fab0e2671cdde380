import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import * as attendanceCsv from "~/routes/admin.encuentros.$slug.asistencia[.csv]";
import * as checkin from "~/routes/admin.encuentros.$slug.acreditacion/route";
import * as attendance from "~/routes/admin.encuentros.$slug.acreditacion_.asistencia";
import { registerForEncounter } from "~/features/registrations/commands/register.server";
import { getDb } from "~/server/db.server";
import { checkinUrl } from "~/features/registrations/tokens.server";
import { makeSignedInOrganizer } from "../factories";
import { call, ctx } from "../helpers/route";
import { counters, dane, makeEncounter, person } from "./helpers";

// Check-in at the venue: by the QR code's link or code, by search, walk-ins, the live count and
// the attendance list.

let cookie: string;
beforeAll(async () => {
  cookie = (await makeSignedInOrganizer(getDb(), { role: "admin" })).cookie;
});

const get = (url: string) => new Request(`http://localhost${url}`, { headers: { Cookie: cookie } });
function post(url: string, fields: Record<string, string>) {
  return new Request(`http://localhost${url}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
  });
}

async function setup() {
  const db = getDb();
  const encounter = await makeEncounter({ capacity: 2, quota: 2 });
  const a = await registerForEncounter(db, encounter.id, person(`ci-a-${encounter.id}`, dane.bogota, { fullName: "Ángela Rojas" }), { locale: "es" });
  const b = await registerForEncounter(db, encounter.id, person(`ci-b-${encounter.id}`, dane.medellin), { locale: "es" });
  const w = await registerForEncounter(db, encounter.id, person(`ci-w-${encounter.id}`, dane.cali), { locale: "es" });
  const code = async (id: number) => (await db.selectFrom("registrations").select("checkin_code").where("id", "=", id).executeTakeFirstOrThrow()).checkin_code!;
  if (!("registrationId" in a) || !("registrationId" in b) || !("registrationId" in w)) throw new Error("setup");
  return {
    encounter,
    ids: { a: a.registrationId, b: b.registrationId, w: w.registrationId },
    codes: { a: await code(a.registrationId), b: await code(b.registrationId), w: await code(w.registrationId) },
  };
}

describe("check-in", () => {
  it("marks an arrival once by the scanned code; a second scan says when the person arrived", async () => {
    const { encounter, codes } = await setup();
    const url = `/admin/encuentros/${encounter.slug}/acreditacion`;
    const params = { slug: encounter.slug };
    // The scanner reads the QR's whole link.
    const first = await call(() =>
      checkin.action({ request: post(url, { intent: "code", code: checkinUrl(encounter.slug, codes.a) }), params, context: ctx() }),
    );
    expect(first.data).toMatchObject({ kind: "checkIn", result: "checkedIn", person: { name: "Ángela Rojas", city: "Bogotá D.C." } });
    // Typed by hand: lower case, no dash.
    const second = await call(() =>
      checkin.action({ request: post(url, { intent: "code", code: codes.a.toLowerCase().replace("-", "") }), params, context: ctx() }),
    );
    expect(second.data).toMatchObject({ kind: "checkIn", result: "already" });
    expect(second.data.person.checkedInAt).toBe(first.data.person.checkedInAt);
    const waiting = await call(() => checkin.action({ request: post(url, { intent: "code", code: codes.w }), params, context: ctx() }));
    expect(waiting.data).toMatchObject({ result: "notConfirmed", person: { status: "waitlisted" } });
    for (const bad of ["ZZZZZ-ZZZZZ", "nada", "x".repeat(600), ""]) {
      const r = await call(() => checkin.action({ request: post(url, { intent: "code", code: bad }), params, context: ctx() }));
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
    }
    // Another encounter's code is unknown here.
    const other = await setup();
    const foreign = await call(() => checkin.action({ request: post(url, { intent: "code", code: other.codes.a }), params, context: ctx() }));
    expect(foreign).toMatchObject({ status: 404, data: { error: { code: ["unknownCode"] } } });
    const page = await call(() => checkin.loader({ request: get(url), params, context: ctx() }));
    expect(page.data.totals).toMatchObject({ confirmed: 2, checkedIn: 1 });
  });

  it("opens the person from the QR link in the phone's camera app, then checks in with one tap; undo works", async () => {
    const { encounter, ids, codes } = await setup();
    const params = { slug: encounter.slug };
    const link = new URL(checkinUrl(encounter.slug, codes.b));
    const page = await call(() => checkin.loader({ request: get(link.pathname + link.search), params, context: ctx() }));
    expect(page.data.codeMatch).toMatchObject({ id: ids.b, checkedInAt: null });
    // Opening the link changed nothing: the tap does.
    expect((await counters(encounter.id)).regs.find((r) => r.id === ids.b)).toBeDefined();
    const tap = await call(() =>
      checkin.action({ request: post(link.pathname, { intent: "checkIn", registrationId: String(ids.b) }), params, context: ctx() }),
    );
    expect(tap.data.result).toBe("checkedIn");
    const undo = await call(() => checkin.action({ request: post(link.pathname, { intent: "undo", registrationId: String(ids.b) }), params, context: ctx() }));
    expect(undo.data).toMatchObject({ kind: "undone" });
    const unknown = await call(() => checkin.loader({ request: get(`${link.pathname}?codigo=AAAAA-AAAAA`), params, context: ctx() }));
    expect(unknown.data).toMatchObject({ scanned: true, codeMatch: null });
  });

  it("finds people by name or email, accents ignored", async () => {
    const { encounter } = await setup();
    const page = await call(() =>
      checkin.loader({ request: get(`/admin/encuentros/${encounter.slug}/acreditacion?q=angela`), params: { slug: encounter.slug }, context: ctx() }),
    );
    expect(page.data.results.map((p: { name: string }) => p.name)).toEqual(["Ángela Rojas"]);
  });

  it("registers and checks in a walk-in at once, only while places remain", async () => {
    const db = getDb();
    const encounter = await makeEncounter({ capacity: 1, quota: 1, closesAt: new Date(Date.now() - 60_000).toISOString() });
    const url = `/admin/encuentros/${encounter.slug}/acreditacion`;
    const params = { slug: encounter.slug };
    const fields = {
      intent: "walkIn",
      fullName: "Llegó Sin Inscripción",
      email: `walkin-${encounter.id}@alcaldia.gov.co`,
      cityDane: dane.barranquilla,
      entity: "Alcaldía",
      position: "Asesor",
      consent: "on",
    };
    const done = await call(() => checkin.action({ request: post(url, fields), params, context: ctx() }));
    expect(done.data).toMatchObject({ kind: "walkIn", outcome: "done" });
    const row = await db
      .selectFrom("registrations")
      .select(["status", "source", "checked_in_at", "checked_in_by"])
      .where("encounter_id", "=", encounter.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "confirmed", source: "walk_in" });
    expect(row.checked_in_at).not.toBeNull();
    expect(row.checked_in_by).not.toBeNull();
    const again = await call(() => checkin.action({ request: post(url, fields), params, context: ctx() }));
    expect(again).toMatchObject({ status: 409, data: { initialValue: { intent: "walkIn" }, error: { email: ["walkInExisting"] } } });
    const before = await db
      .selectFrom("participants")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const full = await call(() =>
      checkin.action({ request: post(url, { ...fields, email: `walkin2-${encounter.id}@alcaldia.gov.co` }), params, context: ctx() }),
    );
    expect(full).toMatchObject({ status: 409, data: { initialValue: { intent: "walkIn" }, error: { "": ["fullWalkIn"] } } });
    const after = await db
      .selectFrom("participants")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const invalid = await call(() => checkin.action({ request: post(url, { ...fields, consent: "", email: "x" }), params, context: ctx() }));
    expect(invalid).toMatchObject({ status: 400, data: { initialValue: { intent: "walkIn" }, error: { email: ["email"], consent: ["consent"] } } });
  });

  it("prints and exports the attendance list by city", async () => {
    const { encounter, codes } = await setup();
    const params = { slug: encounter.slug };
    await call(() =>
      checkin.action({ request: post(`/admin/encuentros/${encounter.slug}/acreditacion`, { intent: "code", code: codes.a }), params, context: ctx() }),
    );
    const page = await call(() => attendance.loader({ request: get(`/admin/encuentros/${encounter.slug}/acreditacion/asistencia`), params, context: {} }));
    expect(page.data.cities.map((c: { city: string; people: unknown[] }) => [c.city, c.people.length])).toEqual([
      ["Bogotá D.C.", 1],
      ["Medellín", 1],
    ]);
    const csv = await call(() => attendanceCsv.loader({ request: get(`/admin/encuentros/${encounter.slug}/asistencia.csv`), params, context: {} }));
    const text = String(csv.data);
    expect(text).toContain("Ángela Rojas");
    expect(text).toContain("No llegó");
    const rows: string[][] = parse(text, { bom: true, delimiter: ";" });
    expect(rows[0]).toHaveLength(6);
    expect(rows.slice(1).every((row) => row.length === 6)).toBe(true);
    expect(rows.find((row) => row[1] === "Ángela Rojas")![5]).not.toBe("No llegó");
    expect(rows.filter((row) => row[5] === "No llegó")).toHaveLength(1);
  });
});
