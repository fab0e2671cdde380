import { inflateSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { crossEncounterReport, encounterReport } from "~/models/reports.server";
import * as zipRoute from "~/routes/admin.encuentros.$slug.certificados[.zip]";
import * as reportPage from "~/routes/admin.encuentros.$slug.informe";
import * as reportCsv from "~/routes/admin.encuentros.$slug.informe[.csv]";
import * as reportXlsx from "~/routes/admin.encuentros.$slug.informe[.xlsx]";
import * as crossPage from "~/routes/admin.informes";
import * as crossCsv from "~/routes/admin.informes[.csv]";
import * as certificate from "~/routes/certificados.$id";
import * as publicPage from "~/routes/encuentros.$slug.compromisos";
import * as managePage from "~/routes/inscripcion.$token";
import * as verify from "~/routes/verificar.$code";
import { getDb } from "~/utils/db.server";
import { issueManageToken } from "~/utils/registration-tokens.server";
import { sha256 } from "~/utils/session.server";
import { ensureParticipant, formRequest, getRequest, organizerCookie, participantCookie } from "./helpers/auth";
import { call, ctx } from "./helpers/route";

let organizer: string;
let encounterId: number;
const slug = "bogota-2024";
const params = { slug };

beforeAll(async () => {
  organizer = await organizerCookie();
  encounterId = (await getDb().selectFrom("encounters").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
});

/** Counts made straight from the tables, independently of the report's own code. */
async function independentCounts() {
  const db = getDb();
  const count = async (q: { select: (f: (eb: any) => any) => any }) => Number((await (q as any).select((eb: any) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  const regs = () => db.selectFrom("registrations").where("encounter_id", "=", encounterId);
  return {
    registered: await count(regs().where("status", "!=", "cancelled")),
    confirmed: await count(regs().where("status", "=", "confirmed")),
    waitlisted: await count(regs().where("status", "=", "waitlisted")),
    attended: await count(regs().where("checked_in_at", "is not", null)),
    commitments: await count(db.selectFrom("commitments").where("encounter_id", "=", encounterId)),
    done: await count(db.selectFrom("commitments").where("encounter_id", "=", encounterId).where("status", "=", "done")),
  };
}

describe("encounter report", () => {
  it("matches counts made independently from the tables", async () => {
    const db = getDb();
    // A waitlisted and a cancelled registration, so the statuses differ from the seed's.
    for (const [email, status] of [["espera@demo.convoca.test", "waitlisted"], ["baja@demo.convoca.test", "cancelled"]] as const) {
      const pid = await ensureParticipant(email, "73001");
      await db
        .insertInto("registrations")
        .values({ encounter_id: encounterId, participant_id: pid, status, waitlist_position: status === "waitlisted" ? 1 : null, consent_at: "2024-02-10T00:00:00.000Z", manage_token_hash: sha256(email), updated_at: "2024-02-10T00:00:00.000Z" })
        .execute();
    }
    const report = await encounterReport(db, encounterId);
    const expected = await independentCounts();
    expect(report.totals).toMatchObject({ registered: expected.registered, confirmed: expected.confirmed, waitlisted: expected.waitlisted, attended: expected.attended, commitments: expected.commitments });
    expect(report.byStatus.done).toBe(expected.done);
    expect(report.totals.waitlisted).toBe(1);
    expect(report.totals.cancelled).toBe(1);
    expect(report.cities).toHaveLength(32);
    const ibague = report.cities.find((c) => c.dane === "73001")!;
    expect(ibague).toMatchObject({ registered: 1, waitlisted: 1, cancelled: 1, attended: 0 });
    expect(report.citiesRegisteredNotCame).toContain("Ibagué");
    expect(report.citiesThatCame.length + report.citiesRegisteredNotCame.length + report.citiesNotRegistered.length).toBe(32);
    const downloads = await db.selectFrom("downloads").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(report.totals.downloads).toBe(Number(downloads.n));
  });

  it("is for organizers only, page and exports alike", async () => {
    const pid = await ensureParticipant("curioso@cali.gov.co", "76001");
    const authority = await participantCookie(pid);
    for (const route of [reportPage, reportCsv, reportXlsx, zipRoute]) {
      for (const cookie of [undefined, authority]) {
        const r = await call(() => route.loader({ request: getRequest(`/admin/encuentros/${slug}/informe`, cookie), params, context: {} }));
        expect(r.status).toBe(302);
        expect(r.headers.get("Location")).toMatch(/^\/ingresar/);
      }
    }
    const missing = await call(() => reportPage.loader({ request: getRequest("/x", organizer), params: { slug: "no-existe" }, context: {} }));
    expect(missing.status).toBe(404);
  });

  it("exports CSV in UTF-8 with a BOM that reads back with accents intact", async () => {
    const r = await call(() => reportCsv.loader({ request: getRequest(`/admin/encuentros/${slug}/informe.csv`, organizer), params, context: {} }));
    expect(r.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = Buffer.from(await r.response!.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(bytes.subarray(3).toString("utf8"));
    expect(rows[0]).toContain("Ciudad");
    const bogota = rows.find((row) => row[0] === "11001")!;
    expect(bogota[1]).toBe("Bogotá D.C.");
    const report = await encounterReport(getDb(), encounterId);
    expect(Number(bogota[6])).toBe(report.cities.find((c) => c.dane === "11001")!.attended);
    expect(rows).toHaveLength(33);
  });

  it("exports an XLSX workbook with the same numbers", async () => {
    const r = await call(() => reportXlsx.loader({ request: getRequest(`/admin/encuentros/${slug}/informe.xlsx`, organizer), params, context: {} }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await r.response!.arrayBuffer()) as unknown as ArrayBuffer);
    expect(workbook.worksheets.length).toBe(3);
    const sheet = workbook.worksheets[0];
    const medellin = sheet.getRows(2, 40)!.find((row) => row.getCell(1).value === "05001")!;
    expect(medellin.getCell(2).value).toBe("Medellín");
    expect(medellin.getCell(7).value).toBe(4);
  });

  it("switches the public progress page on, and it never shows a responsible's email", async () => {
    const before = await call(() => publicPage.loader({ request: getRequest(`/encuentros/${slug}/compromisos`), params, context: {} }));
    expect(before.status).toBe(404);
    const anonymousToggle = await call(() => reportPage.action({ request: formRequest("/x", { intent: "public-on" }), params, context: {} }));
    expect(anonymousToggle.status).toBe(302);
    expect(anonymousToggle.headers.get("Location")).toMatch(/^\/ingresar/);
    expect((await call(() => publicPage.loader({ request: getRequest("/x"), params, context: {} }))).status).toBe(404);
    const bad = await call(() => reportPage.action({ request: formRequest("/x", { intent: "drop" }, { cookie: organizer }), params, context: {} }));
    expect(bad.status).toBe(400);
    const on = await call(() => reportPage.action({ request: formRequest("/x", { intent: "public-on" }, { cookie: organizer }), params, context: {} }));
    expect(on.status).toBe(302);
    const after = await call(() => publicPage.loader({ request: getRequest(`/encuentros/${slug}/compromisos`), params, context: {} }));
    expect(after.status).toBe(200);
    const json = JSON.stringify(after.data);
    expect(json).toContain("Bogotá D.C.");
    expect(json).not.toMatch(/@|responsable|Responsable/);
    const audit = await getDb().selectFrom("audit_log").select("action").where("action", "=", "commitments.public.on").execute();
    expect(audit).toHaveLength(1);
  });
});

describe("report across encounters", () => {
  it("counts overdue against the day given, and on-time done by the first 'done' update", async () => {
    const report = await crossEncounterReport(getDb(), {}, "2025-01-01");
    const bogota = report.cities.find((c) => c.dane === "11001")!;
    // Bogotá: one done 10 days early (2024-06-20 ≤ 2024-06-30), one in progress due 2025-03-31.
    expect(bogota).toMatchObject({ commitments: 2, done: 1, inProgress: 1, overdue: 0, doneOnTime: 1, encountersAttended: 1 });
    expect(bogota.onTimeShare).toBe(1);
    const later = await crossEncounterReport(getDb(), {}, "2025-06-01");
    expect(later.cities.find((c) => c.dane === "11001")!.overdue).toBe(1);
    const pdtOnly = await crossEncounterReport(getDb(), { instrument: "PDT" }, "2025-01-01");
    const pdtCount = await getDb().selectFrom("commitments").select("id").where("instrument", "=", "PDT").execute();
    expect(pdtOnly.totals.commitments).toBe(pdtCount.length);
    const nothing = await crossEncounterReport(getDb(), { from: "2030-01-01" }, "2025-01-01");
    expect(nothing.totals).toEqual({ commitments: 0, done: 0, overdue: 0, encounters: 0 });
  });

  it("drops a malformed filter with a notice instead of failing", async () => {
    const r = await call(() => crossPage.loader({ request: getRequest("/admin/informes?from=ayer&instrument=XYZ&theme=trafficking", organizer), params: {}, context: {} }));
    expect(r.status).toBe(200);
    expect(r.data.dropped).toBe(true);
    expect(r.data.filters).toEqual({ theme: "trafficking" });
    const csv = await call(() => crossCsv.loader({ request: getRequest("/admin/informes.csv?theme=smuggling", organizer), params: {}, context: {} }));
    const rows: string[][] = parse(Buffer.from(await csv.response!.arrayBuffer()).subarray(3).toString("utf8"));
    expect(rows).toHaveLength(33);
    const anon = await call(() => crossCsv.loader({ request: getRequest("/admin/informes.csv"), params: {}, context: {} }));
    expect(anon.status).toBe(302);
  });
});

/** Text drawn with pdf-lib's standard fonts sits in (compressed) content streams as hex strings. */
function pdfText(bytes: Uint8Array): string {
  const raw = Buffer.from(bytes).toString("latin1");
  let text = "";
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let body = Buffer.from(match[1], "latin1");
    try {
      body = inflateSync(body);
    } catch {
      // not compressed
    }
    for (const hex of body.toString("latin1").matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)) text += Buffer.from(hex[1], "hex").toString("latin1") + "\n";
  }
  return text;
}

describe("attendance certificates", () => {
  async function attendee() {
    return getDb()
      .selectFrom("registrations")
      .innerJoin("participants", "participants.id", "registrations.participant_id")
      .select(["registrations.id", "registrations.participant_id", "participants.full_name"])
      .where("registrations.encounter_id", "=", encounterId)
      .where("registrations.checked_in_at", "is not", null)
      .orderBy("registrations.id")
      .executeTakeFirstOrThrow();
  }

  it("gives the person a PDF with their name and a code that verifies", async () => {
    const person = await attendee();
    const cookie = await participantCookie(person.participant_id);
    const r = await call(() => certificate.loader({ request: getRequest(`/certificados/${person.id}`, cookie), params: { id: String(person.id) }, context: {} }));
    expect(r.status).toBe(200);
    expect(r.headers.get("Content-Type")).toBe("application/pdf");
    const bytes = new Uint8Array(await r.response!.arrayBuffer());
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    const text = pdfText(bytes);
    expect(text).toContain(person.full_name);
    const code = /Código de verificación: ([A-Z0-9-]+)/.exec(text)![1];
    const verified = await call(() => verify.loader({ request: getRequest(`/verificar/${code}`), params: { code }, context: ctx() }));
    expect(verified.status).toBe(200);
    expect(verified.data.certificate.fullName).toBe(person.full_name);
    expect(JSON.stringify(verified.data)).not.toContain("@");
    const again = await call(() => certificate.loader({ request: getRequest("/x", cookie), params: { id: String(person.id) }, context: {} }));
    expect(pdfText(new Uint8Array(await again.response!.arrayBuffer()))).toContain(code);
  });

  it("is offered on the manage link of someone who came, and that link alone downloads it", async () => {
    const person = await attendee();
    const issued = issueManageToken();
    await getDb().updateTable("registrations").set({ manage_nonce: issued.nonce, manage_token_hash: issued.hash }).where("id", "=", person.id).execute();
    // Manage links last a while after the encounter ends: pretend it ended yesterday.
    const db = getDb();
    const { ends_at } = await db.selectFrom("encounters").select("ends_at").where("id", "=", encounterId).executeTakeFirstOrThrow();
    await db.updateTable("encounters").set({ ends_at: new Date(Date.now() - 86_400_000).toISOString() }).where("id", "=", encounterId).execute();
    const page = await call(() => managePage.loader({ request: getRequest(`/inscripcion/${issued.token}`), params: { token: issued.token }, context: ctx() }));
    await db.updateTable("encounters").set({ ends_at }).where("id", "=", encounterId).execute();
    expect(page.status).toBe(200);
    const url = new URL(page.data.registration.certificateUrl, "http://localhost");
    expect(url.pathname).toBe(`/certificados/${person.id}`);
    const pdf = await call(() => certificate.loader({ request: getRequest(url.pathname + url.search), params: { id: String(person.id) }, context: {} }));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
  });

  it("shows nothing to another person, and no certificate without check-in", async () => {
    const person = await attendee();
    const other = await participantCookie(await ensureParticipant("otra@cali.gov.co", "76001"));
    const denied = await call(() => certificate.loader({ request: getRequest("/x", other), params: { id: String(person.id) }, context: {} }));
    expect(denied.status).toBe(404);
    const anon = await call(() => certificate.loader({ request: getRequest("/x?t=adivinado"), params: { id: String(person.id) }, context: {} }));
    expect(anon.status).toBe(404);
    const absent = await getDb().selectFrom("registrations").select("id").where("encounter_id", "=", encounterId).where("checked_in_at", "is", null).executeTakeFirstOrThrow();
    const noCheckIn = await call(() => certificate.loader({ request: getRequest("/x", organizer), params: { id: String(absent.id) }, context: {} }));
    expect(noCheckIn.status).toBe(404);
    for (const id of ["abc", "-1", "999999"]) {
      expect((await call(() => certificate.loader({ request: getRequest("/x", organizer), params: { id }, context: {} }))).status).toBe(404);
    }
  });

  it("says only that an unknown code does not exist", async () => {
    for (const code of ["AAAA-BBBB-CCCC", "nada", "' or 1=1 --"]) {
      const r = await call(() => verify.loader({ request: getRequest(`/verificar/x`), params: { code }, context: ctx() }));
      expect(r.status).toBe(404);
      expect(r.data).toEqual({ certificate: null });
    }
  });

  it("bundles every attendee's certificate in one ZIP for organizers", async () => {
    const r = await call(() => zipRoute.loader({ request: getRequest(`/admin/encuentros/${slug}/certificados.zip`, organizer), params, context: {} }));
    expect(r.headers.get("Content-Type")).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await r.response!.arrayBuffer()));
    const { attended } = await independentCounts();
    expect(Object.keys(files)).toHaveLength(attended);
    expect(Object.keys(files).every((name) => /^certificado-[\w-]+-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}\.pdf$/.test(name))).toBe(true);
  });
});
