import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import type { DB } from "~db/client";
import { messagesFor } from "~/i18n/catalog.server";
import { crossEncounterReport, encounterReport } from "~/features/reports/queries.server";
import * as zipRoute from "~/routes/admin.encuentros.$slug.certificados[.zip]";
import * as reportPage from "~/routes/admin.encuentros.$slug.informe";
import * as reportCsv from "~/routes/admin.encuentros.$slug.informe[.csv]";
import * as reportXlsx from "~/routes/admin.encuentros.$slug.informe[.xlsx]";
import * as crossPage from "~/routes/admin.informes";
import * as crossCsv from "~/routes/admin.informes[.csv]";
import * as crossXlsx from "~/routes/admin.informes[.xlsx]";
import * as certificate from "~/routes/certificados.$id";
import * as publicPage from "~/routes/encuentros.$slug.compromisos";
import * as managePage from "~/routes/inscripcion.$token";
import * as verify from "~/routes/verificar.$code";
import * as verifyForm from "~/routes/verificar._index";
import { issueCertificate } from "~/features/certificates/commands/issue.server";
import { addDaysTo } from "~/lib/calendar-date";
import { getDb } from "~/server/db.server";
import { issueManageToken } from "~/features/registrations/tokens.server";
import { sha256 } from "~/server/session.server";
import { ensureParticipant, formRequest, getRequest, participantCookie } from "../helpers/auth";
import { pdfText } from "../helpers/pdf-text";
import { call, ctx } from "../helpers/route";
import {
  dane,
  makeCommitment,
  makeDownload,
  makeEncounter,
  makeMaterial,
  makeParticipant,
  makeQuestion,
  makeRegistration,
  makeSignedInOrganizer,
} from "../factories";
import { addStandardSet } from "~/features/questions/commands.server";

let organizer: string;
let encounterId: number;
const slug = "bogota-2024";
const params = { slug };
/** The people of each city (by DANE code) registered for the past encounter, in order. */
const people: Record<string, number[]> = {};

// A signed-in admin; a past encounter (29 February 2024) and one to come, both published. At the
// past one: a public guide; people of four cities registered (Bogotá 3, all came and took the
// guide; Medellín 4, all came; Cali 3, two came and two took the guide; Barranquilla 2, neither
// came); and twelve commitments (PDT 6, PISCC 5, other 1), among them Bogotá's two: one done ten
// days before its date, one in progress due in 45 days.
beforeAll(async () => {
  const db = getDb();
  organizer = (await makeSignedInOrganizer(db, { role: "admin" })).cookie;
  const past = await makeEncounter(db, { slug, starts_at: "2024-02-29T13:00:00.000Z", ends_at: "2024-02-29T18:30:00.000Z", capacity: 120, city_quota: 5 });
  encounterId = past.id;
  await makeEncounter(db, { slug: "seguimiento" });
  const guide = await makeMaterial(db, { encounter_id: encounterId, title: "Guía para la elaboración de PDT y PISCC" });
  const plan = [
    { cityDane: dane.bogota, registered: 3, came: 3, tookGuide: 3 },
    { cityDane: dane.medellin, registered: 4, came: 4, tookGuide: 0 },
    { cityDane: dane.cali, registered: 3, came: 2, tookGuide: 2 },
    { cityDane: dane.barranquilla, registered: 2, came: 0, tookGuide: 0 },
  ];
  for (const { cityDane, registered, came, tookGuide } of plan) {
    people[cityDane] = [];
    for (let i = 0; i < registered; i++) {
      const participant = await makeParticipant(db, { cityDane });
      people[cityDane].push(participant.id);
      await makeRegistration(db, { encounter_id: encounterId, participant_id: participant.id, checked_in_at: i < came ? past.starts_at : null });
      if (i < tookGuide) await makeDownload(db, { material_version_id: guide.version.id, participant_id: participant.id });
    }
  }
  const today = new Date().toISOString().slice(0, 10);
  const commitments = [
    [dane.bogota, "PDT", "done", 100, -150],
    [dane.bogota, "PISCC", "in_progress", 60, 45],
    [dane.medellin, "PISCC", "done", 100, -90],
    [dane.medellin, "PDT", "in_progress", 40, 120],
    [dane.cali, "PDT", "proposed", 0, 110],
    [dane.barranquilla, "PISCC", "at_risk", 30, -35],
    [dane.cartagena, "PISCC", "done", 100, -60],
    ["54001", "PDT", "in_progress", 70, 75],
    ["54001", "PISCC", "proposed", 0, -5],
    ["52001", "PDT", "done", 100, -250],
    [dane.riohacha, "PDT", "proposed", 0, 110],
    ["91001", "other", "dropped", 10, 30],
  ] as const;
  for (const [cityDane, instrument, status, progress, dueInDays] of commitments) {
    const due = addDaysTo(today, dueInDays);
    // Made at the encounter; a done one is written as done ten days before its date.
    await makeCommitment(db, {
      encounter_id: encounterId,
      cityDane,
      instrument,
      status,
      progress,
      due_date: due,
      created_at: status === "done" ? `${addDaysTo(due, -10)}T15:00:00.000Z` : past.ends_at,
    });
  }
});

/** Counts made straight from the tables, independently of the report's own code. */
async function independentCounts() {
  const db = getDb();
  const count = async (q: { select: (f: (eb: any) => any) => any }) =>
    Number((await (q as any).select((eb: any) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
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

async function addCommitment(db: DB, encounter: number, dane: string, instrument: "PDT" | "PISCC" | "other", title: string) {
  await makeCommitment(db, {
    encounter_id: encounter,
    cityDane: dane,
    title,
    instrument,
    theme: "both",
    responsible_name: "Responsable",
    responsible_email: "responsable@cali.gov.co",
    due_date: "2099-12-31",
    updated_at: "2024-03-01T00:00:00.000Z",
  });
}

async function addCheckedIn(db: DB, encounter: number, email: string, dane: string) {
  const pid = await ensureParticipant(email, dane);
  await makeRegistration(db, {
    encounter_id: encounter,
    participant_id: pid,
    consent_at: "2024-02-10T00:00:00.000Z",
    checked_in_at: "2024-02-29T13:00:00.000Z",
    updated_at: "2024-02-10T00:00:00.000Z",
  });
}

/** A workbook's first rows by DANE code, from a Response. */
async function readWorkbook(response: Response) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
  return workbook;
}

function rowsByDane(sheet: ExcelJS.Worksheet): Map<string, ExcelJS.Row> {
  const rows = new Map<string, ExcelJS.Row>();
  sheet.eachRow((row, n) => {
    if (n > 1) rows.set(String(row.getCell(1).value), row);
  });
  return rows;
}

describe("encounter report", () => {
  it("matches counts made independently from the tables", async () => {
    const db = getDb();
    // A waitlisted and a cancelled registration, so the statuses differ from the others'.
    for (const [email, status] of [
      ["espera@demo.convoca.test", "waitlisted"],
      ["baja@demo.convoca.test", "cancelled"],
    ] as const) {
      const pid = await ensureParticipant(email, "73001");
      await db
        .insertInto("registrations")
        .values({
          encounter_id: encounterId,
          participant_id: pid,
          status,
          waitlist_position: status === "waitlisted" ? 1 : null,
          consent_at: "2024-02-10T00:00:00.000Z",
          manage_token_hash: sha256(email),
          updated_at: "2024-02-10T00:00:00.000Z",
        })
        .execute();
    }
    const report = await encounterReport(db, encounterId);
    const expected = await independentCounts();
    expect(report.totals).toMatchObject({
      registered: expected.registered,
      confirmed: expected.confirmed,
      waitlisted: expected.waitlisted,
      attended: expected.attended,
      commitments: expected.commitments,
    });
    expect(report.byStatus.done).toBe(expected.done);
    expect(report.totals.waitlisted).toBe(1);
    expect(report.totals.cancelled).toBe(1);
    expect(report.cities).toHaveLength(32);
    const ibague = report.cities.find((c) => c.dane === "73001")!;
    expect(ibague).toMatchObject({ registered: 1, waitlisted: 1, cancelled: 1, attended: 0 });
    expect(report.citiesRegisteredNotCame).toContain("Ibagué");
    expect(report.citiesThatCame.length + report.citiesRegisteredNotCame.length + report.citiesNotRegistered.length).toBe(32);
    // Downloads of this encounter's materials by people (who have a city), not every download there is.
    const downloads = await db
      .selectFrom("downloads")
      .innerJoin("material_versions", "material_versions.id", "downloads.material_version_id")
      .innerJoin("materials", "materials.id", "material_versions.material_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("materials.encounter_id", "=", encounterId)
      .where("downloads.participant_id", "is not", null)
      .executeTakeFirstOrThrow();
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
    const rows: string[][] = parse(bytes, { bom: true, delimiter: ";" });
    expect(rows[0]).toContain("Ciudad");
    const bogota = rows.find((row) => row[0] === "11001")!;
    expect(bogota[1]).toBe("Bogotá D.C.");
    const report = await encounterReport(getDb(), encounterId);
    expect(Number(bogota[6])).toBe(report.cities.find((c) => c.dane === "11001")!.attended);
    expect(rows).toHaveLength(33);
  });

  it("exports an XLSX workbook with the same numbers", async () => {
    // A question of the encounter's own and the standard disaggregation set: each has its sheet.
    await makeQuestion(getDb(), { encounter_id: encounterId, kind: "one_choice" });
    await addStandardSet(getDb(), encounterId, "organizer:test");
    const r = await call(() => reportXlsx.loader({ request: getRequest(`/admin/encuentros/${slug}/informe.xlsx`, organizer), params, context: {} }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await r.response!.arrayBuffer()) as unknown as ArrayBuffer);
    // The report's three sheets, then the registration questions' and the disaggregation set's.
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      ...workbook.worksheets.slice(0, 3).map((s) => s.name),
      "Preguntas de inscripción",
      "Desagregación por ciudad",
    ]);
    const sheet = workbook.worksheets[0];
    const medellin = sheet.getRows(2, 40)!.find((row) => row.getCell(1).value === "05001")!;
    expect(medellin.getCell(2).value).toBe("Medellín");
    expect(medellin.getCell(7).value).toBe(4);
  });

  it("counts downloads per city and commitments by instrument of this encounter only, in the page and the XLSX", async () => {
    const db = getDb();
    // Activity elsewhere that must not count here: another encounter's material taken by people of
    // Bogotá and Cali, and a commitment made at that other encounter.
    const other = (await db.selectFrom("encounters").select("id").where("slug", "=", "seguimiento").executeTakeFirstOrThrow()).id;
    const material = await db
      .insertInto("materials")
      .values({ encounter_id: other, title: "Presentación del seguimiento", visibility: "public", updated_at: "2024-03-01T00:00:00.000Z" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const version = await db
      .insertInto("material_versions")
      .values({
        material_id: material.id,
        version: 1,
        file_key: "informe-prueba",
        original_name: "seguimiento.pdf",
        content_type: "application/pdf",
        size: 1,
        sha256: sha256("x"),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const bogotaPerson = people[dane.bogota][0];
    const caliPerson = people[dane.cali][0];
    await db
      .insertInto("downloads")
      .values([
        { material_version_id: version.id, participant_id: bogotaPerson },
        { material_version_id: version.id, participant_id: caliPerson },
      ])
      .execute();
    await addCommitment(db, other, "76001", "PDT", "Compromiso de otro encuentro");
    // Here: a second download of the guide by someone of Bogotá who already took it (one more
    // download, not one more person), and downloads by an organizer and by nobody signed in (no city).
    const guide = await db
      .selectFrom("downloads")
      .innerJoin("material_versions", "material_versions.id", "downloads.material_version_id")
      .innerJoin("materials", "materials.id", "material_versions.material_id")
      .innerJoin("participants", "participants.id", "downloads.participant_id")
      .select(["downloads.material_version_id", "downloads.participant_id"])
      .where("materials.encounter_id", "=", encounterId)
      .where("participants.id", "in", people[dane.bogota])
      .executeTakeFirstOrThrow();
    const organizerId = (await db.selectFrom("organizers").select("id").executeTakeFirstOrThrow()).id;
    await db
      .insertInto("downloads")
      .values([
        guide,
        { material_version_id: guide.material_version_id, participant_id: null, organizer_id: organizerId },
        { material_version_id: guide.material_version_id, participant_id: null },
      ])
      .execute();

    // Counted here with Kysely, per city, for this encounter.
    const downloadRows = await db
      .selectFrom("downloads")
      .innerJoin("material_versions", "material_versions.id", "downloads.material_version_id")
      .innerJoin("materials", "materials.id", "material_versions.material_id")
      .innerJoin("participants", "participants.id", "downloads.participant_id")
      .innerJoin("cities", "cities.id", "participants.city_id")
      .select((eb) => ["cities.dane", eb.fn.countAll<number>().as("downloads"), eb.fn.count<number>("downloads.participant_id").distinct().as("people")])
      .where("materials.encounter_id", "=", encounterId)
      .groupBy("cities.dane")
      .execute();
    const expectedDownloads = new Map(downloadRows.map((r) => [r.dane, { downloads: Number(r.downloads), people: Number(r.people) }]));
    const instrumentRows = await db
      .selectFrom("commitments")
      .select((eb) => ["instrument", eb.fn.countAll<number>().as("n")])
      .where("encounter_id", "=", encounterId)
      .groupBy("instrument")
      .execute();
    const expectedInstruments = { PDT: 0, PISCC: 0, other: 0, ...Object.fromEntries(instrumentRows.map((r) => [r.instrument, Number(r.n)])) };
    // The figures of the data made above, so that a mistake in the counting cannot go unnoticed either.
    expect(expectedDownloads.get("11001")).toEqual({ downloads: 4, people: 3 });
    expect(expectedDownloads.get("76001")).toEqual({ downloads: 2, people: 2 });
    expect(expectedInstruments).toEqual({ PDT: 6, PISCC: 5, other: 1 });

    const page = await call(() => reportPage.loader({ request: getRequest(`/admin/encuentros/${slug}/informe`, organizer), params, context: {} }));
    expect(page.status).toBe(200);
    const report = page.data.report as Awaited<ReturnType<typeof encounterReport>>;
    for (const city of report.cities) {
      const expected = expectedDownloads.get(city.dane) ?? { downloads: 0, people: 0 };
      expect({ dane: city.dane, downloads: city.downloads, downloaders: city.downloaders }).toEqual({
        dane: city.dane,
        downloads: expected.downloads,
        downloaders: expected.people,
      });
    }
    expect(report.totals.downloads).toBe([...expectedDownloads.values()].reduce((n, d) => n + d.downloads, 0));
    expect(report.byInstrument).toEqual(expectedInstruments);

    const xlsx = await call(() => reportXlsx.loader({ request: getRequest(`/admin/encuentros/${slug}/informe.xlsx`, organizer), params, context: {} }));
    const workbook = await readWorkbook(xlsx.response!);
    const byDane = rowsByDane(workbook.worksheets[0]);
    expect(byDane.size).toBe(32);
    for (const [dane, row] of byDane) {
      const expected = expectedDownloads.get(dane) ?? { downloads: 0, people: 0 };
      expect([dane, row.getCell(8).value, row.getCell(9).value]).toEqual([dane, expected.downloads, expected.people]);
    }
    const labels = messagesFor("es").reports.instruments;
    const commitmentsSheet = workbook.worksheets[2];
    const instrumentCells = new Map<unknown, unknown>();
    commitmentsSheet.eachRow((row, n) => {
      if (n >= 2 && n <= 4) instrumentCells.set(row.getCell(1).value, row.getCell(2).value);
    });
    expect(instrumentCells).toEqual(
      new Map([
        [labels.PDT, expectedInstruments.PDT],
        [labels.PISCC, expectedInstruments.PISCC],
        [labels.other, expectedInstruments.other],
      ]),
    );
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
    // The commitments are dated from today: read Bogotá's open one's date.
    const bogotaOpen = await getDb()
      .selectFrom("commitments")
      .innerJoin("cities", "cities.id", "commitments.city_id")
      .select("commitments.due_date")
      .where("cities.dane", "=", "11001")
      .where("commitments.status", "=", "in_progress")
      .executeTakeFirstOrThrow();
    const dayBefore = addDaysTo(bogotaOpen.due_date, -1);
    const report = await crossEncounterReport(getDb(), {}, dayBefore);
    const bogota = report.cities.find((c) => c.dane === "11001")!;
    // Bogotá: one done 10 days before its date, one in progress due the day after `dayBefore`.
    expect(bogota).toMatchObject({ commitments: 2, done: 1, inProgress: 1, overdue: 0, doneOnTime: 1, encountersAttended: 1 });
    expect(bogota.onTimeShare).toBe(1);
    const later = await crossEncounterReport(getDb(), {}, addDaysTo(bogotaOpen.due_date, 1));
    expect(later.cities.find((c) => c.dane === "11001")!.overdue).toBe(1);
    const pdtOnly = await crossEncounterReport(getDb(), { instrument: "PDT" }, dayBefore);
    const pdtCount = await getDb().selectFrom("commitments").select("id").where("instrument", "=", "PDT").execute();
    expect(pdtOnly.totals.commitments).toBe(pdtCount.length);
    const nothing = await crossEncounterReport(getDb(), { from: "2030-01-01" }, dayBefore);
    expect(nothing.totals).toEqual({ commitments: 0, done: 0, overdue: 0, encounters: 0 });
  });

  it("drops a malformed filter with a notice instead of failing", async () => {
    const r = await call(() =>
      crossPage.loader({ request: getRequest("/admin/informes?from=ayer&instrument=XYZ&theme=trafficking", organizer), params: {}, context: {} }),
    );
    expect(r.status).toBe(200);
    expect(r.data.dropped).toBe(true);
    expect(r.data.filters).toEqual({ theme: "trafficking" });
    const csv = await call(() => crossCsv.loader({ request: getRequest("/admin/informes.csv?theme=smuggling", organizer), params: {}, context: {} }));
    const rows: string[][] = parse(Buffer.from(await csv.response!.arrayBuffer()), { bom: true, delimiter: ";" });
    expect(rows).toHaveLength(33);
    expect(rows.every((row) => row.length === 9)).toBe(true);
    const anon = await call(() => crossCsv.loader({ request: getRequest("/admin/informes.csv"), params: {}, context: {} }));
    expect(anon.status).toBe(302);
  });

  it("exports the cross-encounter XLSX with each city's commitments and encounters attended as counted from the tables, drafts left out", async () => {
    const db = getDb();
    // A draft encounter with a commitment and an arrival of Cali: a draft is not in the report.
    const draft = await makeEncounter(db, {
      slug: "borrador-informe",
      title: "Borrador",
      starts_at: "2024-05-02T14:00:00.000Z",
      ends_at: "2024-05-02T20:00:00.000Z",
      capacity: 10,
      city_quota: 2,
      status: "draft",
      updated_at: "2024-03-01T00:00:00.000Z",
    });
    await addCommitment(db, draft.id, "76001", "PDT", "Compromiso de un borrador");
    await addCheckedIn(db, draft.id, "borrador@cali.gov.co", "76001");
    // And Cali came to the follow-up encounter too (published), with a PISCC commitment there.
    const followUp = (await db.selectFrom("encounters").select("id").where("slug", "=", "seguimiento").executeTakeFirstOrThrow()).id;
    await addCheckedIn(db, followUp, "seguimiento@cali.gov.co", "76001");
    await addCommitment(db, followUp, "76001", "PISCC", "Compromiso del seguimiento");

    const independent = async (instrument?: "PDT") => {
      let commitmentsQuery = db
        .selectFrom("commitments")
        .innerJoin("encounters", "encounters.id", "commitments.encounter_id")
        .innerJoin("cities", "cities.id", "commitments.city_id")
        .select((eb) => ["cities.dane", eb.fn.countAll<number>().as("n")])
        .where("encounters.status", "!=", "draft")
        .groupBy("cities.dane");
      if (instrument) commitmentsQuery = commitmentsQuery.where("commitments.instrument", "=", instrument);
      const attendance = await db
        .selectFrom("registrations")
        .innerJoin("encounters", "encounters.id", "registrations.encounter_id")
        .innerJoin("participants", "participants.id", "registrations.participant_id")
        .innerJoin("cities", "cities.id", "participants.city_id")
        .select((eb) => ["cities.dane", eb.fn.count<number>("registrations.encounter_id").distinct().as("n")])
        .where("encounters.status", "!=", "draft")
        .where("registrations.checked_in_at", "is not", null)
        .groupBy("cities.dane")
        .execute();
      return {
        commitments: new Map((await commitmentsQuery.execute()).map((r) => [r.dane, Number(r.n)])),
        encounters: new Map(attendance.map((r) => [r.dane, Number(r.n)])),
      };
    };

    const all = await independent();
    // Cali: 1 commitment (PDT) at the first encounter, 2 at the follow-up (the PDT one added in the
    // encounter report's test above, and this PISCC one), none counted from the draft; came to both.
    expect(all.commitments.get("76001")).toBe(3);
    expect(all.encounters.get("76001")).toBe(2);
    const r = await call(() => crossXlsx.loader({ request: getRequest("/admin/informes.xlsx", organizer), params: {}, context: {} }));
    expect(r.status).toBe(200);
    expect(r.headers.get("Content-Type")).toMatch(/spreadsheetml/);
    const byDane = rowsByDane((await readWorkbook(r.response!)).worksheets[0]);
    expect(byDane.size).toBe(32);
    for (const [dane, row] of byDane) {
      expect([dane, row.getCell(3).value, row.getCell(4).value]).toEqual([dane, all.encounters.get(dane) ?? 0, all.commitments.get(dane) ?? 0]);
    }

    // Filtered by instrument, the commitments column follows the filter.
    const pdt = await independent("PDT");
    const filtered = await call(() => crossXlsx.loader({ request: getRequest("/admin/informes.xlsx?instrument=PDT", organizer), params: {}, context: {} }));
    const pdtRows = rowsByDane((await readWorkbook(filtered.response!)).worksheets[0]);
    expect(pdtRows.get("76001")!.getCell(4).value).toBe(2);
    for (const [dane, row] of pdtRows) expect([dane, row.getCell(4).value]).toEqual([dane, pdt.commitments.get(dane) ?? 0]);

    const anon = await call(() => crossXlsx.loader({ request: getRequest("/admin/informes.xlsx"), params: {}, context: {} }));
    expect(anon.status).toBe(302);
  });
});

/** Text drawn with pdf-lib's standard fonts sits in (compressed) content streams as hex strings. */
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
    const r = await call(() =>
      certificate.loader({ request: getRequest(`/certificados/${person.id}`, cookie), params: { id: String(person.id) }, context: {} }),
    );
    expect(r.status).toBe(200);
    expect(r.headers.get("Content-Type")).toBe("application/pdf");
    const bytes = new Uint8Array(await r.response!.arrayBuffer());
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    const text = await pdfText(bytes);
    expect(text).toContain(person.full_name);
    const code = /Código de verificación: ([A-Z0-9-]+)/.exec(text)![1];
    const verified = await call(() => verify.loader({ request: getRequest(`/verificar/${code}`), params: { code }, context: ctx() }));
    expect(verified.status).toBe(200);
    expect(verified.data.certificate.fullName).toBe(person.full_name);
    expect(JSON.stringify(verified.data)).not.toContain("@");
    const again = await call(() => certificate.loader({ request: getRequest("/x", cookie), params: { id: String(person.id) }, context: {} }));
    expect(await pdfText(new Uint8Array(await again.response!.arrayBuffer()))).toContain(code);
  });

  it("is offered on the manage link of someone who came, and that link alone downloads it", async () => {
    const person = await attendee();
    const issued = issueManageToken();
    await getDb().updateTable("registrations").set({ manage_nonce: issued.nonce, manage_token_hash: issued.hash }).where("id", "=", person.id).execute();
    // Manage links last a while after the encounter ends: pretend it ended yesterday.
    const db = getDb();
    const { ends_at } = await db.selectFrom("encounters").select("ends_at").where("id", "=", encounterId).executeTakeFirstOrThrow();
    await db
      .updateTable("encounters")
      .set({ ends_at: new Date(Date.now() - 86_400_000).toISOString() })
      .where("id", "=", encounterId)
      .execute();
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
    const absent = await getDb()
      .selectFrom("registrations")
      .select("id")
      .where("encounter_id", "=", encounterId)
      .where("checked_in_at", "is", null)
      .executeTakeFirstOrThrow();
    const noCheckIn = await call(() => certificate.loader({ request: getRequest("/x", organizer), params: { id: String(absent.id) }, context: {} }));
    expect(noCheckIn.status).toBe(404);
    for (const id of ["abc", "-1", "999999"]) {
      expect((await call(() => certificate.loader({ request: getRequest("/x", organizer), params: { id }, context: {} }))).status).toBe(404);
    }
  });

  it("verifies a code typed in any case, with spaces or without hyphens, from the form and the address", async () => {
    const person = await attendee();
    const facts = await issueCertificate(getDb(), person.id);
    const code = facts!.code;
    const bare = code.replace(/-/g, "");
    for (const typed of [
      code.toLowerCase(),
      bare,
      bare.toLowerCase(),
      ` ${code.slice(0, 4)} ${code.slice(5, 9)} ${code.slice(10)} `,
      code.replace(/-/g, " - "),
      `${bare.slice(0, 6)}\u2013${bare.slice(6)}`,
    ]) {
      const r = await call(() => verify.loader({ request: getRequest(`/verificar/x`), params: { code: typed }, context: ctx() }));
      expect(r.status).toBe(200);
      expect(r.data.certificate).toMatchObject({ code, fullName: person.full_name });
      const form = await call(() => verifyForm.loader({ request: getRequest(`/verificar?code=${encodeURIComponent(typed)}`), params: {}, context: ctx() }));
      expect(form.status).toBe(302);
      expect(form.headers.get("Location")).toBe(`/verificar/${code}`);
    }
    // One letter short or long, or a letter the codes never use, is still no code.
    for (const wrong of [bare.slice(1), `${bare}A`, `${bare.slice(0, 11)}O`]) {
      expect((await call(() => verify.loader({ request: getRequest(`/verificar/x`), params: { code: wrong }, context: ctx() }))).status).toBe(404);
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

  it("prints names in any script, Vietnamese and Cyrillic, dropping what no font can draw, alone and in the ZIP", async () => {
    const db = getDb();
    const people = await db
      .selectFrom("registrations")
      .innerJoin("participants", "participants.id", "registrations.participant_id")
      .select(["registrations.id", "participants.id as participantId", "participants.full_name"])
      .where("registrations.encounter_id", "=", encounterId)
      .where("registrations.checked_in_at", "is not", null)
      .orderBy("registrations.id")
      .limit(4)
      .execute();
    // A decomposed Vietnamese name (as some keyboards type it) prints as its composed letters;
    // of the emoji, DejaVu Sans draws 😀, not the others, nor Chinese: those are left out.
    const names = ["Nguyễn Thị Ánh Tuyết".normalize("NFD"), "Анна Сергеевна Кузнецова", "María 😀 Pérez 👩‍💻🇨🇴", "王伟 Ortiz"];
    const printed = ["Nguyễn Thị Ánh Tuyết", "Анна Сергеевна Кузнецова", "María 😀 Pérez", "Ortiz"];
    for (const [i, p] of people.entries()) await db.updateTable("participants").set({ full_name: names[i] }).where("id", "=", p.participantId).execute();
    try {
      for (const [i, p] of people.entries()) {
        const r = await call(() => certificate.loader({ request: getRequest(`/certificados/${p.id}`, organizer), params: { id: String(p.id) }, context: {} }));
        expect(r.status).toBe(200);
        const text = await pdfText(new Uint8Array(await r.response!.arrayBuffer()));
        expect(text.split("\n")).toContain(printed[i]);
        expect(text).toContain("Código de verificación:");
        expect(text).toContain("CERTIFICADO DE ASISTENCIA");
      }
      const zip = await call(() => zipRoute.loader({ request: getRequest(`/admin/encuentros/${slug}/certificados.zip`, organizer), params, context: {} }));
      expect(zip.status).toBe(200);
      const files = unzipSync(new Uint8Array(await zip.response!.arrayBuffer()));
      expect(Object.keys(files)).toHaveLength((await independentCounts()).attended);
      const texts = await Promise.all(Object.values(files).map((bytes) => pdfText(bytes)));
      for (const name of printed) expect(texts.filter((text) => text.split("\n").includes(name))).toHaveLength(1);
    } finally {
      for (const p of people) await db.updateTable("participants").set({ full_name: p.full_name }).where("id", "=", p.participantId).execute();
    }
  });
});
