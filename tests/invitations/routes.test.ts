import { beforeAll, describe, expect, it } from "vitest";
import * as admin from "~/routes/admin.encuentros.$slug.invitaciones/route";
import * as page from "~/routes/delegacion.$token/route";
import * as manage from "~/routes/inscripcion.$token";
import { getDb } from "~/server/db.server";
import { inviteCities } from "~/features/invitations/commands/invite.server";
import { addStandardSet } from "~/features/questions/commands.server";
import { dane, makeFocalPoint, makeOrganizer, makeParticipant, makeQuestion, makeRosterEntry } from "../factories";
import { formRequest, getRequest, organizerCookie } from "../helpers/auth";
import { renderAfterPost, renderPage } from "../helpers/rendered-page";
import { call, ctx } from "../helpers/route";
import { tableContents } from "../helpers/table-contents";
import { cityId, invitationToken, manageToken, openEncounter } from "./helpers";

// Issue 16, sections 2 and 3 through their routes: every refusal is a 4xx with the form's
// reply (or the styled refusal of a link), and writes nothing; what works answers with a
// redirect and a flash, or the page.

let cookie: string;
let organizerId: number;
beforeAll(async () => {
  const organizer = await makeOrganizer(getDb());
  organizerId = organizer.id;
  cookie = await organizerCookie(organizer.email);
});

const adminUrl = (slug: string) => `/admin/encuentros/${slug}/invitaciones`;
const adminPost = (slug: string, fields: Record<string, string> | URLSearchParams, withCookie: string | undefined = cookie) =>
  call(() =>
    admin.action({
      request: new Request(`http://localhost${adminUrl(slug)}`, {
        method: "POST",
        body: fields instanceof URLSearchParams ? fields : new URLSearchParams(fields),
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...(withCookie ? { Cookie: withCookie } : {}) },
      }),
      params: { slug },
      context: ctx(),
    }),
  );
const open = (token: string, ip = "198.51.100.61") =>
  call(() => page.loader({ request: getRequest(`/delegacion/${token}`), params: { token }, context: ctx(ip) }));
const post = (token: string, fields: Record<string, string>, ip = "198.51.100.62") =>
  call(() => page.action({ request: formRequest(`/delegacion/${token}`, fields), params: { token }, context: ctx(ip) }));
const rowFields = (rows: Array<Record<string, string>>) =>
  Object.fromEntries(rows.flatMap((row, i) => Object.entries(row).map(([k, v]) => [`delegates[${i}].${k}`, v])));
const person = (n: string, email = `persona.${n}@alcaldia.gov.co`) => ({ fullName: `Persona ${n}`, email, entity: "Alcaldía", position: "Asesora" });

async function invitedCity(city: string, quota = 2) {
  const db = getDb();
  const encounter = await openEncounter(db, { quota });
  const address = `enlace.${city}.${encounter.id}@alcaldia.gov.co`;
  await inviteCities(db, encounter.id, [{ cityId: await cityId(city), typedEmail: address }], { organizerId });
  return { encounter, token: await invitationToken(address) };
}

describe("the organizers' invitations page", () => {
  it("shows the grid of the 32 capitals to organizers, and sends anyone else to sign in", async () => {
    const encounter = await openEncounter();
    const shown = await call(() => admin.loader({ request: getRequest(adminUrl(encounter.slug), cookie), params: { slug: encounter.slug }, context: ctx() }));
    expect(shown.status).toBe(200);
    expect(shown.data.rows).toHaveLength(32);
    expect(shown.data.rows.every((r: { state: string }) => r.state === "not_invited")).toBe(true);
    const anonymous = await call(() => admin.loader({ request: getRequest(adminUrl(encounter.slug)), params: { slug: encounter.slug }, context: ctx() }));
    expect(anonymous.status).toBe(302);
    expect((await adminPost(encounter.slug, { intent: "remind" }, undefined)).status).toBe(302);
  });

  it("invites the chosen cities: a city without a focal point needs an address, else nothing is written", async () => {
    const db = getDb();
    const encounter = await openEncounter(db);
    const focal = await makeFocalPoint(db, "15001");
    const chosen = new URLSearchParams([
      ["intent", "inviteChosen"],
      ["cities", "15001"],
      ["cities", "17001"],
      ["cities", "18001"],
      ["address.17001", "enlace@manizales.gov.co"],
    ]);
    const before = await tableContents();
    const refused = await adminPost(encounter.slug, chosen);
    expect(refused.status).toBe(400);
    expect(refused.data.error).toEqual({ "": ["noAddresses"], "address.18001": ["noAddress"] });
    expect(await tableContents()).toEqual(before);
    // The page after the refusal says which city needs an address, in the reader's language.
    const html = await renderAfterPost(
      admin,
      "admin/encuentros/:slug/invitaciones",
      new Request(`http://localhost${adminUrl(encounter.slug)}`, {
        method: "POST",
        body: chosen,
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
      }),
      400,
      ctx(),
    );
    expect(html).toContain("Escriba el correo al que enviaremos la invitación de esta ciudad.");
    expect(html).toContain('aria-label="Elegir Manizales" checked=""');
    expect(html).not.toContain('aria-label="Elegir Cali" checked=""');

    chosen.append("address.18001", "enlace@florencia.gov.co");
    const done = await adminPost(encounter.slug, chosen);
    expect(done.status).toBe(302);
    expect(done.headers.get("Set-Cookie")).toContain("convoca_flash=");
    const invited = await db
      .selectFrom("invitations")
      .innerJoin("cities", "cities.id", "invitations.city_id")
      .select(["cities.dane", "invitations.focal_point_id", "invitations.typed_email"])
      .where("invitations.encounter_id", "=", encounter.id)
      .orderBy("cities.dane")
      .execute();
    expect(invited).toEqual([
      { dane: "15001", focal_point_id: focal.id, typed_email: null },
      { dane: "17001", focal_point_id: null, typed_email: "enlace@manizales.gov.co" },
      { dane: "18001", focal_point_id: null, typed_email: "enlace@florencia.gov.co" },
    ]);
  });

  it("refuses bad input with a 4xx and writes nothing", async () => {
    const encounter = await openEncounter();
    const before = await tableContents();
    const answers = [
      await adminPost(encounter.slug, { intent: "inviteChosen" }),
      await adminPost(encounter.slug, { intent: "inviteRegion", region: "marte" }),
      await adminPost(encounter.slug, { intent: "inviteAll", "address.11001": "no-es-correo" }),
      await adminPost(encounter.slug, { intent: "resend", city: "11001" }),
      await adminPost(encounter.slug, { intent: "withdraw", city: "1" }),
      await adminPost(encounter.slug, { intent: "reminderDays", days: "61" }),
      await adminPost(encounter.slug, { intent: "otra" }),
    ];
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 409, 400, 400, 400]);
    expect(answers[0].data.error).toMatchObject({ cities: ["noCities"] });
    expect(await tableContents()).toEqual(before);
    const draft = await openEncounter();
    await getDb().updateTable("encounters").set({ status: "draft" }).where("id", "=", draft.id).execute();
    const beforeDraft = await tableContents();
    expect((await adminPost(draft.slug, { intent: "inviteRegion", region: "insular", "address.88001": "enlace@sanandres.gov.co" })).status).toBe(409);
    expect(await tableContents()).toEqual(beforeDraft);
  });

  it("sets the automatic reminder's days", async () => {
    const encounter = await openEncounter();
    expect((await adminPost(encounter.slug, { intent: "reminderDays", days: "5" })).status).toBe(302);
    const row = await getDb().selectFrom("encounters").select("invitation_reminder_days").where("id", "=", encounter.id).executeTakeFirstOrThrow();
    expect(row.invitation_reminder_days).toBe(5);
  });
});

describe("the delegation page", () => {
  it("opens with a genuine link, marking the invitation opened; forged, withdrawn and expired links get the styled refusal", async () => {
    const db = getDb();
    const { encounter, token } = await invitedCity(dane.bogota);
    await db.updateTable("encounters").set({ contact_email: "contacto@asociacion.org" }).where("id", "=", encounter.id).execute();
    const shown = await open(token);
    expect(shown.status).toBe(200);
    expect(shown.data).toMatchObject({ state: "ok", city: "Bogotá D.C.", places: { quota: 2, taken: 0, left: 2 }, startingRows: 2, open: true, delegates: [] });
    expect(shown.headers.get("Cache-Control")).toBe("private, no-store");
    const invitation = await db.selectFrom("invitations").select(["status", "opened_at"]).where("encounter_id", "=", encounter.id).executeTakeFirstOrThrow();
    expect(invitation.status).toBe("opened");

    const before = await tableContents();
    const forged = await open(`${token.slice(0, -2)}xx`);
    expect(forged.status).toBe(404);
    expect(forged.data).toMatchObject({ state: "refused", refusal: { state: "invalid", encounter: null } });
    expect((await post(`${token.slice(0, -2)}xx`, { intent: "decline", reason: "No" })).status).toBe(404);
    expect(await tableContents()).toEqual(before);

    const html = await renderAfterPost(page, "delegacion/:token", getRequest(`/delegacion/${token.slice(0, -2)}xx`), 404, ctx("198.51.100.63"));
    expect(html).toContain('class="error-page"');
    expect(html).toContain("Este enlace de invitación no sirve");

    await db.updateTable("invitations").set({ link_version: 2 }).where("encounter_id", "=", encounter.id).execute();
    const withdrawn = await open(token);
    expect(withdrawn.status).toBe(410);
    expect(withdrawn.data.refusal).toMatchObject({ state: "withdrawn", contacts: ["contacto@asociacion.org"], encounter: { slug: encounter.slug } });
    await db.updateTable("invitations").set({ link_version: 1 }).where("encounter_id", "=", encounter.id).execute();
    await db.updateTable("encounters").set({ status: "closed" }).where("id", "=", encounter.id).execute();
    const expired = await open(token);
    expect(expired.status).toBe(410);
    expect(expired.data.refusal.state).toBe("expired");
    const expiredHtml = await renderAfterPost(page, "delegacion/:token", getRequest(`/delegacion/${token}`), 410, ctx("198.51.100.64"));
    expect(expiredHtml).toContain("mailto:contacto@asociacion.org");
  });

  it("registers several people at once; beyond the places they wait, and the flash says so", async () => {
    const db = getDb();
    const { encounter, token } = await invitedCity(dane.cali, 2);
    const answer = await post(token, { intent: "register", ...rowFields([person("c1"), person("c2"), {}, person("c3")]) });
    expect(answer.status).toBe(303);
    expect(answer.headers.get("Location")).toBe(`/delegacion/${token}`);
    const regs = await db
      .selectFrom("registrations")
      .innerJoin("participants", "participants.id", "registrations.participant_id")
      .select(["participants.email", "registrations.status"])
      .where("registrations.encounter_id", "=", encounter.id)
      .orderBy("registrations.id")
      .execute();
    expect(regs.map((r) => r.status)).toEqual(["confirmed", "confirmed", "waitlisted"]);
    const shown = await open(token);
    expect(shown.data.delegates.map((d: { status: string; consentPending: boolean }) => [d.status, d.consentPending])).toEqual([
      ["confirmed", true],
      ["confirmed", true],
      ["waitlisted", true],
    ]);
    expect(shown.data.places).toEqual({ quota: 2, taken: 2, left: 0 });
  });

  it("refuses rows with a 400 on the row's field, naming another city's roster, and writes nothing", async () => {
    const db = getDb();
    const { token } = await invitedCity(dane.ibague);
    const medellin = await makeParticipant(db, { cityDane: dane.medellin, email: "oficial.ruta@medellin.gov.co" });
    await makeRosterEntry(db, { participant_id: medellin.id });
    const before = await tableContents();
    const roster = await post(token, { intent: "register", ...rowFields([person("r1"), person("r2", medellin.email)]) });
    expect(roster.status).toBe(400);
    expect(roster.data.error).toEqual({ "delegates[1].email": ["otherCityRoster:Medellín"] });
    const incomplete = await post(token, { intent: "register", ...rowFields([person("r3"), { fullName: "Sin correo" }]) });
    expect(incomplete.status).toBe(400);
    expect(incomplete.data.error).toMatchObject({ "delegates[1].email": ["incomplete"], "delegates[1].entity": ["incomplete"] });
    const empty = await post(token, { intent: "register", ...rowFields([{}, {}]) });
    expect(empty.status).toBe(400);
    expect(empty.data.error).toMatchObject({ delegates: ["noDelegates"] });
    const badEmail = await post(token, { intent: "register", ...rowFields([{ ...person("r4"), email: "no es correo" }]) });
    expect(badEmail.data.error).toMatchObject({ "delegates[0].email": ["email"] });
    expect(await tableContents()).toEqual(before);
    // The page says why, naming the city.
    const html = await renderAfterPost(
      page,
      "delegacion/:token",
      formRequest(`/delegacion/${token}`, { intent: "register", ...rowFields([person("r1"), person("r2", medellin.email)]) }),
      400,
      ctx("198.51.100.65"),
    );
    expect(html).toContain("Este correo está en el directorio de Medellín");
  });

  it("asks each person the encounter's questions, never the sensitive ones, and keeps each row's answers", async () => {
    const db = getDb();
    const { encounter, token } = await invitedCity(dane.riohacha, 3);
    const role = await makeQuestion(db, { encounter_id: encounter.id, kind: "one_choice", required: 1 });
    const diet = await makeQuestion(db, { encounter_id: encounter.id, kind: "short_text" });
    await addStandardSet(db, encounter.id, "test");
    const shown = await open(token);
    expect(shown.data.questions.map((q: { id: number }) => q.id)).toEqual([role.id, diet.id]);
    const html = await renderPage(page, "delegacion/:token", getRequest(`/delegacion/${token}`), ctx("198.51.100.66"));
    expect(html).toContain(`name="d0-q-${role.id}"`);
    expect(html).not.toContain("sensitiveConsent");

    // A filled row without its required answer: refused on that row's field, nothing written.
    const before = await tableContents();
    const missing = await post(token, { intent: "register", ...rowFields([person("q1"), person("q2")]), [`d0-q-${role.id}`]: "a" });
    expect(missing.status).toBe(400);
    expect(missing.data.error).toEqual({ [`d1-q-${role.id}`]: ["required"] });
    const foreign = await post(token, { intent: "register", ...rowFields([person("q1")]), [`d0-q-${role.id}`]: "z" });
    expect(foreign.status).toBe(400);
    expect(foreign.data.error).toEqual({ [`d0-q-${role.id}`]: ["notAnOption"] });
    expect(await tableContents()).toEqual(before);

    // The blank row in between asks nothing; each person's answers are kept with their registration.
    const fields = {
      intent: "register",
      ...rowFields([person("q1"), {}, person("q2")]),
      [`d0-q-${role.id}`]: "a",
      [`d0-q-${diet.id}`]: "Vegetariana",
      [`d2-q-${role.id}`]: "b",
    };
    expect((await post(token, fields)).status).toBe(303);
    const kept = await db
      .selectFrom("registration_answers")
      .innerJoin("registrations", "registrations.id", "registration_answers.registration_id")
      .innerJoin("participants", "participants.id", "registrations.participant_id")
      .select(["participants.email", "registration_answers.question_id", "registration_answers.value"])
      .where("registrations.encounter_id", "=", encounter.id)
      .orderBy("participants.email")
      .orderBy("registration_answers.question_id")
      .execute();
    expect(kept).toEqual([
      { email: person("q1").email, question_id: role.id, value: "a" },
      { email: person("q1").email, question_id: diet.id, value: "Vegetariana" },
      { email: person("q2").email, question_id: role.id, value: "b" },
    ]);
  });

  it("adds a row without JavaScript: the form comes back with one more row, nothing written", async () => {
    const { token } = await invitedCity(dane.barranquilla);
    const before = await tableContents();
    const fields = {
      intent: "register",
      // A browser sends the blank row's fields too, empty.
      ...rowFields([person("n1"), { fullName: "", email: "", entity: "", position: "" }]),
      __intent__: JSON.stringify({ type: "insert", payload: { name: "delegates" } }),
    };
    const answer = await post(token, fields);
    expect(answer.status).toBe(200);
    expect(answer.data.intent).toMatchObject({ type: "insert", payload: { name: "delegates" } });
    expect(await tableContents()).toEqual(before);
    const html = await renderAfterPost(page, "delegacion/:token", formRequest(`/delegacion/${token}`, fields), 200, ctx("198.51.100.66"));
    expect(html).toContain('name="delegates[2].fullName"');
    expect(html).toContain('value="Persona n1"');
  });

  it("replaces, cancels and declines through the page; a stranger's registration is refused", async () => {
    const db = getDb();
    const { encounter, token } = await invitedCity(dane.cartagena, 3);
    await post(token, { intent: "register", ...rowFields([person("p1"), person("p2")]) });
    const [first, second] = (await open(token)).data.delegates as Array<{ id: number }>;
    expect((await post(token, { intent: "replace", registrationId: String(first.id), ...person("p3") })).status).toBe(303);
    expect((await post(token, { intent: "replace", registrationId: String(second.id), ...person("p4"), email: "mal" })).status).toBe(400);
    const before = await tableContents();
    const stranger = await call(() =>
      page.action({ request: formRequest(`/delegacion/${token}`, { intent: "cancel", registrationId: "999999" }), params: { token }, context: ctx() }),
    );
    expect(stranger.status).toBe(409);
    expect(await tableContents()).toEqual(before);
    const declineTooSoon = await post(token, { intent: "decline", reason: "Sin presupuesto" });
    expect(declineTooSoon.status).toBe(409);
    for (const d of (await open(token)).data.delegates as Array<{ id: number }>) {
      expect((await post(token, { intent: "cancel", registrationId: String(d.id) })).status).toBe(303);
    }
    expect((await post(token, { intent: "decline", reason: "" })).status).toBe(400);
    expect((await post(token, { intent: "decline", reason: "Sin presupuesto de viaje" })).status).toBe(303);
    const row = await db.selectFrom("invitations").select(["status", "decline_reason"]).where("encounter_id", "=", encounter.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "declined", decline_reason: "Sin presupuesto de viaje" });
  });

  it("lets a delegate give their own consent on the first visit of their personal link", async () => {
    const { token } = await invitedCity(dane.medellin);
    await post(token, { intent: "register", ...rowFields([person("consiente")]) });
    const personal = await manageToken("persona.consiente@alcaldia.gov.co");
    const gate = await call(() =>
      manage.loader({ request: getRequest(`/inscripcion/${personal}`), params: { token: personal }, context: ctx("198.51.100.67") }),
    );
    expect(gate.data).toMatchObject({ found: true, consentPending: true, source: "delegation" });
    const html = await renderAfterPost(manage as never, "inscripcion/:token", getRequest(`/inscripcion/${personal}`), 200, ctx("198.51.100.68"));
    expect(html).toContain("La persona enlace de su ciudad lo inscribió en la delegación");
    const given = await call(() =>
      manage.action({
        request: formRequest(`/inscripcion/${personal}`, { intent: "consent", consent: "on" }),
        params: { token: personal },
        context: ctx("198.51.100.67"),
      }),
    );
    expect(given.status).toBe(303);
    expect((await open(token)).data.delegates[0].consentPending).toBe(false);
  });
});
