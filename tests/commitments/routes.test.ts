import ical from "node-ical";
import { beforeAll, describe, expect, it } from "vitest";
import * as adminDetail from "~/routes/admin.compromisos.$id/route";
import * as adminList from "~/routes/admin.compromisos._index";
import * as adminCsv from "~/routes/admin.compromisos[.csv]";
import * as adminXlsx from "~/routes/admin.compromisos[.xlsx]";
import * as focalPoints from "~/routes/admin.compromisos.puntos-focales/route";
import * as plan from "~/routes/admin.encuentros.$slug.seguimiento";
import * as feed from "~/routes/ciudades.$dane.compromisos[.ics]";
import * as detail from "~/routes/compromisos.$id._index";
import * as edit from "~/routes/compromisos.$id.editar";
import * as evidence from "~/routes/compromisos.$id.evidencia.$updateId";
import * as record from "~/routes/encuentros.$slug.compromisos_.nuevo";
import * as myCity from "~/routes/mi-ciudad.compromisos";
import * as stopLink from "~/routes/seguimiento.$token.detener";
import * as link from "~/routes/seguimiento.$token._index";
import { findCommitment } from "~/features/commitments/queries/commitment.server";
import { followUpUrls } from "~/features/commitments/links.server";
import { confirmResponsible } from "~/features/commitments/commands/responsibles.server";
import { signFollowUpLink } from "~/features/commitments/links.server";
import { getDb } from "~/server/db.server";
import { verifiedParticipant, formRequest, getRequest, organizerCookie, participantCookie } from "../helpers/auth";
import { multipartRequest, pdfBytes } from "../helpers/multipart";
import { call, ctx } from "../helpers/route";
import { makeEncounter, makeOrganizer } from "../factories";
import { addToRoster } from "~/features/cities/members.server";

// Every action and page of the commitments area, as each kind of visitor: anonymous, an
// authority of the commitment's city (Medellín), an authority of another city (Cali), an
// organizer. Another city's commitment is a 404 whatever is tried, and a refusal writes nothing.

type Who = "anonymous" | "sameCity" | "otherCity" | "organizer";
const cookies: Record<Who, string | undefined> = { anonymous: undefined, sameCity: undefined, otherCity: undefined, organizer: undefined };
let commitmentId = 0;
// A past encounter (the commitments are recorded after it) and an upcoming one, from the factories.
let pastSlug = "";
let upcomingSlug = "";

const valid = {
  title: "Ruta de atención a víctimas de trata en el PISCC",
  instrument: "PISCC",
  theme: "trafficking",
  dueDate: "2024-12-31",
  responsibleName: "Marta Ruiz",
  responsibleEmail: "marta.ruiz@medellin.example.org",
};

async function snapshot(id: number) {
  const db = getDb();
  const [c, updates] = await Promise.all([
    db.selectFrom("commitments").selectAll().where("id", "=", id).executeTakeFirstOrThrow(),
    db.selectFrom("commitment_updates").select("id").where("commitment_id", "=", id).execute(),
  ]);
  return { ...c, updates: updates.length };
}

const params = (id = commitmentId) => ({ id: String(id) });

beforeAll(async () => {
  // The admin: the first organizer, who verifies the authorities and signs in as "organizer".
  await makeOrganizer(getDb(), { role: "admin" });
  pastSlug = (await makeEncounter(getDb(), { starts_at: "2024-02-29T13:00:00.000Z" })).slug;
  upcomingSlug = (await makeEncounter(getDb())).slug;
  cookies.sameCity = await participantCookie(await verifiedParticipant("autoridad@medellin.example.org", "05001"));
  cookies.otherCity = await participantCookie(await verifiedParticipant("autoridad@cali.example.org", "76001"));
  cookies.organizer = await organizerCookie();
  const r = await call(() =>
    record.action({
      request: formRequest(`/encuentros/${pastSlug}/compromisos/nuevo`, valid, { cookie: cookies.sameCity }),
      params: { slug: pastSlug },
      context: ctx(),
    }),
  );
  expect(r.status).toBe(302);
  commitmentId = Number(/\/compromisos\/(\d+)/.exec(r.headers.get("Location")!)![1]);
  // The city named a responsible nobody had confirmed: an organizer confirms them, as the
  // signed-link tests below are about a responsible who gets the commitment's mail.
  const organizer = await getDb().selectFrom("organizers").select("id").orderBy("id").executeTakeFirstOrThrow();
  const named = await getDb().selectFrom("commitments").select("responsible_email").where("id", "=", commitmentId).executeTakeFirstOrThrow();
  expect(await confirmResponsible(getDb(), commitmentId, organizer.id, named.responsible_email)).toBe("done");
});

describe("recording (POST /encuentros/:slug/compromisos/nuevo)", () => {
  const post = (who: Who, fields: Record<string, string>, slug = pastSlug) =>
    call(() =>
      record.action({ request: formRequest(`/encuentros/${slug}/compromisos/nuevo`, fields, { cookie: cookies[who] }), params: { slug }, context: ctx() }),
    );
  const count = async () => (await getDb().selectFrom("commitments").select("id").execute()).length;

  it("sends anonymous visitors to sign in, and writes nothing", async () => {
    const before = await count();
    const r = await post("anonymous", valid);
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toMatch(/^\/ingresar\/enlace\?redirectTo=/);
    const page = await call(() =>
      record.loader({ request: getRequest(`/encuentros/${pastSlug}/compromisos/nuevo`), params: { slug: pastSlug }, context: ctx() }),
    );
    expect(page.status).toBe(302);
    expect(await count()).toBe(before);
  });

  it("records for the authority's own city, whatever city the form names", async () => {
    for (const [who, dane] of [
      ["sameCity", "05001"],
      ["otherCity", "76001"],
    ] as const) {
      const r = await post(who, { ...valid, cityDane: "11001" });
      expect(r.status).toBe(302);
      const id = Number(/\/compromisos\/(\d+)\?registrado=1$/.exec(r.headers.get("Location")!)![1]);
      expect((await findCommitment(getDb(), id))?.city_dane).toBe(dane);
    }
  });

  it("lets organizers record for any city, which they must choose", async () => {
    expect((await post("organizer", valid)).status).toBe(400);
    const r = await post("organizer", { ...valid, cityDane: "11001" });
    expect(r.headers.get("Location")).toMatch(/^\/admin\/compromisos\/\d+\?registrado=1$/);
    const page = await call(() =>
      record.loader({ request: getRequest(`/encuentros/${pastSlug}/compromisos/nuevo`, cookies.organizer), params: { slug: pastSlug }, context: ctx() }),
    );
    expect(page.data.cities).toHaveLength(32);
  });

  it("answers bad input with 400 and a message per field, writing nothing", async () => {
    const before = await count();
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ ...valid, dueDate: "2024-02-28" }, "dueDate", "dueBeforeEncounter"],
      [{ ...valid, dueDate: "31/12/2024" }, "dueDate", "date"],
      [{ ...valid, instrument: "POT" }, "instrument", "invalid"],
      [{ ...valid, title: "" }, "title", "required"],
      [{ ...valid, responsibleEmail: "marta" }, "responsibleEmail", "email"],
      [{ ...valid, agendaItemId: "999999" }, "agendaItemId", "agendaItem"],
    ];
    for (const [fields, field, key] of cases) {
      const r = await post("sameCity", fields);
      expect(r.status, `${field}=${fields[field]}`).toBe(400);
      expect(r.data.error[field]).toEqual([key]);
    }
    expect(await count()).toBe(before);
  });

  it("does not show drafts to authorities", async () => {
    await getDb().updateTable("encounters").set({ status: "draft" }).where("slug", "=", upcomingSlug).execute();
    expect((await post("sameCity", valid, upcomingSlug)).status).toBe(404);
    expect((await post("organizer", { ...valid, cityDane: "05001", dueDate: "2099-01-01" }, upcomingSlug)).status).toBe(400);
    await getDb().updateTable("encounters").set({ status: "published" }).where("slug", "=", upcomingSlug).execute();
  });
});

describe("a commitment's page and its actions (/compromisos/:id)", () => {
  const view = (who: Who, id: string = String(commitmentId)) =>
    call(() => detail.loader({ request: getRequest(`/compromisos/${id}`, cookies[who]), params: { id }, context: ctx() }));
  const act = (who: Who, fields: Record<string, string>) =>
    call(() => detail.action({ request: formRequest(`/compromisos/${commitmentId}`, fields, { cookie: cookies[who] }), params: params(), context: ctx() }));

  it("is shown to its city and organizers only; others get a 404 for any id", async () => {
    expect((await view("anonymous")).status).toBe(302);
    expect((await view("sameCity")).status).toBe(200);
    expect((await view("organizer")).status).toBe(200);
    expect((await view("otherCity")).status).toBe(404);
    for (const id of ["999999", "abc", "0", "-1", "1e3"]) expect((await view("sameCity", id)).status).toBe(404);
  });

  it("takes progress updates from its city and organizers only", async () => {
    const before = await snapshot(commitmentId);
    expect((await act("anonymous", { intent: "progress", status: "in_progress", progress: "30" })).status).toBe(302);
    expect((await act("otherCity", { intent: "progress", status: "in_progress", progress: "30" })).status).toBe(404);
    expect(await snapshot(commitmentId)).toEqual(before);

    const same = await act("sameCity", { intent: "progress", status: "in_progress", progress: "30", note: "Borrador en revisión" });
    expect(same.status).toBe(200);
    expect(await snapshot(commitmentId)).toMatchObject({ status: "in_progress", progress: 30, updates: before.updates + 1 });
    expect((await act("organizer", { intent: "progress", status: "at_risk", progress: "30", note: "Falta presupuesto" })).status).toBe(200);
    expect((await snapshot(commitmentId)).status).toBe("at_risk");
  });

  it("refuses progress outside 0-100, unknown statuses and done without a note, writing nothing", async () => {
    const before = await snapshot(commitmentId);
    for (const [fields, field, key] of [
      [{ status: "in_progress", progress: "101" }, "progress", "progressRange"],
      [{ status: "in_progress", progress: "-5" }, "progress", "progressRange"],
      [{ status: "in_progress", progress: "" }, "progress", "required"],
      [{ status: "terminado", progress: "50" }, "status", "status"],
      [{ status: "done", progress: "100" }, "note", "doneNeedsNote"],
      [{ status: "in_progress", progress: "50", evidenceUrl: "ftp://x" }, "evidenceUrl", "url"],
    ] as const) {
      const r = await act("sameCity", { intent: "progress", ...fields });
      expect(r.status, JSON.stringify(fields)).toBe(400);
      expect(r.data.error[field]).toEqual([key]);
    }
    expect(await snapshot(commitmentId)).toEqual(before);
  });

  it("stops and resumes reminders for its city and organizers only", async () => {
    expect((await act("anonymous", { intent: "stopReminders" })).status).toBe(302);
    expect((await act("otherCity", { intent: "stopReminders" })).status).toBe(404);
    expect((await snapshot(commitmentId)).reminders_stopped_at).toBeNull();
    expect((await act("sameCity", { intent: "stopReminders" })).data.done).toBe("stopped");
    expect((await snapshot(commitmentId)).reminders_stopped_at).not.toBeNull();
    expect((await act("organizer", { intent: "resumeReminders" })).data.done).toBe("resumed");
    expect((await snapshot(commitmentId)).reminders_stopped_at).toBeNull();
  });

  it("takes an evidence file under the upload rules and serves it to its city only", async () => {
    const send = (who: Who, file: { filename: string; content: Uint8Array }) =>
      call(() =>
        detail.action({
          request: multipartRequest(
            `/compromisos/${commitmentId}`,
            [
              { name: "intent", value: "progress" },
              { name: "status", value: "in_progress" },
              { name: "progress", value: "60" },
              { name: "evidenceFile", ...file, contentType: "application/pdf" },
            ],
            { cookie: cookies[who] },
          ),
          params: params(),
          context: ctx(),
        }),
      );
    const before = await snapshot(commitmentId);
    const fake = await send("sameCity", { filename: "acta.pdf", content: new TextEncoder().encode("<html><script>alert(1)</script></html>") });
    expect(fake.status).toBe(400);
    expect(fake.data.error.evidenceFile).toEqual(["evidenceType"]);
    expect(await snapshot(commitmentId)).toEqual(before);

    const ok = await send("sameCity", { filename: "Acta del concejo.pdf", content: pdfBytes("Acta", 2000) });
    expect(ok.status).toBe(200);
    const row = await getDb()
      .selectFrom("commitment_updates")
      .selectAll()
      .where("commitment_id", "=", commitmentId)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ evidence_name: "Acta del concejo.pdf", evidence_type: "application/pdf", evidence_size: 2000 });
    const get = (who: Who) =>
      call(() =>
        evidence.loader({
          request: getRequest(`/compromisos/${commitmentId}/evidencia/${row.id}`, cookies[who]),
          params: { id: String(commitmentId), updateId: String(row.id) },
          context: ctx(),
        }),
      );
    expect((await get("otherCity")).status).toBe(404);
    expect((await get("anonymous")).status).toBe(302);
    const file = await get("sameCity");
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    expect(file.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });

  it("takes edits from its city and organizers only", async () => {
    const fields = { ...valid, title: "Ruta de atención a víctimas de trata (ajustada)" };
    const post = (who: Who, values: Record<string, string>) =>
      call(() =>
        edit.action({ request: formRequest(`/compromisos/${commitmentId}/editar`, values, { cookie: cookies[who] }), params: params(), context: ctx() }),
      );
    expect((await post("anonymous", fields)).status).toBe(302);
    expect((await post("otherCity", fields)).status).toBe(404);
    expect((await snapshot(commitmentId)).title).toBe(valid.title);
    expect((await post("sameCity", { ...fields, dueDate: "2023-01-01" })).data.error.dueDate).toEqual(["dueBeforeEncounter"]);
    const r = await post("sameCity", fields);
    expect(r.headers.get("Location")).toBe(`/compromisos/${commitmentId}`);
    expect((await snapshot(commitmentId)).title).toBe(fields.title);
    expect((await post("organizer", { ...fields, target: "100 %" })).headers.get("Location")).toBe(`/admin/compromisos/${commitmentId}`);
  });
});

describe("organizer actions (/admin/compromisos...)", () => {
  const act = (who: Who, fields: Record<string, string>) =>
    call(() =>
      adminDetail.action({ request: formRequest(`/admin/compromisos/${commitmentId}`, fields, { cookie: cookies[who] }), params: params(), context: ctx() }),
    );

  it("validates and reopens for organizers only", async () => {
    await act("organizer", { intent: "progress", status: "done", progress: "100", note: "Aprobado", evidenceUrl: "https://example.org/acta" });
    for (const who of ["anonymous", "sameCity", "otherCity"] as const) {
      const r = await act(who, { intent: "validate", note: "" });
      expect(r.status).toBe(302);
      expect(r.headers.get("Location")).toMatch(/^\/ingresar\?redirectTo=/);
    }
    expect((await snapshot(commitmentId)).validated_at).toBeNull();
    expect((await act("organizer", { intent: "validate", note: "Visto" })).data.done).toBe("validated");
    expect((await snapshot(commitmentId)).validated_at).not.toBeNull();
    // Locked for the city until reopened.
    const locked = await call(() =>
      detail.action({
        request: formRequest(`/compromisos/${commitmentId}`, { intent: "progress", status: "in_progress", progress: "50" }, { cookie: cookies.sameCity }),
        params: params(),
        context: ctx(),
      }),
    );
    expect(locked.status).toBe(409);
    expect(locked.data.error[""]).toEqual(["locked"]);
    expect((await act("organizer", { intent: "reopen", note: "" })).data.error.note).toEqual(["required"]);
    expect((await act("sameCity", { intent: "reopen", note: "No" })).status).toBe(302);
    expect((await act("organizer", { intent: "reopen", note: "Falta el acta firmada" })).data.done).toBe("reopened");
    expect(await snapshot(commitmentId)).toMatchObject({ status: "in_progress", validated_at: null });
  });

  it("shows the list and its exports to organizers only", async () => {
    for (const who of ["anonymous", "sameCity", "otherCity"] as const) {
      expect((await call(() => adminList.loader({ request: getRequest("/admin/compromisos", cookies[who]), params: {}, context: ctx() }))).status).toBe(302);
      expect((await call(() => adminCsv.loader({ request: getRequest("/admin/compromisos.csv", cookies[who]), params: {}, context: ctx() }))).status).toBe(302);
      expect((await call(() => adminXlsx.loader({ request: getRequest("/admin/compromisos.xlsx", cookies[who]), params: {}, context: ctx() }))).status).toBe(
        302,
      );
      expect(
        (await call(() => adminDetail.loader({ request: getRequest(`/admin/compromisos/${commitmentId}`, cookies[who]), params: params(), context: ctx() })))
          .status,
      ).toBe(302);
    }
    const list = await call(() =>
      adminList.loader({
        request: getRequest("/admin/compromisos?ciudad=05001&estado=in_progress&instrumento=PISCC", cookies.organizer),
        params: {},
        context: ctx(),
      }),
    );
    expect(list.status).toBe(200);
    expect(list.data.rows.map((r: { id: number }) => r.id)).toContain(commitmentId);
    expect(list.data.rows.every((r: { cityDane: string; status: string }) => r.cityDane === "05001" && r.status === "in_progress")).toBe(true);
    const overdue = await call(() =>
      adminList.loader({ request: getRequest("/admin/compromisos?vencidos=1&estado=nada", cookies.organizer), params: {}, context: ctx() }),
    );
    expect(overdue.data.rows.length).toBeGreaterThan(0);
    expect(overdue.data.rows.every((r: { overdue: boolean }) => r.overdue)).toBe(true);

    const csv = await call(() =>
      adminCsv.loader({ request: getRequest("/admin/compromisos.csv?ciudad=05001", cookies.organizer), params: {}, context: ctx() }),
    );
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    expect(String(csv.data)).toContain("Ruta de atención a víctimas de trata (ajustada)");
    const xlsx = await call(() => adminXlsx.loader({ request: getRequest("/admin/compromisos.xlsx", cookies.organizer), params: {}, context: ctx() }));
    expect(xlsx.headers.get("Content-Type")).toContain("spreadsheetml");
    const ExcelJS = (await import("exceljs")).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.response!.arrayBuffer());
    expect(book.worksheets.map((w) => w.name)).toEqual(["Compromisos", "Historial"]);
    expect(book.getWorksheet("Historial")!.rowCount).toBeGreaterThan(book.getWorksheet("Compromisos")!.rowCount);
  });

  it("exports times in the encounter's zone, as a Colombian spreadsheet reads a CSV", async () => {
    // 03:30 UTC on 1 March is still 29 February, 22:30, in Bogotá (the encounter's zone).
    const before = await getDb().selectFrom("commitments").select(["updated_at", "validated_at"]).where("id", "=", commitmentId).executeTakeFirstOrThrow();
    await getDb()
      .updateTable("commitments")
      .set({ updated_at: "2024-03-01T03:30:00.000Z", validated_at: "2024-03-01T02:00:00.000Z" })
      .where("id", "=", commitmentId)
      .execute();
    const csv = await call(() =>
      adminCsv.loader({ request: getRequest("/admin/compromisos.csv?ciudad=05001", cookies.organizer), params: {}, context: ctx() }),
    );
    const { parse } = await import("csv-parse/sync");
    const rows: string[][] = parse(Buffer.from(await csv.response!.arrayBuffer()), { bom: true, delimiter: ";" });
    const header = rows[0];
    const row = rows.find((r) => r[0] === String(commitmentId))!;
    expect(row[header.indexOf("Última actualización")]).toBe("2024-02-29 22:30");
    expect(row[header.indexOf("Validado")]).toBe("2024-02-29");
    expect(rows.every((r) => r.length === header.length)).toBe(true);

    const xlsx = await call(() =>
      adminXlsx.loader({ request: getRequest("/admin/compromisos.xlsx?ciudad=05001", cookies.organizer), params: {}, context: ctx() }),
    );
    const ExcelJS = (await import("exceljs")).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.response!.arrayBuffer());
    const history = await getDb()
      .selectFrom("commitment_updates")
      .select("created_at")
      .where("commitment_id", "=", commitmentId)
      .orderBy("created_at")
      .executeTakeFirstOrThrow();
    const sheet = book.getWorksheet("Historial")!;
    const when = sheet
      .getRows(2, sheet.rowCount - 1)!
      .find((r) => r.getCell(1).value === commitmentId)!
      .getCell(4).value;
    const bogota = new Date(new Date(history.created_at).getTime() - 5 * 3600_000).toISOString();
    expect(when).toBe(`${bogota.slice(0, 10)} ${bogota.slice(11, 16)}`);
    await getDb().updateTable("commitments").set(before).where("id", "=", commitmentId).execute();
  });

  it("saves the follow-up plan and focal points for organizers only, refusing bad values", async () => {
    const planPost = (who: Who, fields: Record<string, string>) =>
      call(() =>
        plan.action({
          request: formRequest(`/admin/encuentros/${pastSlug}/seguimiento`, fields, { cookie: cookies[who] }),
          params: { slug: pastSlug },
          context: ctx(),
        }),
      );
    const good = { enabled: "on", reminderDays: "14, 3", overdueNotice: "on", escalateAfterWeeks: "2", sendHour: "9" };
    for (const who of ["anonymous", "sameCity", "otherCity"] as const) expect((await planPost(who, good)).status).toBe(302);
    expect(await getDb().selectFrom("follow_up_plans").select("encounter_id").execute()).toHaveLength(0);
    expect((await planPost("organizer", { ...good, reminderDays: "30, siete" })).data.error.reminderDays).toEqual(["reminderDays"]);
    expect((await planPost("organizer", { ...good, escalateAfterWeeks: "60" })).data.error.escalateAfterWeeks).toEqual(["weeks"]);
    expect((await planPost("organizer", { ...good, sendHour: "24" })).data.error.sendHour).toEqual(["hour"]);
    expect((await planPost("organizer", good)).data.saved).toBe(true);
    expect(await getDb().selectFrom("follow_up_plans").selectAll().executeTakeFirstOrThrow()).toMatchObject({
      reminder_days: "14,3",
      weekly_overdue: 0,
      escalate_after_weeks: 2,
      send_hour: 9,
    });

    // The city's focal points come from its roster (kept at /admin/ciudades/:dane): the page lists them.
    const focalPage = (who: Who) =>
      call(() => focalPoints.loader({ request: getRequest("/admin/compromisos/puntos-focales", cookies[who]), params: {}, context: ctx() }));
    for (const who of ["anonymous", "sameCity", "otherCity"] as const) expect((await focalPage(who)).status).toBe(302);
    const medellin = await getDb().selectFrom("cities").select("id").where("dane", "=", "05001").executeTakeFirstOrThrow();
    const added = await addToRoster(
      getDb(),
      { kind: "organizer", id: 1 },
      {
        cityId: medellin.id,
        person: { fullName: "Enlace Medellín", email: "enlace@medellin.example.org", entity: "Alcaldía", position: "Enlace" },
        role: "focal_point",
      },
    );
    expect(added.ok).toBe(true);
    const listed = (await focalPage("organizer")).data.cities.find((c: { dane: string }) => c.dane === "05001");
    expect(listed.focalPoints).toContain("Enlace Medellín");
  });
});

describe("the city's list and calendar", () => {
  it("shows an authority its own city's commitments only", async () => {
    expect((await call(() => myCity.loader({ request: getRequest("/mi-ciudad/compromisos"), params: {}, context: ctx() }))).status).toBe(302);
    const mine = await call(() => myCity.loader({ request: getRequest("/mi-ciudad/compromisos", cookies.sameCity), params: {}, context: ctx() }));
    expect(mine.data.city.name).toBe("Medellín");
    expect(mine.data.commitments.map((c: { id: number }) => c.id)).toContain(commitmentId);
    const theirs = await call(() => myCity.loader({ request: getRequest("/mi-ciudad/compromisos", cookies.otherCity), params: {}, context: ctx() }));
    expect(theirs.data.commitments.map((c: { id: number }) => c.id)).not.toContain(commitmentId);
    expect(
      (await call(() => myCity.loader({ request: getRequest("/mi-ciudad/compromisos", cookies.organizer), params: {}, context: ctx() }))).headers.get(
        "Location",
      ),
    ).toBe("/admin/compromisos");
  });

  it("serves the feed with the city's key only, as all-day events on the due dates, until the link is changed", async () => {
    const mine = await call(() => myCity.loader({ request: getRequest("/mi-ciudad/compromisos", cookies.sameCity), params: {}, context: ctx() }));
    const url = new URL(mine.data.feedUrl);
    const get = (dane: string, key: string) =>
      call(() => feed.loader({ request: getRequest(`/ciudades/${dane}/compromisos.ics?clave=${key}`), params: { dane }, context: ctx() }));
    const key = url.searchParams.get("clave")!;
    expect((await get("76001", key)).status).toBe(404);
    expect((await get("05001", key.slice(0, -2) + "AA")).status).toBe(404);
    expect((await get("05001", "")).status).toBe(404);
    const ok = await get("05001", key);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Type")).toContain("text/calendar");
    const events = Object.values(ical.sync.parseICS(String(ok.data))).filter((e) => e.type === "VEVENT");
    const ours = events.find((e) => e.type === "VEVENT" && String(e.uid).startsWith(`commitment-${commitmentId}@`));
    expect(ours).toBeDefined();
    if (ours?.type === "VEVENT") {
      expect(ours.datetype).toBe("date");
      expect(String(ok.data)).toContain("DTSTART;VALUE=DATE:20241231");
    }
    const city = await getDb().selectFrom("cities").select("id").where("dane", "=", "05001").executeTakeFirstOrThrow();
    const rotate = await call(() =>
      focalPoints.action({
        request: formRequest("/admin/compromisos/puntos-focales", { intent: "rotate", cityDane: "05001" }, { cookie: cookies.organizer }),
        params: {},
        context: ctx(),
      }),
    );
    expect(rotate.data.done).toBe("rotated");
    expect(city.id).toBeGreaterThan(0);
    expect((await get("05001", key)).status).toBe(404);
  });
});

describe("the signed link (/seguimiento/:token)", () => {
  const open = (token: string, ip = "198.51.100.9") =>
    call(() => link.loader({ request: getRequest(`/seguimiento/${token}`), params: { token }, context: ctx(ip) }));
  const post = (token: string, fields: Record<string, string>, ip = "198.51.100.9") =>
    call(() => link.action({ request: formRequest(`/seguimiento/${token}`, fields), params: { token }, context: ctx(ip) }));

  it("shows the form on GET without changing anything, and changes the commitment on POST", async () => {
    const c = (await findCommitment(getDb(), commitmentId))!;
    const { token } = followUpUrls(c);
    const before = await snapshot(commitmentId);
    const page = await open(token);
    expect(page.status).toBe(200);
    expect(page.data.view.commitment.id).toBe(commitmentId);
    expect(page.headers.get("Referrer-Policy")).toBe("same-origin");
    expect(await snapshot(commitmentId)).toEqual(before);
    const r = await post(token, { intent: "progress", status: "in_progress", progress: "75", note: "Aprobado en primer debate" });
    expect(r.data.saved).toBe(true);
    const after = await snapshot(commitmentId);
    expect(after).toMatchObject({ progress: 75, updates: before.updates + 1 });
    const last = await getDb()
      .selectFrom("commitment_updates")
      .selectAll()
      .where("commitment_id", "=", commitmentId)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(last).toMatchObject({ author_kind: "responsible", author_name: c.responsible_name });
    const audit = await getDb()
      .selectFrom("audit_log")
      .select("actor")
      .where("entity_id", "=", String(commitmentId))
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(audit.actor).toBe(`responsible:${c.responsible_email}`);
    expect((await post(token, { intent: "progress", status: "in_progress", progress: "175" })).status).toBe(400);
  });

  it("works only for its commitment and its person, and expires", async () => {
    const c = (await findCommitment(getDb(), commitmentId))!;
    const other = await getDb()
      .selectFrom("commitments")
      .select(["id", "responsible_email", "due_date"])
      .where("id", "!=", commitmentId)
      .executeTakeFirstOrThrow();
    const { token } = followUpUrls(c);
    const [, expires, sig] = token.split(".");
    const before = await snapshot(other.id);
    // The same signature on another id, a token for someone else, garbage: invalid (404).
    expect((await open(`${other.id}.${expires}.${sig}`)).status).toBe(404);
    expect((await post(`${other.id}.${expires}.${sig}`, { intent: "progress", status: "done", progress: "100", note: "x" })).status).toBe(404);
    expect((await open(signFollowUpLink({ commitmentId, email: "otra@example.org", expiresAt: new Date(Date.now() + 86_400_000) }))).status).toBe(404);
    expect((await open("nada")).status).toBe(404);
    expect(await snapshot(other.id)).toEqual(before);
    const expired = signFollowUpLink({ commitmentId, email: c.responsible_email, expiresAt: new Date(Date.now() - 1000) });
    expect((await open(expired)).status).toBe(410);
    expect((await post(expired, { intent: "progress", status: "in_progress", progress: "10" })).status).toBe(410);
    // A new responsible official: the old person's links stop working.
    await getDb().updateTable("commitments").set({ responsible_email: "nuevo@medellin.example.org" }).where("id", "=", commitmentId).execute();
    expect((await open(token)).status).toBe(404);
    await getDb().updateTable("commitments").set({ responsible_email: c.responsible_email }).where("id", "=", commitmentId).execute();
    expect((await open(token)).status).toBe(200);
  });

  it("sends a fresh link to the responsible official from an expired one, once a day", async () => {
    const c = (await findCommitment(getDb(), commitmentId))!;
    const expired = signFollowUpLink({ commitmentId, email: c.responsible_email, expiresAt: new Date(Date.now() - 1000) });
    const mails = () => getDb().selectFrom("email_outbox").select(["recipient", "data"]).where("template", "=", "commitment-link").execute();
    expect((await post("nada.1.x", { intent: "renew" })).status).toBe(404);
    expect(
      (await post(signFollowUpLink({ commitmentId, email: "otra@example.org", expiresAt: new Date(Date.now() - 1000) }), { intent: "renew" })).status,
    ).toBe(404);
    expect(await mails()).toHaveLength(0);
    const r = await post(expired, { intent: "renew" });
    expect(r.status).toBe(200);
    expect(r.data.renewedTo).toBe("m•••@medellin.example.org");
    expect((await post(expired, { intent: "renew" })).status).toBe(200);
    const sent = await mails();
    expect(sent.map((m) => m.recipient)).toEqual([c.responsible_email]);
    const fresh = new URL(JSON.parse(sent[0].data).updateUrl).pathname.split("/")[2];
    expect((await open(fresh)).status).toBe(200);
  });

  it("stops reminders only on POST, and can resume them", async () => {
    const c = (await findCommitment(getDb(), commitmentId))!;
    const { token } = followUpUrls(c);
    const page = await call(() => stopLink.loader({ request: getRequest(`/seguimiento/${token}/detener`), params: { token }, context: ctx() }));
    expect(page.data).toMatchObject({ state: "ok", stopped: false });
    expect((await snapshot(commitmentId)).reminders_stopped_at).toBeNull();
    const stop = await call(() =>
      stopLink.action({ request: formRequest(`/seguimiento/${token}/detener`, { intent: "stopReminders" }), params: { token }, context: ctx() }),
    );
    expect(stop.data.done).toBe("stopped");
    expect((await snapshot(commitmentId)).reminders_stopped_at).not.toBeNull();
    const resume = await call(() =>
      stopLink.action({ request: formRequest(`/seguimiento/${token}/detener`, { intent: "resumeReminders" }), params: { token }, context: ctx() }),
    );
    expect(resume.data.done).toBe("resumed");
    // A post that says neither (a crafted or broken form) is refused and changes nothing.
    const blank = await call(() => stopLink.action({ request: formRequest(`/seguimiento/${token}/detener`, {}), params: { token }, context: ctx() }));
    expect(blank.status).toBe(400);
    expect((await snapshot(commitmentId)).reminders_stopped_at).toBeNull();
    const bad = await call(() =>
      stopLink.action({ request: formRequest(`/seguimiento/x/detener`, { intent: "stopReminders" }), params: { token: "x" }, context: ctx() }),
    );
    expect(bad.status).toBe(404);
  });

  it("limits how often one address may try links", async () => {
    let status = 0;
    for (let i = 0; i < 61; i++) status = (await open("1.2.x", "203.0.113.200")).status;
    expect(status).toBe(429);
  });
});
