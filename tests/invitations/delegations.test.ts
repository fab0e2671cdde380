import { describe, expect, it } from "vitest";
import { getDb } from "~/server/db.server";
import { inviteCities } from "~/features/invitations/commands/invite.server";
import { cancelDelegate, declineInvitation, markOpened, registerDelegates } from "~/features/invitations/commands/delegation.server";
import { replaceDelegate } from "~/features/invitations/commands/replace.server";
import { delegationOf, invitationGrid } from "~/features/invitations/queries/invitations.server";
import { registerForEncounter } from "~/features/registrations/commands/register.server";
import { dane, makeFocalPoint, makeOrganizer, makeParticipant, makeRegistration, makeRosterEntry } from "../factories";
import { tableContents } from "../helpers/table-contents";
import { cityId, delegate, mails, openEncounter, rows } from "./helpers";

// Issue 16, section 3: the focal point registers several people at once within the city's
// places (beyond them, on the waiting list), replaces and cancels delegates, or declines; each
// delegate gets their own mail and personal link, consent pending. A person on another city's
// roster is refused with the reason; a refused row writes nothing at all.

async function invited(options: { quota?: number; capacity?: number; city?: string } = {}) {
  const db = getDb();
  const organizer = await makeOrganizer(db);
  const encounter = await openEncounter(db, { quota: options.quota ?? 3, capacity: options.capacity });
  const city = options.city ?? dane.bogota;
  const focal = await makeFocalPoint(db, city);
  const result = await inviteCities(db, encounter.id, [{ cityId: await cityId(city), typedEmail: null }], { organizerId: organizer.id });
  expect(result.ok).toBe(true);
  const invitation = await db.selectFrom("invitations").selectAll().where("encounter_id", "=", encounter.id).executeTakeFirstOrThrow();
  return { encounter, invitation, focal };
}

const statuses = async (invitationId: number) => (await delegationOf(getDb(), invitationId)).map((d) => [d.email, d.status]);
const placesOf = async (encounterId: number, city: string) =>
  (
    await getDb()
      .selectFrom("encounter_city_places")
      .select("confirmed_count")
      .where("encounter_id", "=", encounterId)
      .where("city_id", "=", await cityId(city))
      .executeTakeFirst()
  )?.confirmed_count ?? 0;

describe("registering a delegation", () => {
  it("registers several people at once within the city's places, each with their own mail and pending consent", async () => {
    const db = getDb();
    const { encounter, invitation, focal } = await invited({ quota: 3 });
    expect(await markOpened(db, invitation.id)).toBe(true);
    expect(await markOpened(db, invitation.id)).toBe(false);
    const people = [delegate("a1"), delegate("a2"), delegate("a3")];
    const result = await registerDelegates(db, invitation.id, rows(...people), { locale: "es" });
    expect(result).toMatchObject({ ok: true, tally: { confirmed: 3, waitlisted: 0, already: 0 } });
    expect(await statuses(invitation.id)).toEqual(people.map((p) => [p.email, "confirmed"]));
    const regs = await db
      .selectFrom("registrations")
      .select(["source", "consent_pending", "invitation_id", "registered_by_participant_id"])
      .where("invitation_id", "=", invitation.id)
      .execute();
    expect(regs).toEqual(
      people.map(() => ({ source: "delegation", consent_pending: 1, invitation_id: invitation.id, registered_by_participant_id: focal.id })),
    );
    // One confirmation each, with their own personal link and the word that their city's focal point registered them.
    const confirmations = (await mails("registration-confirmed")).filter((m) => people.some((p) => p.email === m.recipient));
    expect(confirmations.map((m) => m.recipient).sort()).toEqual(people.map((p) => p.email).sort());
    expect(new Set(confirmations.map((m) => m.data.manageUrl)).size).toBe(3);
    expect(confirmations.every((m) => (m.data.delegation as { city: string }).city === "Bogotá D.C.")).toBe(true);
    const row = await db.selectFrom("invitations").select(["status", "responded_at", "opened_at"]).where("id", "=", invitation.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("registered");
    expect(row.responded_at).not.toBeNull();
    const grid = (await invitationGrid(db, encounter)).find((r) => r.invitationId === invitation.id)!;
    expect(grid).toMatchObject({ state: "registered", delegation: { confirmed: 3, waitlisted: 0 }, places: { taken: 3, quota: 3 } });
  });

  it("puts the people beyond the city's places on the waiting list, and says how many", async () => {
    const db = getDb();
    const { encounter, invitation } = await invited({ quota: 2, city: dane.cali });
    const result = await registerDelegates(db, invitation.id, rows(delegate("b1"), delegate("b2"), delegate("b3")), { locale: "en" });
    expect(result).toMatchObject({ ok: true, tally: { confirmed: 2, waitlisted: 1, already: 0 } });
    expect(await statuses(invitation.id)).toEqual([
      ["delegada.b1@alcaldia.gov.co", "confirmed"],
      ["delegada.b2@alcaldia.gov.co", "confirmed"],
      ["delegada.b3@alcaldia.gov.co", "waitlisted"],
    ]);
    expect(await placesOf(encounter.id, dane.cali)).toBe(2);
    const waiting = (await mails("registration-waitlisted")).find((m) => m.recipient === "delegada.b3@alcaldia.gov.co")!;
    expect(waiting.locale).toBe("en");
    expect(waiting.data).toMatchObject({ full: { city: "Cali", places: 2 }, delegation: { city: "Cali" } });
  });

  it("refuses an address on another city's roster, naming the city, and writes nothing of the other rows", async () => {
    const db = getDb();
    const { invitation } = await invited({ city: dane.ibague });
    const medellin = await makeParticipant(db, { cityDane: dane.medellin, email: "oficial.medellin@medellin.gov.co" });
    await makeRosterEntry(db, { participant_id: medellin.id });
    const before = await tableContents();
    const result = await registerDelegates(db, invitation.id, rows(delegate("c1"), delegate("c2", { email: medellin.email })), { locale: "es" });
    expect(result).toEqual({ ok: false, reason: "rows", refusals: [{ index: 1, field: "email", key: "otherCityRoster", city: "Medellín" }] });
    expect(await tableContents()).toEqual(before);
  });

  it("refuses the same address twice, and a person registered for the encounter by another city", async () => {
    const db = getDb();
    const { encounter, invitation } = await invited({ city: dane.barranquilla });
    const before = await tableContents();
    const twice = await registerDelegates(db, invitation.id, rows(delegate("d1"), delegate("d1")), { locale: "es" });
    expect(twice).toEqual({ ok: false, reason: "rows", refusals: [{ index: 1, field: "email", key: "repeatedEmail" }] });
    const elsewhere = await makeParticipant(db, { cityDane: dane.cartagena, email: "ya.inscrita@cartagena.gov.co" });
    await makeRegistration(db, { encounter_id: encounter.id, participant_id: elsewhere.id });
    const before2 = await tableContents();
    const other = await registerDelegates(db, invitation.id, rows(delegate("d2"), delegate("d3", { email: elsewhere.email })), { locale: "es" });
    expect(other).toEqual({ ok: false, reason: "rows", refusals: [{ index: 1, field: "email", key: "cityLocked" }] });
    expect(await tableContents()).toEqual(before2);
    expect(before2).not.toEqual(before);
  });

  it("counts someone of the city already registered on their own as part of the delegation, writing nothing new for them", async () => {
    const db = getDb();
    const { encounter, invitation } = await invited({ city: dane.cartagena });
    const self = await makeParticipant(db, { cityDane: dane.cartagena, email: "por.su.cuenta@cartagena.gov.co" });
    const own = await makeRegistration(db, { encounter_id: encounter.id, participant_id: self.id });
    const result = await registerDelegates(db, invitation.id, rows(delegate("e1"), delegate("e2", { email: self.email })), { locale: "es" });
    expect(result).toMatchObject({ ok: true, tally: { confirmed: 1, already: 1 } });
    const row = await db.selectFrom("registrations").select(["invitation_id", "source", "consent_pending"]).where("id", "=", own.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ invitation_id: invitation.id, source: "form", consent_pending: 0 });
  });

  it("is refused once registration has closed, and for a withdrawn invitation", async () => {
    const db = getDb();
    const { encounter, invitation } = await invited({ city: dane.medellin });
    const after = new Date(Date.parse(encounter.registration_closes_at!) + 1000);
    expect(await registerDelegates(db, invitation.id, rows(delegate("f1")), { locale: "es", now: after })).toEqual({ ok: false, reason: "closed" });
    await db.updateTable("invitations").set({ withdrawn_at: new Date().toISOString() }).where("id", "=", invitation.id).execute();
    expect(await registerDelegates(db, invitation.id, rows(delegate("f1")), { locale: "es" })).toEqual({ ok: false, reason: "gone" });
  });

  it("holds the city's quota with delegations and the public form at the same instant", async () => {
    const db = getDb();
    const { encounter, invitation } = await invited({ quota: 3, city: "52001" });
    const form = (n: number) =>
      registerForEncounter(
        db,
        encounter.id,
        { fullName: `Pública ${n}`, email: `publica.${n}@pasto.gov.co`, cityDane: "52001", entity: "Alcaldía", position: "Asesora", phone: null, needs: null },
        { locale: "es" },
      );
    await Promise.all([
      registerDelegates(db, invitation.id, rows(delegate("g1"), delegate("g2"), delegate("g3")), { locale: "es" }),
      form(1),
      form(2),
      registerDelegates(db, invitation.id, rows(delegate("g4")), { locale: "es" }),
      form(3),
    ]);
    expect(await placesOf(encounter.id, "52001")).toBe(3);
    const confirmed = await db.selectFrom("registrations").select("id").where("encounter_id", "=", encounter.id).where("status", "=", "confirmed").execute();
    expect(confirmed).toHaveLength(3);
  });
});

describe("changing a delegation", () => {
  it("replaces a delegate: the place passes to the new person, the old one is told", async () => {
    const db = getDb();
    const { encounter, invitation } = await invited({ quota: 1, city: dane.bogota });
    await registerDelegates(db, invitation.id, rows(delegate("h1"), delegate("h2")), { locale: "es" });
    const [first, second] = await delegationOf(db, invitation.id);
    expect([first.status, second.status]).toEqual(["confirmed", "waitlisted"]);
    const position = second.waitlist_position;

    const replaced = await replaceDelegate(db, invitation.id, first.id, delegate("h3"), { locale: "es" });
    expect(replaced.ok).toBe(true);
    const waitReplaced = await replaceDelegate(db, invitation.id, second.id, delegate("h4"), { locale: "es" });
    expect(waitReplaced.ok).toBe(true);
    expect(await statuses(invitation.id)).toEqual([
      ["delegada.h3@alcaldia.gov.co", "confirmed"],
      ["delegada.h4@alcaldia.gov.co", "waitlisted"],
    ]);
    const h4 = (await delegationOf(db, invitation.id))[1];
    expect(h4.waitlist_position).toBe(position);
    expect(await placesOf(encounter.id, dane.bogota)).toBe(1);
    const old = await db.selectFrom("registrations").select(["status"]).where("id", "in", [first.id, second.id]).execute();
    expect(old.map((r) => r.status)).toEqual(["cancelled", "cancelled"]);
    const told = (await mails("delegation-removed")).filter((m) => ["delegada.h1@alcaldia.gov.co", "delegada.h2@alcaldia.gov.co"].includes(m.recipient));
    expect(told.map((m) => m.data.replaced)).toEqual([true, true]);
    // A change to their registration, it reaches them even if they stopped messages; it carries the stop link like the others.
    expect(told.every((m) => /\/mensajes\/detener\//.test(String(m.data.stopUrl)))).toBe(true);
    expect((await mails("registration-confirmed")).some((m) => m.recipient === "delegada.h3@alcaldia.gov.co")).toBe(true);
  });

  it("refuses a replacement on another city's roster or already registered, writing nothing", async () => {
    const db = getDb();
    const { invitation } = await invited({ city: dane.cali });
    await registerDelegates(db, invitation.id, rows(delegate("i1"), delegate("i2")), { locale: "es" });
    const [first] = await delegationOf(db, invitation.id);
    const roster = await makeParticipant(db, { cityDane: dane.medellin });
    await makeRosterEntry(db, { participant_id: roster.id });
    const before = await tableContents();
    expect(await replaceDelegate(db, invitation.id, first.id, delegate("x", { email: roster.email }), { locale: "es" })).toEqual({
      ok: false,
      reason: "rows",
      refusals: [{ index: 0, field: "email", key: "otherCityRoster", city: "Medellín" }],
    });
    expect(await replaceDelegate(db, invitation.id, first.id, delegate("i2"), { locale: "es" })).toMatchObject({ refusals: [{ key: "alreadyRegistered" }] });
    expect(await replaceDelegate(db, invitation.id, first.id, delegate("i1"), { locale: "es" })).toMatchObject({ refusals: [{ key: "sameEmail" }] });
    expect(await replaceDelegate(db, invitation.id, 999_999, delegate("i9"), { locale: "es" })).toEqual({ ok: false, reason: "notInDelegation" });
    expect(await tableContents()).toEqual(before);
  });

  it("cancels a delegate: the place goes to the first of the city waiting, the person is told", async () => {
    const db = getDb();
    const { encounter, invitation } = await invited({ quota: 1, city: dane.ibague });
    await registerDelegates(db, invitation.id, rows(delegate("j1"), delegate("j2")), { locale: "es" });
    const [first] = await delegationOf(db, invitation.id);
    expect(await cancelDelegate(db, invitation.id, first.id)).toEqual({ ok: true });
    expect(await statuses(invitation.id)).toEqual([["delegada.j2@alcaldia.gov.co", "confirmed"]]);
    expect(await placesOf(encounter.id, dane.ibague)).toBe(1);
    expect((await mails("delegation-removed")).find((m) => m.recipient === "delegada.j1@alcaldia.gov.co")?.data.replaced).toBe(false);
    expect((await mails("registration-promoted")).some((m) => m.recipient === "delegada.j2@alcaldia.gov.co")).toBe(true);
    // Another delegation's registration is not this one's to cancel.
    expect(await cancelDelegate(db, invitation.id, first.id)).toEqual({ ok: false, reason: "notInDelegation" });
  });

  it("declines with a reason once the delegation is empty; the grid shows it", async () => {
    const db = getDb();
    const { encounter, invitation } = await invited({ city: dane.cartagena });
    await registerDelegates(db, invitation.id, rows(delegate("k1")), { locale: "es" });
    expect(await declineInvitation(db, invitation.id, "Sin presupuesto de viaje")).toEqual({ ok: false, reason: "hasDelegates" });
    const [only] = await delegationOf(db, invitation.id);
    await cancelDelegate(db, invitation.id, only.id);
    expect((await db.selectFrom("invitations").select("status").where("id", "=", invitation.id).executeTakeFirstOrThrow()).status).toBe("opened");
    expect(await declineInvitation(db, invitation.id, "Sin presupuesto de viaje")).toEqual({ ok: true });
    const row = (await invitationGrid(db, encounter)).find((r) => r.invitationId === invitation.id)!;
    expect(row).toMatchObject({ state: "declined", declineReason: "Sin presupuesto de viaje", awaiting: false });
    // Changes stop once the encounter starts.
    const started = new Date(Date.parse(encounter.starts_at) + 1000);
    expect(await declineInvitation(db, invitation.id, "Otra", { now: started })).toEqual({ ok: false, reason: "locked" });
  });
});
