import { beforeAll, describe, expect, it } from "vitest";
import * as checkin from "~/routes/admin.encuentros.$slug.acreditacion/route";
import * as encounterMaterials from "~/routes/admin.encuentros.$slug.materiales";
import * as mailMessage from "~/routes/admin.correo.$id";
import * as registrations from "~/routes/admin.encuentros.$slug.registros/route";
import * as material from "~/routes/admin.materiales.$id/route";
import * as people from "~/routes/admin.personas";
import * as commitmentPage from "~/routes/compromisos.$id._index";
import * as recordPage from "~/routes/encuentros.$slug.compromisos_.nuevo";
import * as manage from "~/routes/inscripcion.$token";
import * as stopLink from "~/routes/seguimiento.$token.detener";
import * as link from "~/routes/seguimiento.$token._index";
import { registerForEncounter } from "~/features/registrations/commands/register.server";
import { findCommitment } from "~/features/commitments/queries/commitment.server";
import { followUpUrls } from "~/features/commitments/links.server";
import { confirmResponsible } from "~/features/commitments/commands/responsibles.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { ensureParticipant, verifiedParticipant, formRequest, organizerCookie, participantCookie } from "../helpers/auth";
import { flashOf } from "../helpers/flash";
import { filesUnder, multipartRequest, pdfBytes } from "../helpers/multipart";
import { call, ctx } from "../helpers/route";
import { tableContents } from "../helpers/table-contents";
import { dane, makeEncounter, person } from "../registrations/helpers";
import { makeEncounter as makeEncounterRow, makeOrganizer, makeRegistration } from "../factories";

// The same POST sent twice: a double click, a browser that resends, a phone on a bad network.
// Each case says what the second one does, and what it leaves in the database.

let organizer: string;
let authority: string;

const commitmentFields = {
  title: "Protocolo de atención a víctimas de trata en terminales",
  instrument: "PISCC",
  theme: "trafficking",
  dueDate: "2024-12-31",
  responsibleName: "Marta Ruiz",
  responsibleEmail: "marta.ruiz@medellin.example.org",
};

// The admin (the file's first organizer), and a past encounter to record commitments and upload
// materials to, with two people registered to tell of a new material.
beforeAll(async () => {
  const db = getDb();
  await makeOrganizer(db, { role: "admin" });
  const past = await makeEncounterRow(db, { slug: "bogota-2024", starts_at: "2024-02-29T13:00:00.000Z" });
  for (let i = 0; i < 2; i++) await makeRegistration(db, { encounter_id: past.id });
  organizer = await organizerCookie();
  authority = await participantCookie(await verifiedParticipant("autoridad.doble@medellin.example.org", dane.medellin));
});

async function recordCommitment(fields: Record<string, string> = commitmentFields) {
  const r = await call(() =>
    recordPage.action({
      request: formRequest("/encuentros/bogota-2024/compromisos/nuevo", fields, { cookie: authority }),
      params: { slug: "bogota-2024" },
      context: ctx(),
    }),
  );
  return r;
}

const idFrom = (location: string | null) => Number(/\/compromisos\/(\d+)/.exec(location ?? "")![1]);

async function historyOf(commitmentId: number) {
  return getDb().selectFrom("commitment_updates").select(["id", "kind"]).where("commitment_id", "=", commitmentId).orderBy("id").execute();
}

describe("recording a commitment twice (POST /encuentros/:slug/compromisos/nuevo)", () => {
  it("records once: the second identical POST leads to the same commitment and sends no second mail", async () => {
    const before = await tableContents();
    const first = await recordCommitment();
    const between = await tableContents();
    const second = await recordCommitment();
    // The same redirect as the first answer, as if it had just been recorded: no error to read
    // on a phone, and nothing written, so one commitment, one history entry, one mail.
    expect([first.status, second.status]).toEqual([302, 302]);
    expect(second.headers.get("Location")).toBe(first.headers.get("Location"));
    expect(await tableContents()).toEqual(between);
    expect(between.commitments.rows - before.commitments.rows).toBe(1);
    expect(between.email_outbox.rows - before.email_outbox.rows).toBe(1);
  });

  it("records once when both sends arrive at the same moment", async () => {
    const fields = { ...commitmentFields, title: "Alertas tempranas en pasos fronterizos" };
    const before = await tableContents();
    const [a, b] = await Promise.all([recordCommitment(fields), recordCommitment(fields)]);
    expect(a.headers.get("Location")).toBe(b.headers.get("Location"));
    const after = await tableContents();
    expect([after.commitments.rows - before.commitments.rows, after.email_outbox.rows - before.email_outbox.rows]).toEqual([1, 1]);
  });

  it("takes a title that differs only in letter case and spaces for the same one", async () => {
    const fields = { ...commitmentFields, title: "Ruta de protección para niñas migrantes" };
    const first = await recordCommitment(fields);
    const between = await tableContents();
    const second = await recordCommitment({ ...fields, title: "  ruta de  PROTECCIÓN para niñas migrantes " });
    expect(second.headers.get("Location")).toBe(first.headers.get("Location"));
    expect(await tableContents()).toEqual(between);
  });

  it("still records a different commitment: another title, another due date, another responsible address, another author", async () => {
    const base = { ...commitmentFields, title: "Capacitación a inspectores de transporte" };
    const first = idFrom((await recordCommitment(base)).headers.get("Location"));
    const other = await verifiedParticipant("otra.autoridad.doble@medellin.example.org", dane.medellin);
    const otherAuthority = await participantCookie(other);
    const variants: Array<[Record<string, string>, string | undefined]> = [
      [{ ...base, title: "Capacitación a inspectores de migración" }, undefined],
      [{ ...base, dueDate: "2025-03-31" }, undefined],
      [{ ...base, responsibleEmail: "jorge.diaz@medellin.example.org" }, undefined],
      [base, otherAuthority],
    ];
    for (const [fields, cookie] of variants) {
      const before = await tableContents();
      const r = await call(() =>
        recordPage.action({
          request: formRequest("/encuentros/bogota-2024/compromisos/nuevo", fields, { cookie: cookie ?? authority }),
          params: { slug: "bogota-2024" },
          context: ctx(),
        }),
      );
      expect(r.status).toBe(302);
      expect(idFrom(r.headers.get("Location"))).not.toBe(first);
      const after = await tableContents();
      expect([after.commitments.rows - before.commitments.rows, after.email_outbox.rows - before.email_outbox.rows]).toEqual([1, 1]);
    }
  });
});

describe("a progress update sent twice", () => {
  let commitmentId = 0;
  beforeAll(async () => {
    const r = await recordCommitment({ ...commitmentFields, title: "Mesa municipal contra el tráfico de migrantes" });
    commitmentId = idFrom(r.headers.get("Location"));
    // The city named a responsible nobody had confirmed: an organizer confirms them, as these
    // tests are about a responsible who got the commitment's mailed link.
    const organizer = await getDb().selectFrom("organizers").select("id").orderBy("id").executeTakeFirstOrThrow();
    expect(await confirmResponsible(getDb(), commitmentId, organizer.id, commitmentFields.responsibleEmail)).toBe("done");
  });

  it("from the mailed link: records once; the second identical update answers saved and writes nothing", async () => {
    const c = (await findCommitment(getDb(), commitmentId))!;
    const { token } = followUpUrls(c);
    const post = () =>
      call(() =>
        link.action({
          request: formRequest(`/seguimiento/${token}`, { intent: "progress", status: "in_progress", progress: "40", note: "Primer borrador" }),
          params: { token },
          context: ctx("198.51.100.20"),
        }),
      );
    const before = (await historyOf(commitmentId)).length;
    expect((await post()).data.saved).toBe(true);
    const between = await tableContents();
    const second = await post();
    expect([second.status, second.data.saved]).toEqual([200, true]);
    // No second history entry, audit entry or mail.
    expect(await tableContents()).toEqual(between);
    expect((await historyOf(commitmentId)).length - before).toBe(1);
    expect((await findCommitment(getDb(), commitmentId))!).toMatchObject({ status: "in_progress", progress: 40 });
  });

  it("from the mailed link: marking done twice keeps it done", async () => {
    const c = (await findCommitment(getDb(), commitmentId))!;
    const { token } = followUpUrls(c);
    const post = () =>
      call(() =>
        link.action({
          request: formRequest(`/seguimiento/${token}`, { intent: "progress", status: "done", progress: "100", note: "Aprobado" }),
          params: { token },
          context: ctx("198.51.100.21"),
        }),
      );
    const first = await post();
    const second = await post();
    expect(first.data.saved).toBe(true);
    expect([second.status, second.data.saved]).toEqual([200, true]);
    expect((await findCommitment(getDb(), commitmentId))!).toMatchObject({ status: "done", progress: 100 });
  });

  it("stopping reminders twice from the mailed link writes one history entry and keeps the first date", async () => {
    const c = (await findCommitment(getDb(), commitmentId))!;
    const { token } = followUpUrls(c);
    const stop = () =>
      call(() =>
        stopLink.action({
          request: formRequest(`/seguimiento/${token}/detener`, { intent: "stopReminders" }),
          params: { token },
          context: ctx("198.51.100.22"),
        }),
      );
    const before = (await historyOf(commitmentId)).length;
    expect((await stop()).data.done).toBe("stopped");
    const stoppedAt = (await findCommitment(getDb(), commitmentId))!.reminders_stopped_at;
    expect(stoppedAt).not.toBeNull();
    expect((await stop()).data.done).toBe("stopped");
    expect((await historyOf(commitmentId)).length - before).toBe(1);
    expect((await findCommitment(getDb(), commitmentId))!.reminders_stopped_at).toBe(stoppedAt);
  });

  it("resuming reminders twice from the commitment page writes one history entry", async () => {
    const resume = () =>
      call(() =>
        commitmentPage.action({
          request: formRequest(`/compromisos/${commitmentId}`, { intent: "resumeReminders" }, { cookie: authority }),
          params: { id: String(commitmentId) },
          context: ctx(),
        }),
      );
    const before = (await historyOf(commitmentId)).length;
    expect((await resume()).data.done).toBe("resumed");
    expect((await resume()).data.done).toBe("resumed");
    expect((await historyOf(commitmentId)).length - before).toBe(1);
    expect((await findCommitment(getDb(), commitmentId))!.reminders_stopped_at).toBeNull();
  });
});

describe("a progress update that differs from the last one", () => {
  let commitmentId = 0;
  let token = "";
  beforeAll(async () => {
    const r = await recordCommitment({ ...commitmentFields, title: "Observatorio regional de trata de personas" });
    commitmentId = idFrom(r.headers.get("Location"));
    const organizer = await getDb().selectFrom("organizers").select("id").orderBy("id").executeTakeFirstOrThrow();
    expect(await confirmResponsible(getDb(), commitmentId, organizer.id, commitmentFields.responsibleEmail)).toBe("done");
    token = followUpUrls((await findCommitment(getDb(), commitmentId))!).token;
  });

  const viaLink = (fields: Record<string, string>) =>
    call(() =>
      link.action({ request: formRequest(`/seguimiento/${token}`, { intent: "progress", ...fields }), params: { token }, context: ctx("198.51.100.23") }),
    );

  async function writes(send: () => Promise<{ status: number }>) {
    const before = await tableContents();
    const r = await send();
    expect(r.status).toBe(200);
    const after = await tableContents();
    // A repeat must leave every table as it was, not only add no row (an UPDATE adds none).
    if (JSON.stringify(after) === JSON.stringify(before)) return "nothing";
    return [after.commitment_updates.rows - before.commitment_updates.rows, after.audit_log.rows - before.audit_log.rows];
  }

  it("is written: another progress value, another note, another author", async () => {
    expect(await writes(() => viaLink({ status: "in_progress", progress: "20", note: "Convocatoria" }))).toEqual([1, 1]);
    expect(await writes(() => viaLink({ status: "in_progress", progress: "20", note: "Convocatoria" }))).toBe("nothing");
    expect(await writes(() => viaLink({ status: "in_progress", progress: "30", note: "Convocatoria" }))).toEqual([1, 1]);
    expect(await writes(() => viaLink({ status: "in_progress", progress: "30", note: "Primera sesión" }))).toEqual([1, 1]);
    // The city's authority says the same as the responsible official just did: theirs is kept.
    const fromPage = () =>
      call(() =>
        commitmentPage.action({
          request: formRequest(
            `/compromisos/${commitmentId}`,
            { intent: "progress", status: "in_progress", progress: "30", note: "Primera sesión" },
            { cookie: authority },
          ),
          params: { id: String(commitmentId) },
          context: ctx(),
        }),
      );
    expect(await writes(fromPage)).toEqual([1, 1]);
    expect(await writes(fromPage)).toBe("nothing");
    expect((await findCommitment(getDb(), commitmentId))!).toMatchObject({ status: "in_progress", progress: 30 });
  });

  it("is written each time it brings an evidence file, even the same one", async () => {
    const withFile = () =>
      call(() =>
        commitmentPage.action({
          request: multipartRequest(
            `/compromisos/${commitmentId}`,
            [
              { name: "intent", value: "progress" },
              { name: "status", value: "in_progress" },
              { name: "progress", value: "30" },
              { name: "note", value: "Acta de la sesión" },
              { name: "evidenceFile", filename: "acta.pdf", content: pdfBytes("Acta", 800), contentType: "application/pdf" },
            ],
            { cookie: authority },
          ),
          params: { id: String(commitmentId) },
          context: ctx(),
        }),
      );
    expect(await writes(withFile)).toEqual([1, 1]);
    expect(await writes(withFile)).toEqual([1, 1]);
  });
});

describe("cancelling a registration twice (POST /inscripcion/:token)", () => {
  it("cancels once: the second POST is refused (409), the place goes to the first in line once, and each person gets one mail", async () => {
    const db = getDb();
    const encounter = await makeEncounter({ capacity: 1, quota: 1 });
    const first = await registerForEncounter(db, encounter.id, person(`dbl-c1-${encounter.id}`), { locale: "es" });
    const waiting = await registerForEncounter(db, encounter.id, person(`dbl-c2-${encounter.id}`, dane.medellin), { locale: "es" });
    if (!("token" in first) || !("registrationId" in waiting)) throw new Error("setup");
    const token = first.token;
    const cancel = () => {
      const body = new FormData();
      body.append("intent", "cancel");
      return call(() =>
        manage.action({ request: new Request(`http://localhost/inscripcion/${token}`, { method: "POST", body }), params: { token }, context: {} }),
      );
    };
    const before = await tableContents();
    const a = await cancel();
    expect(a.status).toBe(303);
    const b = await cancel();
    expect(b).toMatchObject({ status: 409, data: { error: { "": ["locked"] } } });
    const after = await tableContents();
    // One "cancelled" mail to the person and one "promoted" mail to the first in line.
    expect(after.email_outbox.rows - before.email_outbox.rows).toBe(2);
    const regs = await db.selectFrom("registrations").select(["id", "status"]).where("encounter_id", "=", encounter.id).orderBy("id").execute();
    expect(regs.map((r) => r.status)).toEqual(["cancelled", "confirmed"]);
    const count = await db.selectFrom("encounters").select("confirmed_count").where("id", "=", encounter.id).executeTakeFirstOrThrow();
    expect(count.confirmed_count).toBe(1);
  });
});

describe("checking someone in twice with one tap (POST /admin/encuentros/:slug/acreditacion)", () => {
  it("keeps the first arrival time and says the person had already arrived", async () => {
    const db = getDb();
    const encounter = await makeEncounter({ capacity: 2, quota: 2 });
    const reg = await registerForEncounter(db, encounter.id, person(`dbl-ci-${encounter.id}`), { locale: "es" });
    if (!("registrationId" in reg)) throw new Error("setup");
    const url = `/admin/encuentros/${encounter.slug}/acreditacion`;
    const tap = () =>
      call(() =>
        checkin.action({
          request: formRequest(url, { intent: "checkIn", registrationId: String(reg.registrationId) }, { cookie: organizer }),
          params: { slug: encounter.slug },
          context: ctx(),
        }),
      );
    const [a, b] = await Promise.all([tap(), tap()]);
    expect([a.data.result, b.data.result].sort()).toEqual(["already", "checkedIn"]);
    expect(a.data.person.checkedInAt).toBe(b.data.person.checkedInAt);
    const audits = await db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", String(reg.registrationId))
      .where("action", "like", "%check%")
      .execute();
    expect(audits).toHaveLength(1);
  });
});

describe("putting a failed message back in the queue twice (POST /admin/correo/:id)", () => {
  it("requeues once; the second POST answers notRequeued and changes nothing", async () => {
    const db = getDb();
    const row = await db
      .insertInto("email_outbox")
      .values({
        idempotency_key: "double:failed",
        recipient: "x@example.test",
        template: "sign-in-link",
        locale: "es",
        data: "{}",
        status: "failed",
        next_attempt_at: new Date().toISOString(),
        last_error: "550",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const requeue = () =>
      call(() =>
        mailMessage.action({
          request: formRequest(`/admin/correo/${row.id}`, { intent: "requeue" }, { cookie: organizer }),
          params: { id: String(row.id) },
          context: {},
        }),
      );
    expect((await requeue()).data).toEqual({ requeued: true });
    const once = await db.selectFrom("email_outbox").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow();
    expect((await requeue()).data).toMatchObject({ error: { "": ["notRequeued"] } });
    expect(await db.selectFrom("email_outbox").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow()).toEqual(once);
  });
});

describe("uploading the same material twice (POST /admin/encuentros/:slug/materiales)", () => {
  const upload = (fields: { title: string; content: Buffer; visibility?: string; notify?: boolean }) =>
    call(() =>
      encounterMaterials.action({
        request: multipartRequest(
          "/admin/encuentros/bogota-2024/materiales",
          [
            { name: "language", value: "es" },
            { name: "title", value: fields.title },
            { name: "visibility", value: fields.visibility ?? "public" },
            ...(fields.notify ? [{ name: "notify", value: "on" }] : []),
            { name: "file", filename: "agenda.pdf", content: fields.content, contentType: "application/pdf" },
          ],
          { cookie: organizer },
        ),
        params: { slug: "bogota-2024" },
        context: {},
      }),
    );

  it("publishes once: the second identical upload leads to the same material, mails no one again and keeps no second file", async () => {
    const content = pdfBytes("Agenda doble", 2000);
    const before = await tableContents();
    const a = await upload({ title: "Agenda del encuentro", content, notify: true });
    const between = await tableContents();
    const files = filesUnder(getEnv().uploadsDir).length;
    const b = await upload({ title: "Agenda del encuentro", content, notify: true });
    expect([a.status, b.status]).toEqual([302, 302]);
    // The same redirect, with the same count of mails the first upload queued.
    expect(await flashOf(a)).toMatch(/ [1-9]\d* correos? (quedó|quedaron) en la cola de envío\.$/);
    expect(b.headers.get("Location")).toBe(a.headers.get("Location"));
    expect(await flashOf(b)).toBe(await flashOf(a));
    expect(between.materials.rows - before.materials.rows).toBe(1);
    expect(await tableContents()).toEqual(between);
    expect(filesUnder(getEnv().uploadsDir).length).toBe(files);
  });

  it("still publishes a different upload: other bytes, another title, another visibility", async () => {
    const content = pdfBytes("Relatoría", 1500);
    const first = await upload({ title: "Relatoría de la mesa 1", content });
    for (const other of [
      { title: "Relatoría de la mesa 1", content: pdfBytes("Relatoría corregida", 1500) },
      { title: "Relatoría de la mesa 2", content },
      { title: "Relatoría de la mesa 1", content, visibility: "attendees" },
    ]) {
      const before = await tableContents();
      const files = filesUnder(getEnv().uploadsDir).length;
      const r = await upload(other);
      expect(r.status).toBe(302);
      expect(r.headers.get("Location")).not.toBe(first.headers.get("Location"));
      expect((await tableContents()).materials.rows - before.materials.rows).toBe(1);
      expect(filesUnder(getEnv().uploadsDir).length).toBe(files + 1);
    }
  });
});

describe("an organizer cancelling someone's registration twice (POST /admin/encuentros/:slug/registros)", () => {
  it("cancels and promotes once; the second POST is refused as notActive (409) and mails no one", async () => {
    const db = getDb();
    const encounter = await makeEncounter({ capacity: 1, quota: 1 });
    const first = await registerForEncounter(db, encounter.id, person(`dbl-oc1-${encounter.id}`), { locale: "es" });
    await registerForEncounter(db, encounter.id, person(`dbl-oc2-${encounter.id}`, dane.cali), { locale: "es" });
    if (!("registrationId" in first)) throw new Error("setup");
    const url = `/admin/encuentros/${encounter.slug}/registros`;
    const cancel = () =>
      call(() =>
        registrations.action({
          request: formRequest(
            url,
            { intent: "cancel", registrationId: String(first.registrationId), reason: "Duplicada", notify: "on" },
            { cookie: organizer },
          ),
          params: { slug: encounter.slug },
          context: {},
        }),
      );
    const a = await cancel();
    expect(a.data).toEqual({ ok: true, message: "cancelledPromoted", count: 1 });
    const between = await tableContents();
    const b = await cancel();
    expect(b).toMatchObject({ status: 409, data: { error: { "": ["notActive"] } } });
    expect(await tableContents()).toEqual(between);
  });
});

describe("deleting twice", () => {
  it("a material: the second POST finds nothing (404) and removes nothing else", async () => {
    const upload = await call(() =>
      encounterMaterials.action({
        request: multipartRequest(
          "/admin/encuentros/bogota-2024/materiales",
          [
            { name: "language", value: "es" },
            { name: "title", value: "Para borrar dos veces" },
            { name: "visibility", value: "public" },
            { name: "file", filename: "borrar.pdf", content: pdfBytes("Borrar", 500), contentType: "application/pdf" },
          ],
          { cookie: organizer },
        ),
        params: { slug: "bogota-2024" },
        context: {},
      }),
    );
    const id = /\/admin\/materiales\/(\d+)/.exec(upload.headers.get("Location") ?? "")![1];
    const remove = () =>
      call(() =>
        material.action({
          request: formRequest(`/admin/materiales/${id}`, { intent: "delete", confirm: "on" }, { cookie: organizer }),
          params: { id },
          context: {},
        }),
      );
    const removed = await remove();
    expect(removed.headers.get("Location")).toBe("/admin/materiales");
    expect(await flashOf(removed)).toBe("El material se eliminó.");
    const between = await tableContents();
    expect((await remove()).status).toBe(404);
    expect(await tableContents()).toEqual(between);
  });

  it("a person's data: the second POST is refused as notFound (404) and writes no second audit entry", async () => {
    const email = "borrar.dos.veces@alcaldia.gov.co";
    await ensureParticipant(email, dane.cali);
    const remove = () =>
      call(() => people.action({ request: formRequest("/admin/personas", { email, confirm: email }, { cookie: organizer }), params: {}, context: {} }));
    expect((await remove()).data).toEqual({ deleted: true });
    const between = await tableContents();
    expect(await remove()).toMatchObject({ status: 404, data: { error: { "": ["notFound"] } } });
    expect(await tableContents()).toEqual(between);
  });
});
