import { beforeAll, describe, expect, it } from "vitest";
import * as checkinPage from "~/routes/admin.encuentros.$slug.acreditacion/route";
import * as registrationsPage from "~/routes/admin.encuentros.$slug.registros/route";
import * as registrationPage from "~/routes/admin.encuentros.$slug.registros_.$id";
import * as feed from "~/routes/ciudades.$dane.compromisos[.ics]";
import * as detail from "~/routes/compromisos.$id._index";
import * as edit from "~/routes/compromisos.$id.editar";
import * as encounterPage from "~/routes/encuentros.$slug._index";
import * as record from "~/routes/encuentros.$slug.compromisos_.nuevo";
import * as registerForm from "~/routes/encuentros.$slug.registro";
import * as confirmLink from "~/routes/ingresar.enlace.$token";
import * as requestLink from "~/routes/ingresar.enlace._index";
import * as myCity from "~/routes/mi-ciudad.compromisos";
import { cancelRegistration } from "~/features/registrations/commands/cancel.server";
import { updateRegistrationByOrganizer } from "~/features/registrations/commands/edit.server";
import { deletePersonData } from "~/features/people/commands.server";
import { cityAuthorityOf } from "~/features/cities/authority.server";
import { getDb } from "~/server/db.server";
import { record as recordCommitment } from "../commitments/helpers";
import { formRequest, getRequest, organizerCookie } from "../helpers/auth";
import { call, ctx } from "../helpers/route";
import { tableContents } from "../helpers/table-contents";
import { makeOpenEncounter, makeOrganizer } from "../factories";

// Issue 14, item 1: a city's authority is granted (by an organizer, or by a check-in at the
// door), never taken from the city a person typed on the public registration form. People
// register for `seguimiento` (3 places per city), so each part uses its own city.

// The admin (the file's first organizer), and the encounter open for registration.
let adminEmail: string;
beforeAll(async () => {
  const db = getDb();
  adminEmail = (await makeOrganizer(db, { role: "admin" })).email;
  await makeOpenEncounter(db, { slug: "seguimiento", capacity: 60, city_quota: 3 });
});

let people = 0;

/** Registers for `seguimiento` on the public form, then signs in by the mailed email link. */
async function registerAndSignIn(cityDane = "11001") {
  people += 1;
  const email = `persona.autoridad.${people}@alcaldia.gov.co`;
  const body = new FormData();
  const fields = { fullName: `Persona Autoridad ${people}`, email, cityDane, entity: "Alcaldía", position: "Asesora", consent: "on" };
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  const registered = await call(() =>
    registerForm.action({
      request: new Request("http://localhost/encuentros/seguimiento/registro", { method: "POST", body }),
      params: { slug: "seguimiento" },
      context: ctx(`203.0.113.${people}`),
    }),
  );
  // The form answers every registration alike ("received"); the personal link goes by mail.
  expect(registered.status).toBe(200);
  expect(registered.data.kind).toBe("received");
  await call(() => requestLink.action({ request: formRequest("/ingresar/enlace", { email }), params: {}, context: ctx(`198.51.100.${people}`) }));
  const mail = await getDb()
    .selectFrom("email_outbox")
    .select("data")
    .where("recipient", "=", email)
    .where("template", "=", "sign-in-link")
    .executeTakeFirstOrThrow();
  const url = String(JSON.parse(mail.data).url);
  const token = url.slice(url.lastIndexOf("/") + 1);
  const signedIn = await call(() => confirmLink.action({ request: formRequest(`/ingresar/enlace/${token}`, {}), params: { token }, context: ctx() }));
  expect(signedIn.status).toBe(302);
  const db = getDb();
  const participant = await db.selectFrom("participants").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  const registration = await db
    .selectFrom("registrations")
    .innerJoin("encounters", "encounters.id", "registrations.encounter_id")
    .select(["registrations.id", "registrations.encounter_id"])
    .where("participant_id", "=", participant.id)
    .where("encounters.slug", "=", "seguimiento")
    .executeTakeFirstOrThrow();
  return {
    email,
    participantId: participant.id,
    registrationId: registration.id,
    encounterId: registration.encounter_id,
    cookie: signedIn.headers.get("Set-Cookie")!.split(";")[0],
  };
}

async function snapshot(id: number) {
  const db = getDb();
  const [commitment, updates] = await Promise.all([
    db.selectFrom("commitments").selectAll().where("id", "=", id).executeTakeFirstOrThrow(),
    db.selectFrom("commitment_updates").selectAll().where("commitment_id", "=", id).execute(),
  ]);
  return { commitment, updates };
}

const editFields = (email: string) => ({
  title: "Compromiso cambiado por quien no habla por Bogotá",
  instrument: "PDT",
  theme: "both",
  dueDate: "2025-12-31",
  responsibleName: "Intrusa",
  responsibleEmail: email,
});

const view = (id: number, cookie: string) =>
  call(() => detail.loader({ request: getRequest(`/compromisos/${id}`, cookie), params: { id: String(id) }, context: ctx() }));
const act = (id: number, cookie: string, fields: Record<string, string>) =>
  call(() => detail.action({ request: formRequest(`/compromisos/${id}`, fields, { cookie }), params: { id: String(id) }, context: ctx() }));
const editPost = (id: number, cookie: string, email: string) =>
  call(() => edit.action({ request: formRequest(`/compromisos/${id}/editar`, editFields(email), { cookie }), params: { id: String(id) }, context: ctx() }));

async function organizerAct(
  module: typeof registrationsPage | typeof registrationPage,
  who: { registrationId: number },
  intent: "verifyCity" | "withdrawCity",
  extra: Record<string, string> = {},
  session?: string,
) {
  const slug = "seguimiento";
  const cookie = session ?? (await organizerCookie());
  if (module === registrationPage) {
    return call(() =>
      registrationPage.action({
        request: formRequest(`/admin/encuentros/${slug}/registros/${who.registrationId}`, { intent, ...extra }, { cookie }),
        params: { slug, id: String(who.registrationId) },
        context: ctx(),
      }),
    );
  }
  return call(() =>
    registrationsPage.action({
      request: formRequest(`/admin/encuentros/${slug}/registros`, { intent, registrationId: String(who.registrationId), ...extra }, { cookie }),
      params: { slug },
      context: ctx(),
    }),
  );
}

describe("a person who registered for Bogotá and signed in by email link", () => {
  it("neither reads nor changes a Bogotá commitment, and nothing is written", async () => {
    const id = await recordCommitment({ dane: "11001" });
    const person = await registerAndSignIn("11001");
    const rows = await tableContents();
    const before = await snapshot(id);

    expect((await view(id, person.cookie)).status).toBe(404);
    expect(
      (await call(() => edit.loader({ request: getRequest(`/compromisos/${id}/editar`, person.cookie), params: { id: String(id) }, context: ctx() }))).status,
    ).toBe(404);
    expect((await editPost(id, person.cookie, person.email)).status).toBe(404);
    expect((await act(id, person.cookie, { intent: "progress", status: "dropped", progress: "0", note: "Descartado" })).status).toBe(404);
    expect((await act(id, person.cookie, { intent: "stopReminders" })).status).toBe(404);

    expect(await tableContents()).toEqual(rows);
    expect(await snapshot(id)).toEqual(before);
  });

  it("is told in plain words that the city's organizers must confirm them, and sees nothing of the city", async () => {
    const id = await recordCommitment({ dane: "11001" });
    const title = (await snapshot(id)).commitment.title;
    const person = await registerAndSignIn("11001");
    const page = await call(() => myCity.loader({ request: getRequest("/mi-ciudad/compromisos", person.cookie), params: {}, context: ctx() }));
    expect(page.status).toBe(200);
    expect(page.data).toEqual({ verified: false });
    expect(JSON.stringify(page.data)).not.toContain(title);

    const form = await call(() =>
      record.loader({ request: getRequest("/encuentros/seguimiento/compromisos/nuevo", person.cookie), params: { slug: "seguimiento" }, context: ctx() }),
    );
    expect(form.data).toEqual({ unverified: true });
    const rows = await tableContents();
    const posted = await call(() =>
      record.action({
        request: formRequest("/encuentros/seguimiento/compromisos/nuevo", editFields(person.email), { cookie: person.cookie }),
        params: { slug: "seguimiento" },
        context: ctx(),
      }),
    );
    expect(posted.status).toBe(403);
    // Refused with the page's own notice, not bare text.
    expect(posted.data).toMatchObject({ unverified: true });
    expect(await tableContents()).toEqual(rows);
    const encounter = await call(() =>
      encounterPage.loader({ request: getRequest("/encuentros/seguimiento", person.cookie), params: { slug: "seguimiento" }, context: ctx() }),
    );
    expect(encounter.data.canRecordCommitment).toBe(false);
  });

  it("has no authority once every registration is cancelled, never having been verified", async () => {
    const person = await registerAndSignIn("11001");
    await cancelRegistration(getDb(), person.registrationId, { actor: "participant:test", byOrganizer: false, notify: false });
    expect(await cityAuthorityOf(getDb(), person.participantId)).toBeNull();
    const page = await call(() => myCity.loader({ request: getRequest("/mi-ciudad/compromisos", person.cookie), params: {}, context: ctx() }));
    expect(page.data).toEqual({ verified: false });
  });
});

describe("verification by an organizer", () => {
  it("is one click on the registrations list, audited with who and when, and opens the city's commitments", async () => {
    const id = await recordCommitment({ dane: "05001" });
    const person = await registerAndSignIn("05001");
    const db = getDb();
    const organizer = await db.selectFrom("organizers").select(["id", "name"]).where("email", "=", adminEmail).executeTakeFirstOrThrow();

    const done = await organizerAct(registrationsPage, person, "verifyCity");
    expect(done.status).toBe(200);
    expect(done.data).toEqual({ ok: true, roster: "verified" });
    const row = await db.selectFrom("city_roster").selectAll().where("participant_id", "=", person.participantId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ verified_via: "organizer", verified_by_organizer_id: organizer.id, withdrawn_at: null, role: "official" });
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "city_roster.verify")
      .where("entity_id", "=", String(person.participantId))
      .executeTakeFirstOrThrow();
    expect(audit.actor).toBe(`organizer:${organizer.id}`);
    expect(audit.created_at).toBeTruthy();

    // The list shows organizers who is verified for their city.
    const organizerSession = await organizerCookie();
    const list = await call(() =>
      registrationsPage.loader({
        request: getRequest(`/admin/encuentros/seguimiento/registros?q=${encodeURIComponent(person.email)}`, organizerSession),
        params: { slug: "seguimiento" },
        context: ctx(),
      }),
    );
    const listed = list.data.rows.find((r: { id: number }) => r.id === person.registrationId);
    expect(listed.roster).toMatchObject({ cityName: "Medellín", via: "organizer", verifiedBy: organizer.name });
    expect(listed.verifiedForOwnCity).toBe(true);

    expect((await view(id, person.cookie)).status).toBe(200);
    const updated = await act(id, person.cookie, { intent: "progress", status: "in_progress", progress: "30", note: "Avanza" });
    expect(updated.status).toBe(200);
    expect((await snapshot(id)).commitment.progress).toBe(30);
    const page = await call(() => myCity.loader({ request: getRequest("/mi-ciudad/compromisos", person.cookie), params: {}, context: ctx() }));
    expect(page.data.verified).toBe(true);
    expect(page.data.commitments.map((c: { id: number }) => c.id)).toContain(id);
  });

  it("is withdrawn from the person's page: access ends at once, sessions included, and the personal calendar stops", async () => {
    const id = await recordCommitment({ dane: "05001" });
    const person = await registerAndSignIn("05001");
    await organizerAct(registrationPage, person, "verifyCity");
    const page = await call(() => myCity.loader({ request: getRequest("/mi-ciudad/compromisos", person.cookie), params: {}, context: ctx() }));
    const key = new URL(page.data.feedUrl).searchParams.get("clave")!;
    const calendar = () =>
      call(() =>
        feed.loader({ request: getRequest(`/ciudades/05001/compromisos.ics?clave=${encodeURIComponent(key)}`), params: { dane: "05001" }, context: ctx() }),
      );
    expect((await calendar()).status).toBe(200);
    expect((await view(id, person.cookie)).status).toBe(200);

    const withdrawn = await organizerAct(registrationPage, person, "withdrawCity");
    expect(withdrawn.data).toEqual({ roster: "withdrawn" });
    const db = getDb();
    expect(await db.selectFrom("sessions").select("id").where("participant_id", "=", person.participantId).execute()).toEqual([]);
    const row = await db.selectFrom("city_roster").selectAll().where("participant_id", "=", person.participantId).executeTakeFirstOrThrow();
    expect(row.withdrawn_at).not.toBeNull();
    expect(row.withdrawn_by_organizer_id).not.toBeNull();
    expect(
      await db
        .selectFrom("audit_log")
        .select("id")
        .where("action", "=", "city_roster.withdraw")
        .where("entity_id", "=", String(person.participantId))
        .execute(),
    ).toHaveLength(1);

    // The old cookie no longer signs anyone in; the personal calendar link answers nothing.
    expect((await view(id, person.cookie)).status).toBe(302);
    expect((await calendar()).status).toBe(404);
  });
});

/** An organizer checks a registration in at the venue (or undoes it), through the check-in page. */
const checkIn = async (registrationId: number, intent: "checkIn" | "undo") =>
  call(async () =>
    checkinPage.action({
      request: formRequest(
        "/admin/encuentros/seguimiento/acreditacion",
        { intent, registrationId: String(registrationId) },
        { cookie: await organizerCookie() },
      ),
      params: { slug: "seguimiento" },
      context: ctx(),
    }),
  );

describe("verification by check-in", () => {
  it("verifies the person for their city in the same step, and undoing the only check-in withdraws it", async () => {
    const id = await recordCommitment({ dane: "76001" });
    const person = await registerAndSignIn("76001");
    expect((await checkIn(person.registrationId, "checkIn")).status).toBe(200);
    const db = getDb();
    const registration = await db.selectFrom("registrations").select("checked_in_at").where("id", "=", person.registrationId).executeTakeFirstOrThrow();
    const row = await db.selectFrom("city_roster").selectAll().where("participant_id", "=", person.participantId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ verified_via: "check_in", verified_at: registration.checked_in_at, withdrawn_at: null });
    expect((await view(id, person.cookie)).status).toBe(200);

    await checkIn(person.registrationId, "undo");
    expect(await cityAuthorityOf(db, person.participantId)).toBeNull();
    expect((await view(id, person.cookie)).status).toBe(302);
  });

  it("never takes back a verification an organizer made", async () => {
    const person = await registerAndSignIn("76001");
    await organizerAct(registrationsPage, person, "verifyCity");
    await checkIn(person.registrationId, "checkIn");
    await checkIn(person.registrationId, "undo");
    expect(await cityAuthorityOf(getDb(), person.participantId)).toMatchObject({ via: "organizer" });
  });
});

describe("a withdrawal by an organizer", () => {
  it("is not undone by a later check-in, until an organizer verifies the person again", async () => {
    const person = await registerAndSignIn("68001");
    await organizerAct(registrationsPage, person, "verifyCity");
    await organizerAct(registrationPage, person, "withdrawCity");
    const db = getDb();
    expect(await db.selectFrom("city_roster").select("withdrawn_reason").where("participant_id", "=", person.participantId).execute()).toEqual([
      { withdrawn_reason: "organizer" },
    ]);

    expect((await checkIn(person.registrationId, "checkIn")).status).toBe(200);
    expect(await cityAuthorityOf(db, person.participantId)).toBeNull();

    await organizerAct(registrationsPage, person, "verifyCity");
    expect(await cityAuthorityOf(db, person.participantId)).toMatchObject({ via: "organizer" });
  });

  it("is told apart from an undone check-in, after which a new check-in verifies again", async () => {
    const person = await registerAndSignIn("68001");
    await checkIn(person.registrationId, "checkIn");
    await checkIn(person.registrationId, "undo");
    const db = getDb();
    expect(await db.selectFrom("city_roster").select("withdrawn_reason").where("participant_id", "=", person.participantId).execute()).toEqual([
      { withdrawn_reason: "check_in_undone" },
    ]);
    await checkIn(person.registrationId, "checkIn");
    expect(await cityAuthorityOf(db, person.participantId)).toMatchObject({ via: "check_in" });
  });
});

describe("a change of a person's city by an organizer", () => {
  const moveTo = async (registrationId: number, cityDane: string) => {
    const organizer = await getDb().selectFrom("organizers").select("id").orderBy("id").executeTakeFirstOrThrow();
    return updateRegistrationByOrganizer(
      getDb(),
      registrationId,
      { fullName: "Persona Trasladada", entity: "Alcaldía", position: "Asesora", phone: null, cityDane, needs: null },
      organizer.id,
    );
  };

  it("withdraws the authority granted for the old city, audited, and the person no longer reads its commitments", async () => {
    const id = await recordCommitment({ dane: "13001" });
    const person = await registerAndSignIn("13001");
    await organizerAct(registrationsPage, person, "verifyCity");
    expect((await view(id, person.cookie)).status).toBe(200);

    expect(await moveTo(person.registrationId, "47001")).toEqual({ ok: true });
    const db = getDb();
    expect(await cityAuthorityOf(db, person.participantId)).toBeNull();
    const row = await db.selectFrom("city_roster").selectAll().where("participant_id", "=", person.participantId).executeTakeFirstOrThrow();
    expect(row.withdrawn_reason).toBe("city_changed");
    const audit = await db
      .selectFrom("audit_log")
      .select(["actor", "data"])
      .where("action", "=", "city_roster.withdraw")
      .where("entity_id", "=", String(person.participantId))
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].data!)).toMatchObject({ reason: "city_changed", rosterId: row.id });
    expect((await view(id, person.cookie)).status).toBe(302);
  });

  it("makes the verify button the organizer loaded before the change refuse, writing nothing", async () => {
    const person = await registerAndSignIn("13001");
    const db = getDb();
    const cartagena = await db.selectFrom("cities").select("id").where("dane", "=", "13001").executeTakeFirstOrThrow();
    await moveTo(person.registrationId, "47001");
    const session = await organizerCookie();
    const rows = await tableContents();
    const stale = await organizerAct(registrationsPage, person, "verifyCity", { cityId: String(cartagena.id) }, session);
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({ initialValue: { intent: "verifyCity" }, error: { "": ["cityChanged"] } });
    const staleOnPage = await organizerAct(registrationPage, person, "verifyCity", { cityId: String(cartagena.id) }, session);
    expect(staleOnPage.status).toBe(409);
    expect(await tableContents()).toEqual(rows);
    expect(await cityAuthorityOf(db, person.participantId)).toBeNull();

    const santaMarta = await db.selectFrom("cities").select("id").where("dane", "=", "47001").executeTakeFirstOrThrow();
    expect((await organizerAct(registrationsPage, person, "verifyCity", { cityId: String(santaMarta.id) })).status).toBe(200);
    expect(await cityAuthorityOf(db, person.participantId)).toMatchObject({ cityId: santaMarta.id });
  });
});

describe("deleting a person's data (Ley 1581)", () => {
  it("audits the withdrawal of their verification, without their personal data", async () => {
    const person = await registerAndSignIn("08001");
    await organizerAct(registrationsPage, person, "verifyCity");
    const db = getDb();
    const row = await db.selectFrom("city_roster").select(["id", "city_id"]).where("participant_id", "=", person.participantId).executeTakeFirstOrThrow();
    await deletePersonData(db, person.email);
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "city_roster.withdraw")
      .where("entity_id", "=", String(person.participantId))
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].data!)).toEqual({ cityId: row.city_id, rosterId: row.id, reason: "person_deleted" });
    expect(JSON.stringify(audit[0])).not.toContain(person.email);
    expect(JSON.stringify(audit[0])).not.toContain("Persona Autoridad");
    expect((await db.selectFrom("city_roster").select("withdrawn_reason").where("id", "=", row.id).executeTakeFirstOrThrow()).withdrawn_reason).toBe(
      "person_deleted",
    );
  });

  it("withdraws their verification and forgets their address in officials' mail", async () => {
    const person = await registerAndSignIn("08001");
    await organizerAct(registrationsPage, person, "verifyCity");
    const db = getDb();
    const city = await db.selectFrom("cities").select("id").where("dane", "=", "08001").executeTakeFirstOrThrow();
    const commitmentId = await recordCommitment({
      dane: "08001",
      actor: { kind: "participant", id: person.participantId, name: "Funcionaria", cityId: city.id },
      fields: { responsibleEmail: "nombrada.borrar@example.net" },
    });
    expect(await db.selectFrom("official_mails").select("recipient").where("commitment_id", "=", commitmentId).execute()).toEqual([
      { recipient: "nombrada.borrar@example.net" },
    ]);

    await deletePersonData(db, person.email);
    await deletePersonData(db, "nombrada.borrar@example.net");
    expect(await cityAuthorityOf(db, person.participantId)).toBeNull();
    expect(await db.selectFrom("official_mails").select("recipient").where("commitment_id", "=", commitmentId).execute()).toEqual([
      { recipient: "eliminado@anonimo.invalid" },
    ]);
  });
});
