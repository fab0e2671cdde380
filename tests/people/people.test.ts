import { beforeAll, describe, expect, it } from "vitest";
import { encounterReport } from "~/features/reports/queries.server";
import * as exportRoute from "~/routes/admin.personas.exportar";
import * as people from "~/routes/admin.personas";
import { getDb } from "~/server/db.server";
import { formRequest, getRequest, organizerCookie, participantCookie } from "../helpers/auth";
import { record, writeResponsibleUpdate } from "../commitments/helpers";
import { call } from "../helpers/route";
import { makeOrganizer, makeRegistration } from "../factories";
import { addToRoster } from "~/features/cities/members.server";
import { focalPointsOf } from "~/features/cities/queries.server";

// The admin who may delete people's data.
let adminEmail: string;
beforeAll(async () => {
  adminEmail = (await makeOrganizer(getDb(), { role: "admin" })).email;
});

/** A person who came to an encounter: registered, checked in. */
async function demoAttendee() {
  const db = getDb();
  const registration = await makeRegistration(db, { checked_in_at: new Date().toISOString() });
  const person = await db.selectFrom("participants").select(["id", "email"]).where("id", "=", registration.participant_id).executeTakeFirstOrThrow();
  return { ...person, encounterId: registration.encounter_id };
}

describe("one person's data (Ley 1581)", () => {
  it("exports a copy of everything about the person, for organizers only", async () => {
    const person = await demoAttendee();
    const anon = await call(() => exportRoute.loader({ request: getRequest(`/admin/personas/exportar?email=${person.email}`), params: {}, context: {} }));
    expect(anon.status).toBe(302);
    const authority = await participantCookie(person.id);
    const self = await call(() =>
      exportRoute.loader({ request: getRequest(`/admin/personas/exportar?email=${person.email}`, authority), params: {}, context: {} }),
    );
    expect(self.status).toBe(302);
    const organizer = await organizerCookie(adminEmail);
    const r = await call(() =>
      exportRoute.loader({ request: getRequest(`/admin/personas/exportar?email=${person.email}`, organizer), params: {}, context: {} }),
    );
    expect(r.status).toBe(200);
    expect(r.data.participant.email).toBe(person.email);
    expect(r.data.registrations.length).toBeGreaterThan(0);
    const bad = await call(() => exportRoute.loader({ request: getRequest(`/admin/personas/exportar?email=nope`, organizer), params: {}, context: {} }));
    expect(bad.status).toBe(400);
  });

  it("deletes the person but keeps the anonymous counts", async () => {
    const db = getDb();
    const person = await demoAttendee();
    const authority = await participantCookie(person.id);
    const before = await encounterReport(db, person.encounterId);
    const organizer = await organizerCookie(adminEmail);

    const mismatch = await call(() =>
      people.action({ request: formRequest("/admin/personas", { email: person.email, confirm: "otra@x.co" }, { cookie: organizer }), params: {}, context: {} }),
    );
    expect(mismatch.status).toBe(400);
    expect((await db.selectFrom("participants").select("email").where("id", "=", person.id).executeTakeFirstOrThrow()).email).toBe(person.email);

    const asAuthority = await call(() =>
      people.action({
        request: formRequest("/admin/personas", { email: person.email, confirm: person.email }, { cookie: authority }),
        params: {},
        context: {},
      }),
    );
    expect(asAuthority.status).toBe(302);

    const ok = await call(() =>
      people.action({
        request: formRequest("/admin/personas", { email: person.email, confirm: person.email }, { cookie: organizer }),
        params: {},
        context: {},
      }),
    );
    expect(ok.data.deleted).toBe(true);
    const row = await db.selectFrom("participants").selectAll().where("id", "=", person.id).executeTakeFirstOrThrow();
    expect(row.email).not.toBe(person.email);
    expect(row.full_name).toBe("Persona eliminada");
    expect(await db.selectFrom("sessions").select("id").where("participant_id", "=", person.id).execute()).toHaveLength(0);
    const after = await encounterReport(db, person.encounterId);
    expect(after.totals).toEqual(before.totals);
    const search = await call(() => people.loader({ request: getRequest(`/admin/personas?email=${person.email}`, organizer), params: {}, context: {} }));
    expect(search.data.person).toBeNull();
    const audit = await db.selectFrom("audit_log").select("data").where("action", "=", "person.delete").executeTakeFirstOrThrow();
    expect(audit.data ?? "").not.toContain(person.email);
  });
});

describe("a city's focal point is a person too", () => {
  it("finds, exports and deletes the focal point: off the roster, the position held there erased", async () => {
    const db = getDb();
    const email = "enlace.trata@medellin.gov.co";
    const medellin = await db.selectFrom("cities").select("id").where("dane", "=", "05001").executeTakeFirstOrThrow();
    const admin = await db.selectFrom("organizers").select("id").where("email", "=", adminEmail).executeTakeFirstOrThrow();
    const added = await addToRoster(
      db,
      { kind: "organizer", id: admin.id },
      { cityId: medellin.id, person: { fullName: "Enlace de Trata", email, entity: "Alcaldía", position: "Enlace de trata" }, role: "focal_point" },
    );
    if (!added.ok) throw new Error(added.reason);
    const organizer = await organizerCookie(adminEmail);
    const found = await call(() => people.loader({ request: getRequest(`/admin/personas?email=${email}`, organizer), params: {}, context: {} }));
    expect(found.data.person.focalPointFor).toEqual([expect.objectContaining({ city: "Medellín" })]);
    const copy = await call(() => exportRoute.loader({ request: getRequest(`/admin/personas/exportar?email=${email}`, organizer), params: {}, context: {} }));
    expect(copy.data.focalPointFor).toHaveLength(1);
    expect(copy.data.cityRoster).toEqual([expect.objectContaining({ city: "Medellín", role: "focal_point", position: "Enlace de trata" })]);
    const ok = await call(() =>
      people.action({ request: formRequest("/admin/personas", { email, confirm: email }, { cookie: organizer }), params: {}, context: {} }),
    );
    expect(ok.data.deleted).toBe(true);
    const row = await db.selectFrom("city_roster").select(["withdrawn_reason", "position"]).where("id", "=", added.rosterId).executeTakeFirstOrThrow();
    expect(row).toEqual({ withdrawn_reason: "person_deleted", position: "" });
    expect((await focalPointsOf(db, medellin.id)).map((f) => f.rosterId)).not.toContain(added.rosterId);
  });
});

describe("the history keeps what happened, not who", () => {
  it("removes a responsible official's name and address from updates and audit entries", async () => {
    const db = getDb();
    const email = "marta.ruiz@example.org";
    const id = await record({ fields: { responsibleEmail: email, responsibleName: "Marta Ruiz" } });
    await writeResponsibleUpdate(id, { name: "Marta Ruiz", email }, { by: "Marta Ruiz", email });
    const mentions = async () =>
      (await db.selectFrom("audit_log").select(["actor", "data"]).execute()).filter(
        (r) => `${r.actor} ${r.data}`.includes(email) || `${r.data}`.includes("Marta Ruiz"),
      ).length;
    expect(await mentions()).toBeGreaterThan(1);

    const organizer = await organizerCookie(adminEmail);
    const ok = await call(() =>
      people.action({ request: formRequest("/admin/personas", { email, confirm: email }, { cookie: organizer }), params: {}, context: {} }),
    );
    expect(ok.data.deleted).toBe(true);
    expect(await mentions()).toBe(0);
    const authors = await db.selectFrom("commitment_updates").select("author_name").where("commitment_id", "=", id).execute();
    expect(authors.map((a) => a.author_name)).not.toContain("Marta Ruiz");
    expect(await db.selectFrom("commitment_updates").select("id").where("commitment_id", "=", id).execute()).toHaveLength(authors.length);
  });
});

describe("who may delete", () => {
  it("lets any organizer search and copy, but only an admin delete", async () => {
    const db = getDb();
    await makeOrganizer(db, { email: "equipo@convoca.test", name: "Equipo de campo", role: "organizer" });
    const fieldTeam = await organizerCookie("equipo@convoca.test");
    const person = await demoAttendee();
    const page = await call(() => people.loader({ request: getRequest(`/admin/personas?email=${person.email}`, fieldTeam), params: {}, context: {} }));
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ canDelete: false });
    expect(page.data.person.email).toBe(person.email);
    const copy = await call(() =>
      exportRoute.loader({ request: getRequest(`/admin/personas/exportar?email=${person.email}`, fieldTeam), params: {}, context: {} }),
    );
    expect(copy.status).toBe(200);

    const refused = await call(() =>
      people.action({
        request: formRequest("/admin/personas", { email: person.email, confirm: person.email }, { cookie: fieldTeam }),
        params: {},
        context: {},
      }),
    );
    expect(refused.status).toBe(403);
    expect(String(refused.data)).toContain("administr");
    expect((await db.selectFrom("participants").select("email").where("id", "=", person.id).executeTakeFirstOrThrow()).email).toBe(person.email);
    const adminCookie = await organizerCookie(adminEmail);
    const admin = await call(() => people.loader({ request: getRequest(`/admin/personas?email=${person.email}`, adminCookie), params: {}, context: {} }));
    expect(admin.data.canDelete).toBe(true);
  });
});
