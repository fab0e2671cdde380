import { beforeAll, describe, expect, it } from "vitest";
import { withdrawByOrganizer } from "~/features/cities/commands.server";
import * as cityPage from "~/routes/admin.ciudades.$dane/route";
import * as citiesPage from "~/routes/admin.ciudades._index";
import * as recordPage from "~/routes/encuentros.$slug.compromisos_.nuevo";
import * as myRoster from "~/routes/mi-ciudad.directorio";
import { getDb } from "~/server/db.server";
import { cityIdOf, makeCommitment, makeEncounter, makeMaterial, makeOrganizer, makeParticipant, makeRegistration, makeRosterEntry } from "../factories";
import { emailLinkCookie, formRequest, getRequest, organizerCookie } from "../helpers/auth";
import { call, ctx } from "../helpers/route";

// The roster's pages: the organizers' /admin/ciudades and /admin/ciudades/:dane, and a city's own
// /mi-ciudad/directorio, where a focal point signed in by email link keeps the roster. Every
// request reads the roster again: a focal point withdrawn or replaced a moment ago is refused.

const db = () => getDb();
let organizer = "";
let organizerId = 0;
let clients = 0;
const client = () => ctx(`198.51.100.${++clients}`);
const signIn = (email: string) => emailLinkCookie(email, `192.0.2.${++clients}`);

const adminCity = {
  get: (dane: string, cookie = organizer) =>
    call(() => cityPage.loader({ request: getRequest(`/admin/ciudades/${dane}`, cookie), params: { dane }, context: client() })),
  post: (dane: string, fields: Record<string, string>, cookie = organizer) =>
    call(() => cityPage.action({ request: formRequest(`/admin/ciudades/${dane}`, fields, { cookie }), params: { dane }, context: client() })),
};
const mine = {
  get: (cookie?: string) => call(() => myRoster.loader({ request: getRequest("/mi-ciudad/directorio", cookie), params: {}, context: client() })),
  post: (fields: Record<string, string>, cookie?: string) =>
    call(() => myRoster.action({ request: formRequest("/mi-ciudad/directorio", fields, { cookie }), params: {}, context: client() })),
};
const person = (email: string) => ({ fullName: "Lucía Benavides", email, entity: "Secretaría de Gobierno", position: "Profesional de derechos humanos" });
const rosterOf = async (dane: string) =>
  db()
    .selectFrom("city_roster")
    .innerJoin("cities", "cities.id", "city_roster.city_id")
    .innerJoin("participants", "participants.id", "city_roster.participant_id")
    .select(["city_roster.id", "participants.email", "city_roster.role", "city_roster.verified_via"])
    .where("cities.dane", "=", dane)
    .where("city_roster.withdrawn_at", "is", null)
    .orderBy("city_roster.id")
    .execute();

beforeAll(async () => {
  const admin = await makeOrganizer(db(), { role: "admin" });
  organizerId = admin.id;
  organizer = await organizerCookie(admin.email);
});

describe("/admin/ciudades", () => {
  it("lists the 32 capitals with their focal points, verified officials and last activity, for organizers only", async () => {
    const anonymous = await call(() => citiesPage.loader({ request: getRequest("/admin/ciudades"), params: {}, context: client() }));
    expect(anonymous.status).toBe(302);
    const focal = await makeParticipant(db(), { cityDane: "68001", full_name: "Enlace de Bucaramanga" });
    await makeRosterEntry(db(), { participant_id: focal.id, role: "focal_point", verified_at: "2025-03-01T15:00:00.000Z" });
    await makeRosterEntry(db(), { participant_id: (await makeParticipant(db(), { cityDane: "68001" })).id, verified_at: "2025-03-02T15:00:00.000Z" });
    const page = await call(() => citiesPage.loader({ request: getRequest("/admin/ciudades", organizer), params: {}, context: client() }));
    expect(page.status).toBe(200);
    expect(page.data.cities).toHaveLength(32);
    const bucaramanga = page.data.cities.find((c: { dane: string }) => c.dane === "68001");
    expect(bucaramanga).toMatchObject({ name: "Bucaramanga", focalPoints: ["Enlace de Bucaramanga"], verified: 2, lastActivity: "2025-03-02T15:00:00.000Z" });
    expect(page.data.cities.find((c: { dane: string }) => c.dane === "97001")).toMatchObject({ focalPoints: [], verified: 0, lastActivity: null });
  });
});

describe("/admin/ciudades/:dane", () => {
  it("shows the roster, the registrants to verify, the domains and the city's history", async () => {
    expect((await adminCity.get("99999")).status).toBe(404);
    expect((await adminCity.get("11001", "")).status).toBe(302);
    const encounter = await makeEncounter(db(), { title: "Encuentro de Cúcuta" });
    const attended = await makeParticipant(db(), { cityDane: "54001", full_name: "Asistente de Cúcuta" });
    await makeRegistration(db(), { encounter_id: encounter.id, participant_id: attended.id, checked_in_at: new Date().toISOString() });
    await makeRegistration(db(), { encounter_id: encounter.id, participant_id: (await makeParticipant(db(), { cityDane: "54001" })).id });
    await makeRosterEntry(db(), { participant_id: attended.id });
    await makeCommitment(db(), { encounter_id: encounter.id, city_id: await cityIdOf(db(), "54001"), title: "Punto de orientación en la frontera" });
    const material = await makeMaterial(db(), { title: "Guía de la frontera" });
    const version = await db().selectFrom("material_versions").select("id").where("material_id", "=", material.id).executeTakeFirstOrThrow();
    await db().insertInto("downloads").values({ material_version_id: version.id, participant_id: attended.id, via: "page" }).execute();
    const page = await adminCity.get("54001");
    expect(page.status).toBe(200);
    expect(page.data.city).toMatchObject({ name: "Cúcuta", dane: "54001" });
    expect(page.data.roster.map((r: { fullName: string }) => r.fullName)).toEqual(["Asistente de Cúcuta"]);
    expect(page.data.pending).toHaveLength(1);
    expect(page.data.history.encounters).toEqual([expect.objectContaining({ title: "Encuentro de Cúcuta", registered: 2, attended: 1 })]);
    expect(page.data.history.commitments).toEqual([expect.objectContaining({ title: "Punto de orientación en la frontera", status: "proposed" })]);
    expect(page.data.history.downloads).toEqual([expect.objectContaining({ title: "Guía de la frontera", downloads: 1, people: 1 })]);
  });

  it("adds, verifies, names and withdraws; refusals say why with a 4xx and write nothing", async () => {
    const added = await adminCity.post("50001", { intent: "add", ...person("lucia.benavides@villavicencio.gov.co"), role: "focal_point" });
    expect(added.status).toBe(302);
    expect(added.headers.get("Location")).toBe("/admin/ciudades/50001");
    expect(await rosterOf("50001")).toEqual([
      expect.objectContaining({ email: "lucia.benavides@villavicencio.gov.co", role: "focal_point", verified_via: "organizer" }),
    ]);

    const invalid = await adminCity.post("50001", { intent: "add", ...person("no-es-correo"), role: "official" });
    expect(invalid.status).toBe(400);
    expect(invalid.data.error.email).toEqual(["email"]);
    const medellin = await makeRosterEntry(db(), {
      participant_id: (await makeParticipant(db(), { cityDane: "05001", email: "ya.en.medellin@medellin.gov.co" })).id,
    });
    const otherCity = await adminCity.post("50001", { intent: "add", ...person("ya.en.medellin@medellin.gov.co"), role: "official" });
    expect(otherCity.status).toBe(409);
    expect(otherCity.data.error[""]).toEqual(["otherCity"]);
    expect(otherCity.data.cityName).toBe("Medellín");
    // Another city's row named on this city's page.
    expect((await adminCity.post("50001", { intent: "withdraw", rosterId: String(medellin.id) })).status).toBe(404);
    expect((await adminCity.post("50001", { intent: "rumbo", rosterId: "1" })).status).toBe(400);

    const registrant = await makeParticipant(db(), { cityDane: "50001", email: "inscrita@villavicencio.gov.co" });
    expect((await adminCity.post("50001", { intent: "verify", participantId: String(registrant.id) })).status).toBe(302);
    // A registrant of another city is not verified from this city's page.
    const fromCali = await makeParticipant(db(), { cityDane: "76001" });
    expect((await adminCity.post("50001", { intent: "verify", participantId: String(fromCali.id) })).status).toBe(409);
    const row = (await rosterOf("50001")).find((r) => r.email === "inscrita@villavicencio.gov.co")!;
    expect(row).toMatchObject({ role: "official", verified_via: "organizer" });
    expect((await adminCity.post("50001", { intent: "makeFocalPoint", rosterId: String(row.id) })).status).toBe(302);
    expect((await adminCity.post("50001", { intent: "makeFocalPoint", rosterId: String(row.id) })).status).toBe(409);
    expect((await adminCity.post("50001", { intent: "unmakeFocalPoint", rosterId: String(row.id) })).status).toBe(302);
    expect((await adminCity.post("50001", { intent: "withdraw", rosterId: String(row.id) })).status).toBe(302);
    expect((await rosterOf("50001")).map((r) => r.email)).toEqual(["lucia.benavides@villavicencio.gov.co"]);
    const actions = await db()
      .selectFrom("audit_log")
      .select("action")
      .where("actor", "=", `organizer:${organizerId}`)
      .where("action", "like", "city_roster.%")
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual([
      "city_roster.add",
      "city_roster.role",
      "city_roster.role",
      "city_roster.verify",
      "city_roster.withdraw",
    ]);
  });

  it("adds and removes the city's email domains, refusing bad ones on the field", async () => {
    const shared = await adminCity.post("50001", { intent: "addDomain", domain: "gmail.com" });
    expect(shared.status).toBe(400);
    expect(shared.data.error.domain).toEqual(["domainShared"]);
    expect((await adminCity.post("50001", { intent: "addDomain", domain: "villavicencio.gov.co" })).status).toBe(302);
    const taken = await adminCity.post("11001", { intent: "addDomain", domain: "villavicencio.gov.co" });
    expect(taken.status).toBe(409);
    expect(taken.data).toMatchObject({ error: { domain: ["domainTaken"] }, cityName: "Villavicencio" });
    const page = await adminCity.get("50001");
    expect(page.data.domains).toEqual([expect.objectContaining({ domain: "villavicencio.gov.co" })]);
    const id = String(page.data.domains[0].id);
    expect((await adminCity.post("11001", { intent: "removeDomain", domainId: id })).status).toBe(404);
    expect((await adminCity.post("50001", { intent: "removeDomain", domainId: id })).status).toBe(302);
    expect((await adminCity.get("50001")).data.domains).toEqual([]);
  });
});

describe("/mi-ciudad/directorio", () => {
  it("lets a focal point signed in by link add an official, who then records a commitment for the city; a self-registered stranger cannot", async () => {
    const encounter = await makeEncounter(db());
    const focal = await makeParticipant(db(), { cityDane: "47001", email: "enlace@santamarta.gov.co" });
    await makeRosterEntry(db(), { participant_id: focal.id, role: "focal_point" });
    const focalCookie = await signIn(focal.email);
    const page = await mine.get(focalCookie);
    expect(page.data).toMatchObject({ verified: true, focal: true, city: { name: "Santa Marta" } });
    const added = await mine.post({ intent: "add", ...person("nuevo.funcionario@santamarta.gov.co") }, focalCookie);
    expect(added.status).toBe(302);
    expect(await rosterOf("47001")).toEqual([
      expect.objectContaining({ email: "enlace@santamarta.gov.co", role: "focal_point" }),
      expect.objectContaining({ email: "nuevo.funcionario@santamarta.gov.co", role: "official", verified_via: "focal_point" }),
    ]);

    const record = (cookie: string) =>
      call(() =>
        recordPage.action({
          request: formRequest(
            `/encuentros/${encounter.slug}/compromisos/nuevo`,
            {
              title: "Mesa distrital contra la trata en Santa Marta",
              instrument: "PISCC",
              theme: "trafficking",
              dueDate: "2031-12-31",
              responsibleName: "Lucía Benavides",
              responsibleEmail: "nuevo.funcionario@santamarta.gov.co",
              cityDane: "47001",
            },
            { cookie },
          ),
          params: { slug: encounter.slug },
          context: client(),
        }),
      );
    const official = await signIn("nuevo.funcionario@santamarta.gov.co");
    expect((await record(official)).status).toBe(302);
    const stranger = await makeParticipant(db(), { cityDane: "47001", email: "forastero@example.org" });
    await makeRegistration(db(), { encounter_id: encounter.id, participant_id: stranger.id });
    const strangerCookie = await signIn(stranger.email);
    expect((await record(strangerCookie)).status).toBe(403);
    expect((await mine.get(strangerCookie)).data).toEqual({ verified: false });
    expect((await mine.post({ intent: "add", ...person("otro@santamarta.gov.co") }, strangerCookie)).status).toBe(403);
    const commitments = await db()
      .selectFrom("commitments")
      .select("title")
      .where("city_id", "=", await cityIdOf(db(), "47001"))
      .execute();
    expect(commitments).toEqual([{ title: "Mesa distrital contra la trata en Santa Marta" }]);
  });

  it("shows officials the roster without their colleagues' addresses, and refuses their changes", async () => {
    const official = await makeParticipant(db(), { cityDane: "47001", email: "solo.lectura@santamarta.gov.co" });
    await makeRosterEntry(db(), { participant_id: official.id });
    const cookie = await signIn(official.email);
    const page = await mine.get(cookie);
    expect(page.data.focal).toBe(false);
    const emails = page.data.roster.map((r: { role: string; email: string | null }) => [r.role, r.email]);
    expect(emails).toContainEqual(["focal_point", "enlace@santamarta.gov.co"]);
    expect(emails.filter(([role, email]: [string, string | null]) => role === "official" && email !== null)).toEqual([]);
    const row = (await rosterOf("47001")).find((r) => r.email === "nuevo.funcionario@santamarta.gov.co")!;
    const before = await rosterOf("47001");
    const refused = await mine.post({ intent: "withdraw", rosterId: String(row.id) }, cookie);
    expect(refused.status).toBe(403);
    expect(refused.data.error[""]).toEqual(["notFocalPoint"]);
    expect(await rosterOf("47001")).toEqual(before);
  });

  it("takes a focal point's keeping away on the next request once they hand the role on or are withdrawn", async () => {
    const focal = await makeParticipant(db(), { cityDane: "44001" });
    await makeRosterEntry(db(), { participant_id: focal.id, role: "focal_point" });
    const next = await makeParticipant(db(), { cityDane: "44001" });
    const nextRow = await makeRosterEntry(db(), { participant_id: next.id });
    const third = await makeRosterEntry(db(), { participant_id: (await makeParticipant(db(), { cityDane: "44001" })).id });
    const cookie = await signIn(focal.email);
    expect((await mine.post({ intent: "handOver", rosterId: String(nextRow.id) }, cookie)).status).toBe(302);
    // Still an official: the page reads, and changes are refused.
    expect((await mine.get(cookie)).data.focal).toBe(false);
    expect((await mine.post({ intent: "withdraw", rosterId: String(third.id) }, cookie)).status).toBe(403);

    // The new focal point, withdrawn by an organizer while signed in, is sent to sign in again.
    const nextCookie = await signIn(next.email);
    expect((await mine.get(nextCookie)).data.focal).toBe(true);
    await withdrawByOrganizer(db(), next.id, organizerId);
    const after = await mine.post({ intent: "withdraw", rosterId: String(third.id) }, nextCookie);
    expect(after.status).toBe(302);
    expect(after.headers.get("Location")).toBe("/ingresar/enlace?redirectTo=%2Fmi-ciudad%2Fdirectorio");
    expect((await rosterOf("44001")).map((r) => r.id)).toContain(third.id);
  });

  it("sends organizers to the cities' pages and anyone else to sign in", async () => {
    expect((await mine.get(organizer)).headers.get("Location")).toBe("/admin/ciudades");
    expect((await mine.post({ intent: "add", ...person("x@y.gov.co") }, organizer)).headers.get("Location")).toBe("/admin/ciudades");
    expect((await mine.get()).headers.get("Location")).toBe("/ingresar/enlace?redirectTo=%2Fmi-ciudad%2Fdirectorio");
  });
});
