import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import * as csvExport from "~/routes/admin.encuentros.$slug.registros[.csv]";
import * as xlsxExport from "~/routes/admin.encuentros.$slug.registros[.xlsx]";
import * as list from "~/routes/admin.encuentros.$slug.registros/route";
import * as edit from "~/routes/admin.encuentros.$slug.registros_.$id";
import * as importer from "~/routes/admin.encuentros.$slug.registros_.importar";
import { checkIn } from "~/features/registrations/commands/check-in.server";
import { registerForEncounter } from "~/features/registrations/commands/register.server";
import { getDb } from "~/server/db.server";
import { ensureParticipant, participantCookie } from "../helpers/auth";
import { makeSignedInOrganizer } from "../factories";
import { call, ctx } from "../helpers/route";
import { counters, dane, makeEncounter, outbox, person } from "./helpers";

// The organizers' pages: the list with its filters and counts, cancel and promote on someone's
// behalf, edit, the exports, and the CSV import with its preview.

let cookie: string;
let organizerEmail: string;
beforeAll(async () => {
  const organizer = await makeSignedInOrganizer(getDb(), { role: "admin" });
  cookie = organizer.cookie;
  organizerEmail = organizer.email;
});

function get(url: string, withCookie = cookie) {
  return new Request(`http://localhost${url}`, { headers: withCookie ? { Cookie: withCookie } : {} });
}
function post(url: string, fields: Record<string, string | File>, withCookie = cookie) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return new Request(`http://localhost${url}`, { method: "POST", body, headers: withCookie ? { Cookie: withCookie } : {} });
}

async function seeded(capacity = 3, quota = 2) {
  const db = getDb();
  const encounter = await makeEncounter({ capacity, quota });
  const ids: Record<string, number> = {};
  for (const [n, city, extra] of [
    ["ana", dane.bogota, { fullName: "Ana Gómez Ñáñez" }],
    ["beto", dane.bogota, {}],
    ["caro", dane.bogota, {}],
    ["dani", dane.medellin, {}],
    ["eli", dane.cali, {}],
  ] as const) {
    const outcome = await registerForEncounter(db, encounter.id, person(`${n}-${encounter.id}`, city, extra), { locale: "es" });
    if ("registrationId" in outcome) ids[n] = outcome.registrationId;
  }
  return { encounter, ids };
}

describe("organizers' list of registrations", () => {
  it("is for organizers only", async () => {
    const { encounter } = await seeded();
    const url = `/admin/encuentros/${encounter.slug}/registros`;
    const anonymous = await call(() => list.loader({ request: get(url, ""), params: { slug: encounter.slug }, context: {} }));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/ingresar/);
    const authority = await participantCookie(await ensureParticipant("autoridad@bogota.gov.co"));
    for (const mod of [list, csvExport, xlsxExport, importer]) {
      const r = await call(() => mod.loader({ request: get(url, authority), params: { slug: encounter.slug }, context: {} }));
      expect(r.status).toBe(302);
    }
    const act = await call(() =>
      list.action({ request: post(url, { intent: "cancel", registrationId: "1" }, authority), params: { slug: encounter.slug }, context: {} }),
    );
    expect(act.status).toBe(302);
  });

  it("lists, searches, filters and counts by city against the quota", async () => {
    const { encounter } = await seeded();
    const base = `/admin/encuentros/${encounter.slug}/registros`;
    const all = await call(() => list.loader({ request: get(base), params: { slug: encounter.slug }, context: {} }));
    expect(all.data.rows.map((r: { status: string }) => r.status)).toEqual(["confirmed", "confirmed", "confirmed", "waitlisted", "waitlisted"]);
    expect(all.data.totals).toEqual({ confirmed: 3, waitlisted: 2, cancelled: 0, checkedIn: 0 });
    const bogota = all.data.cities.find((c: { dane: string }) => c.dane === dane.bogota);
    expect(bogota).toMatchObject({ confirmed: 2, waitlisted: 1 });
    expect(all.data.cities).toHaveLength(32);

    const search = await call(() =>
      list.loader({ request: get(`${base}?q=${encodeURIComponent("gomez ÑAÑEZ")}`), params: { slug: encounter.slug }, context: {} }),
    );
    expect(search.data.rows.map((r: { name: string }) => r.name)).toEqual(["Ana Gómez Ñáñez"]);
    const byCity = await call(() =>
      list.loader({ request: get(`${base}?ciudad=${dane.bogota}&estado=waitlisted`), params: { slug: encounter.slug }, context: {} }),
    );
    expect(byCity.data.rows).toHaveLength(1);
    const odd = await call(() =>
      list.loader({ request: get(`${base}?ciudad=x&estado=nada&llegada=quizas&q=%25`), params: { slug: encounter.slug }, context: {} }),
    );
    expect(odd.status).toBe(200);
    expect(odd.data.rows).toHaveLength(0);
  });

  it("filters by arrival: llegada=si only those who arrived, llegada=no only those who did not", async () => {
    const { encounter, ids } = await seeded();
    const db = getDb();
    const organizer = await db.selectFrom("organizers").select("id").where("email", "=", organizerEmail).executeTakeFirstOrThrow();
    // Ana (Bogotá) and Dani (Medellín) arrive; Beto (confirmed) does not; Caro and Eli are waiting.
    for (const id of [ids.ana, ids.dani]) expect((await checkIn(db, encounter.id, id, organizer.id)).kind).toBe("checkedIn");
    const base = `/admin/encuentros/${encounter.slug}/registros`;
    const load = async (query: string) => call(() => list.loader({ request: get(`${base}${query}`), params: { slug: encounter.slug }, context: {} }));
    const idsOf = (rows: Array<{ id: number }>) => rows.map((r) => r.id).sort((x, y) => x - y);
    const fromDb = async (arrived: boolean) =>
      (
        await db
          .selectFrom("registrations")
          .select("id")
          .where("encounter_id", "=", encounter.id)
          .where("checked_in_at", arrived ? "is not" : "is", null)
          .orderBy("id")
          .execute()
      ).map((r) => r.id);

    const yes = await load("?llegada=si");
    expect(yes.data.filters.arrived).toBe("si");
    expect(yes.data.query).toBe("?llegada=si");
    expect(idsOf(yes.data.rows)).toEqual([ids.ana, ids.dani].sort((x, y) => x - y));
    expect(idsOf(yes.data.rows)).toEqual(await fromDb(true));
    expect(yes.data.rows.every((r: { checkedInAt: string | null }) => r.checkedInAt !== null)).toBe(true);

    const no = await load("?llegada=no");
    expect(idsOf(no.data.rows)).toEqual([ids.beto, ids.caro, ids.eli].sort((x, y) => x - y));
    expect(idsOf(no.data.rows)).toEqual(await fromDb(false));
    expect(no.data.rows.every((r: { checkedInAt: string | null }) => r.checkedInAt === null)).toBe(true);

    // With the status filter: confirmed and not arrived is Beto alone.
    const confirmedAbsent = await load("?estado=confirmed&llegada=no");
    expect(idsOf(confirmedAbsent.data.rows)).toEqual([ids.beto]);
    // Any other value is no filter at all; the totals count arrivals whatever the filter.
    const odd = await load("?llegada=yes");
    expect(odd.data.filters.arrived).toBe("");
    expect(odd.data.rows).toHaveLength(5);
    expect(yes.data.totals.checkedIn).toBe(2);
    expect(no.data.totals.checkedIn).toBe(2);
  });

  it("cancels on someone's behalf with a reason, and the first who fits moves up", async () => {
    const { encounter, ids } = await seeded();
    const url = `/admin/encuentros/${encounter.slug}/registros`;
    const result = await call(() =>
      list.action({
        request: post(url, { intent: "cancel", registrationId: String(ids.ana), reason: "Inscripción duplicada", notify: "on" }),
        params: { slug: encounter.slug },
        context: {},
      }),
    );
    expect(result.data).toEqual({ ok: true, message: "cancelledPromoted", count: 1 });
    const state = await counters(encounter.id);
    expect(state.regs.find((r) => r.id === ids.caro)?.status).toBe("confirmed");
    const mail = (await outbox()).find((m) => m.template === "registration-cancelled" && m.recipient === `persona.ana-${encounter.id}@alcaldia.gov.co`);
    expect(JSON.parse(mail!.data)).toMatchObject({ byOrganizer: true, reason: "Inscripción duplicada" });
    // Another encounter's registration cannot be touched from this page.
    const other = await seeded();
    const foreign = await call(() =>
      list.action({ request: post(url, { intent: "cancel", registrationId: String(other.ids.ana) }), params: { slug: encounter.slug }, context: {} }),
    );
    expect(foreign).toMatchObject({ status: 404, data: { error: { "": ["notActive"] } } });
  });

  it("moves someone from the waiting list by hand, and says why when it cannot", async () => {
    const { encounter, ids } = await seeded(4, 2);
    const url = `/admin/encuentros/${encounter.slug}/registros`;
    // 4 places: ana, beto (Bogotá 2/2), dani, eli confirmed; caro waits for Bogotá.
    expect((await counters(encounter.id)).regs.find((r) => r.id === ids.caro)?.status).toBe("waitlisted");
    const full = await call(() =>
      list.action({ request: post(url, { intent: "promote", registrationId: String(ids.caro) }), params: { slug: encounter.slug }, context: {} }),
    );
    expect(full).toMatchObject({ status: 409, data: { error: { "": ["full"] } } });
    await getDb().updateTable("encounters").set({ capacity: 5 }).where("id", "=", encounter.id).execute();
    const quota = await call(() =>
      list.action({ request: post(url, { intent: "promote", registrationId: String(ids.caro) }), params: { slug: encounter.slug }, context: {} }),
    );
    expect(quota).toMatchObject({ status: 409, data: { error: { "": ["cityFull"] } } });
    const forced = await call(() =>
      list.action({
        request: post(url, { intent: "promote", registrationId: String(ids.caro), ignoreQuota: "on" }),
        params: { slug: encounter.slug },
        context: {},
      }),
    );
    expect(forced.data).toEqual({ ok: true, message: "promoted" });
    const bad = await call(() =>
      list.action({ request: post(url, { intent: "promote", registrationId: "abc" }), params: { slug: encounter.slug }, context: {} }),
    );
    expect(bad).toMatchObject({ status: 400, data: { error: { registrationId: ["invalid"] } } });
  });

  it("gives free places to the waiting line in order after the capacity is raised", async () => {
    const { encounter, ids } = await seeded(3, 2);
    // Confirmed: ana, beto (Bogotá 2/2), dani. Waiting: caro (Bogotá), eli (Cali).
    await getDb().updateTable("encounters").set({ capacity: 10 }).where("id", "=", encounter.id).execute();
    const url = `/admin/encuentros/${encounter.slug}/registros`;
    const page = await call(() => list.loader({ request: get(url), params: { slug: encounter.slug }, context: {} }));
    expect(page.data.totals).toMatchObject({ confirmed: 3, waitlisted: 2 });
    const filled = await call(() => list.action({ request: post(url, { intent: "fill" }), params: { slug: encounter.slug }, context: {} }));
    // Caro's city is at its quota: only Eli fits.
    expect(filled.data).toEqual({ ok: true, message: "filled", count: 1 });
    const state = await counters(encounter.id);
    expect(state.regs.find((r) => r.id === ids.eli)?.status).toBe("confirmed");
    expect(state.regs.find((r) => r.id === ids.caro)?.status).toBe("waitlisted");
  });

  it("edits someone's data; a new city takes a place there or is refused", async () => {
    const { encounter, ids } = await seeded(5, 2);
    const url = `/admin/encuentros/${encounter.slug}/registros/${ids.dani}`;
    const page = await call(() => edit.loader({ request: get(url), params: { slug: encounter.slug, id: String(ids.dani) }, context: {} }));
    expect(page.data.registration.cityDane).toBe(dane.medellin);
    // Bogotá is full (ana, beto): moving Dani there is refused, nothing changes.
    const refused = await call(() =>
      edit.action({
        request: post(url, { fullName: "Dani", cityDane: dane.bogota, entity: "Alcaldía", position: "Asesora" }),
        params: { slug: encounter.slug, id: String(ids.dani) },
        context: {},
      }),
    );
    expect(refused).toMatchObject({ status: 409, data: { error: { cityDane: ["cityFull"] } } });
    expect((await counters(encounter.id)).regs.find((r) => r.id === ids.dani)?.city_id).not.toBe(undefined);
    const moved = await call(() =>
      edit.action({
        request: post(url, { fullName: "Daniela Ruiz", cityDane: dane.cartagena, entity: "Alcaldía", position: "Asesora", phone: "3001234567" }),
        params: { slug: encounter.slug, id: String(ids.dani) },
        context: {},
      }),
    );
    expect(moved.status).toBe(303);
    // The list it lands on says once that the change was saved (a flash, not a query string).
    expect(moved.headers.get("Set-Cookie")).toContain("convoca_flash=");
    const state = await counters(encounter.id);
    const cartagena = await getDb().selectFrom("cities").select("id").where("dane", "=", dane.cartagena).executeTakeFirstOrThrow();
    expect(state.cities.find((c) => c.city_id === cartagena.id)?.confirmed_count).toBe(1);
    expect(state.encounter.confirmed_count).toBe(4);
    const invalid = await call(() =>
      edit.action({ request: post(url, { fullName: "", cityDane: "1" }), params: { slug: encounter.slug, id: String(ids.dani) }, context: {} }),
    );
    expect(invalid).toMatchObject({ status: 400, data: { error: { fullName: ["required"], cityDane: ["city"] } } });
    const missing = await call(() => edit.loader({ request: get(url), params: { slug: encounter.slug, id: "999999" }, context: {} }));
    expect(missing.status).toBe(404);
  });

  it("exports the filtered list to CSV (UTF-8 with BOM) and XLSX with accents intact", async () => {
    const { encounter } = await seeded();
    const url = `/admin/encuentros/${encounter.slug}/registros.csv?estado=confirmed`;
    const csv = await call(() => csvExport.loader({ request: get(url), params: { slug: encounter.slug }, context: {} }));
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await csv.response!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("Ana Gómez Ñáñez");
    expect(text).toContain("Bogotá");
    expect(text.trim().split("\r\n")).toHaveLength(1 + 3);
    // As Excel in es-CO opens it: ";" between fields, one row per person, accents intact.
    const rows: string[][] = parse(Buffer.from(bytes), { bom: true, delimiter: ";" });
    expect(rows).toHaveLength(1 + 3);
    expect(rows.every((row) => row.length === rows[0].length)).toBe(true);
    const ana = rows.find((row) => row[0] === "Ana Gómez Ñáñez")!;
    expect(ana[2]).toBe("Bogotá D.C.");
    expect(ana[3]).toBe("11001");

    const xlsx = await call(() => xlsxExport.loader({ request: get(url.replace(".csv", ".xlsx")), params: { slug: encounter.slug }, context: {} }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.response!.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(2).getCell(1).value).toBe("Ana Gómez Ñáñez");
  });
});

describe("import of invited officials", () => {
  const header = "nombre;correo;dane;entidad;cargo;telefono";
  function csvFile(lines: string[], name = "invitados.csv") {
    return new File([`\uFEFF${[header, ...lines].join("\r\n")}`], name, { type: "text/csv" });
  }

  it("previews with the rows refused and why, registers nobody until run, then runs in chunks", async () => {
    const encounter = await makeEncounter({ capacity: 3, quota: 2 });
    const url = `/admin/encuentros/${encounter.slug}/registros/importar`;
    const before = await counters(encounter.id);
    const file = csvFile([
      `Marta Díaz;marta-${encounter.id}@alcaldia.gov.co;11001;Alcaldía;Secretaria;`,
      `Juan Pérez;juan-${encounter.id}@alcaldia.gov.co;11001;Alcaldía;Asesor;3001112233`,
      `Luz Ortiz;luz-${encounter.id}@alcaldia.gov.co;11001;Alcaldía;Asesora;`,
      `Sin Correo;;05001;Alcaldía;Asesor;`,
      `Ciudad Mala;mala-${encounter.id}@alcaldia.gov.co;99999;Alcaldía;Asesor;`,
      `Repetida;marta-${encounter.id}@alcaldia.gov.co;05001;Alcaldía;Asesor;`,
      `Pedro Ruiz;pedro-${encounter.id}@alcaldia.gov.co;76001;Alcaldía;Jefe;`,
    ]);
    const preview = await call(() => importer.action({ request: post(url, { intent: "preview", file }), params: { slug: encounter.slug }, context: ctx() }));
    expect(preview.status).toBe(303);
    const id = /id=(\d+)$/.exec(preview.headers.get("Location")!)![1];
    expect((await counters(encounter.id)).regs).toEqual(before.regs);

    const page = await call(() => importer.loader({ request: get(`${url}?id=${id}`), params: { slug: encounter.slug }, context: {} }));
    expect(page.data.current).toMatchObject({ total: 7, valid: 4, refusedCount: 3 });
    expect(page.data.current.refused.map((r: { line: number; reasons: Array<{ error: string }> }) => [r.line, r.reasons.map((x) => x.error)])).toEqual([
      [5, ["required"]],
      [6, ["city"]],
      [7, ["duplicateInFile"]],
    ]);

    // With JavaScript: one chunk per request.
    const first = await call(() =>
      importer.action({ request: post(url, { intent: "run", id, notify: "on", chunk: "1" }), params: { slug: encounter.slug }, context: ctx() }),
    );
    expect(first.data).toMatchObject({ kind: "chunk", processed: 4, total: 4, done: true, results: { confirmed: 3, waitlisted: 1, existing: 0, failed: 0 } });
    const state = await counters(encounter.id);
    expect(state.regs).toHaveLength(4);
    expect(state.regs.filter((r) => r.status === "waitlisted").map((r) => r.email)).toEqual([`luz-${encounter.id}@alcaldia.gov.co`]);
    const sources = await getDb().selectFrom("registrations").select("source").where("encounter_id", "=", encounter.id).execute();
    expect(new Set(sources.map((s) => s.source))).toEqual(new Set(["import"]));
    expect((await outbox()).filter((m) => m.recipient.endsWith(`-${encounter.id}@alcaldia.gov.co`))).toHaveLength(4);
    // Running it again changes nothing.
    const again = await call(() =>
      importer.action({ request: post(url, { intent: "run", id, chunk: "1" }), params: { slug: encounter.slug }, context: ctx() }),
    );
    expect(again.data).toMatchObject({ processed: 4, done: true });
    expect((await counters(encounter.id)).regs).toHaveLength(4);
  });

  it("runs a whole file in one request without JavaScript, counting people already registered, without mail when asked", async () => {
    const encounter = await makeEncounter({ capacity: 100, quota: 100 });
    await registerForEncounter(getDb(), encounter.id, person(`ya-${encounter.id}`), { locale: "es" });
    const lines = Array.from({ length: 120 }, (_, i) => `Persona ${i};p${i}-${encounter.id}@alcaldia.gov.co;11001;Alcaldía;Cargo;`);
    lines.push(`Ya Inscrita;persona.ya-${encounter.id}@alcaldia.gov.co;11001;Alcaldía;Cargo;`);
    const url = `/admin/encuentros/${encounter.slug}/registros/importar`;
    const preview = await call(() =>
      importer.action({ request: post(url, { intent: "preview", file: csvFile(lines) }), params: { slug: encounter.slug }, context: ctx() }),
    );
    const id = /id=(\d+)$/.exec(preview.headers.get("Location")!)![1];
    const mailsBefore = (await outbox()).length;
    const run = await call(() => importer.action({ request: post(url, { intent: "run", id }), params: { slug: encounter.slug }, context: ctx() }));
    expect(run.status).toBe(303);
    const page = await call(() => importer.loader({ request: get(`${url}?id=${id}`), params: { slug: encounter.slug }, context: {} }));
    expect(page.data.current.status).toBe("done");
    expect(page.data.current.results).toMatchObject({ confirmed: 99, waitlisted: 21, existing: 1, failed: 0 });
    expect((await outbox()).length).toBe(mailsBefore);
  });

  it("refuses files it cannot use, with the reason", async () => {
    const encounter = await makeEncounter();
    const url = `/admin/encuentros/${encounter.slug}/registros/importar`;
    const cases: Array<[File | string, string]> = [
      ["", "noFile"],
      [new File(["nombre;correo\nAna;ana@x.co"], "a.csv"), "missingColumns"],
      [new File([header], "a.csv"), "noRows"],
      [new File(['nombre,correo,dane,entidad,cargo\n"Ana,ana@x.co'], "a.csv"), "badFile"],
      [new File(["x".repeat(2 * 1024 * 1024 + 1)], "a.csv"), "tooLarge"],
    ];
    for (const [file, error] of cases) {
      const result = await call(() => importer.action({ request: post(url, { intent: "preview", file }), params: { slug: encounter.slug }, context: ctx() }));
      expect(result).toMatchObject({ status: 400, data: { error: { file: [error] } } });
    }
    const unknown = await call(() => importer.loader({ request: get(`${url}?id=99999`), params: { slug: encounter.slug }, context: {} }));
    expect(unknown.data.missing).toBe(true);
  });
});
