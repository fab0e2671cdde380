import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Encounter } from "~db/schema";
import { addStandardSet } from "~/features/questions/commands.server";
import { listQuestions } from "~/features/questions/queries.server";
import * as report from "~/routes/admin.encuentros.$slug.informe";
import * as reportXlsx from "~/routes/admin.encuentros.$slug.informe[.xlsx]";
import * as csv from "~/routes/admin.encuentros.$slug.registros[.csv]";
import * as xlsx from "~/routes/admin.encuentros.$slug.registros[.xlsx]";
import { getDb } from "~/server/db.server";
import { makeAnswer, makeEncounter, makeOrganizer, makeParticipant, makeQuestion, makeRegistration } from "../factories";
import { getRequest, organizerCookie } from "../helpers/auth";
import { renderPage } from "../helpers/rendered-page";
import { call } from "../helpers/route";

// Answers leave Convoca in two ways (issue 16, item 4): the registrations exports, with one
// column per question, and the encounter's report, where the disaggregation set appears only as
// aggregates with small counts withheld.

let cookie = "";
beforeAll(async () => {
  cookie = await organizerCookie((await makeOrganizer(getDb())).email);
});

async function workbook(response: Response): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
  return book;
}
const rowValues = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1);

/** A person of `dane` registered for the encounter, who gave the sensitive-data consent. */
async function registrant(encounter: Encounter, dane: string, status: "confirmed" | "cancelled" = "confirmed") {
  const db = getDb();
  const participant = await makeParticipant(db, { cityDane: dane });
  return makeRegistration(db, { encounter_id: encounter.id, participant_id: participant.id, status, sensitive_consent_at: new Date().toISOString() });
}

describe("the registrations exports", () => {
  it("have one column per question, hidden ones too; the XLSX reads back with every answer in its column", async () => {
    const db = getDb();
    const encounter = await makeEncounter(db);
    const entity = await makeQuestion(db, { encounter_id: encounter.id, kind: "one_choice", wording_es: "Tipo de entidad" });
    const years = await makeQuestion(db, { encounter_id: encounter.id, kind: "number", wording_es: "Años en el cargo" });
    const retired = await makeQuestion(db, { encounter_id: encounter.id, kind: "yes_no", wording_es: "Pregunta retirada", hidden: 1 });
    await addStandardSet(db, encounter.id, "system");
    const sex = (await listQuestions(db, encounter.id)).find((q) => q.standardCode === "sex")!;
    const ana = await registrant(encounter, "11001");
    await makeAnswer(db, { question_id: entity.id, registration_id: ana.id, value: "b" });
    await makeAnswer(db, { question_id: years.id, registration_id: ana.id, value: "12.5" });
    await makeAnswer(db, { question_id: retired.id, registration_id: ana.id, value: "yes" });
    await makeAnswer(db, { question_id: sex.id, registration_id: ana.id, value: "mujer" });
    await registrant(encounter, "76001");

    const response = await call(() =>
      xlsx.loader({ request: getRequest(`/admin/encuentros/${encounter.slug}/registros.xlsx`, cookie), params: { slug: encounter.slug }, context: {} }),
    );
    expect(response.status).toBe(200);
    const sheet = (await workbook(response.response!)).worksheets[0];
    const header = rowValues(sheet, 1).map(String);
    const questionColumns = header.slice(13);
    expect(questionColumns).toHaveLength(3 + 8);
    expect(questionColumns.slice(0, 4)).toEqual(["Tipo de entidad", "Años en el cargo", "Pregunta retirada", "Sexo al nacer (dato sensible)"]);
    const rows = [rowValues(sheet, 2), rowValues(sheet, 3)];
    const anaRow = rows.find((r) => r.slice(13).some((v) => v !== null && v !== undefined))!;
    expect(anaRow.slice(13, 17)).toEqual(["Opción B", 12.5, "Sí", "Mujer"]);

    // Taking sensitive answers out of Convoca leaves a trace.
    const audit = await db.selectFrom("audit_log").select(["action", "data"]).where("action", "=", "registrations.export_sensitive").execute();
    expect(audit).toEqual([{ action: "registrations.export_sensitive", data: JSON.stringify({ format: "xlsx" }) }]);

    const text = await call(() =>
      csv.loader({ request: getRequest(`/admin/encuentros/${encounter.slug}/registros.csv`, cookie), params: { slug: encounter.slug }, context: {} }),
    );
    const firstLine = String(text.data)
      .replace(/^\uFEFF/, "")
      .split("\r\n")[0];
    expect(firstLine.split(";")).toHaveLength(13 + 11);
    expect(firstLine).toContain("Tipo de entidad;Años en el cargo;Pregunta retirada;Sexo al nacer (dato sensible)");
  });
});

describe("the encounter's report", () => {
  it("counts each option, and shows the disaggregation set only with small counts withheld", async () => {
    const db = getDb();
    const encounter = await makeEncounter(db, { capacity: 100, city_quota: 20 });
    const first = await makeQuestion(db, { encounter_id: encounter.id, kind: "yes_no", wording_es: "¿Primera vez?" });
    await addStandardSet(db, encounter.id, "system");
    const sex = (await listQuestions(db, encounter.id)).find((q) => q.standardCode === "sex")!;
    // Bogotá: 7 women, 6 men. Cali: 3 women, 8 men, 1 prefers not to say. Medellín: 9 women, 5 men, 2 prefer not.
    const plan: Array<[string, string, number]> = [
      ["11001", "mujer", 7],
      ["11001", "hombre", 6],
      ["76001", "mujer", 3],
      ["76001", "hombre", 8],
      ["76001", "nr", 1],
      ["05001", "mujer", 9],
      ["05001", "hombre", 5],
      ["05001", "nr", 2],
    ];
    for (const [dane, value, count] of plan) {
      for (let i = 0; i < count; i++) {
        const r = await registrant(encounter, dane);
        await makeAnswer(db, { question_id: sex.id, registration_id: r.id, value });
        await makeAnswer(db, { question_id: first.id, registration_id: r.id, value: i % 2 ? "no" : "yes" });
      }
    }
    // A cancelled registration counts for nothing.
    const gone = await registrant(encounter, "76001", "cancelled");
    await makeAnswer(db, { question_id: sex.id, registration_id: gone.id, value: "intersexual" });

    const page = await call(() =>
      report.loader({ request: getRequest(`/admin/encuentros/${encounter.slug}/informe`, cookie), params: { slug: encounter.slug }, context: {} }),
    );
    const questions = page.data.questions;
    expect(questions.standing).toBe(41);
    expect(questions.ordinary).toEqual([
      {
        id: first.id,
        label: "¿Primera vez?",
        kind: "yes_no",
        answered: 41,
        bars: [
          { label: "Sí", value: 23 },
          { label: "No", value: 18 },
        ],
      },
    ]);
    const sexReport = questions.sensitive.find((q: { id: number }) => q.id === sex.id);
    // Overall: women 19 with Cali's 3 the only one hidden (16–20); men 19; intersex 0 and prefer-not 3: "< 5".
    expect(sexReport.bars.map((b: { label: string; value: number; text?: string }) => `${b.label}: ${b.text ?? b.value}`)).toEqual([
      "Mujer: 16–20",
      "Hombre: 19",
      "Intersexual: < 5",
      "Prefiero no responder: < 5",
    ]);
    expect(sexReport.byCity.rows).toEqual([
      { label: "Bogotá D.C.", cells: ["7", "6", "< 5", "< 5"] },
      { label: "Cali", cells: ["< 5", "8", "< 5", "< 5"] },
      { label: "Medellín", cells: ["9", "5", "< 5", "< 5"] },
    ]);
    // No hidden figure is in the page's data.
    expect(JSON.stringify(sexReport)).not.toMatch(/"(1|2|3|4)"/);

    const html = await renderPage(report, "/admin/encuentros/:slug/informe", getRequest(`/admin/encuentros/${encounter.slug}/informe`, cookie));
    expect(html).toContain("Datos de desagregación");
    expect(html).toContain("16–20");
    expect(html).toContain("&lt; 5");

    const book = await workbook(
      (
        await call(() =>
          reportXlsx.loader({ request: getRequest(`/admin/encuentros/${encounter.slug}/informe.xlsx`, cookie), params: { slug: encounter.slug }, context: {} }),
        )
      ).response!,
    );
    expect(book.worksheets.map((s) => s.name).slice(-2)).toEqual(["Preguntas de inscripción", "Desagregación por ciudad"]);
    const byCity = book.worksheets.at(-1)!;
    // The first block is the first question of the set: sex at birth.
    expect(rowValues(byCity, 1)).toEqual(["Sexo al nacer"]);
    expect(rowValues(byCity, 4)).toEqual(["Cali", "< 5", "8", "< 5", "< 5"]);
    expect(rowValues(byCity, 6)).toEqual(["Total", "16–20", "19", "< 5", "< 5"]);
  });
});
