import { beforeAll, describe, expect, it } from "vitest";
import { cityAuthorityOf } from "~/features/cities/authority.server";
import { verifyAtCheckIn, withdrawByOrganizer } from "~/features/cities/commands.server";
import { addToRoster, handOverFocalPoint, setFocalPoint, withdrawFromRoster } from "~/features/cities/members.server";
import { focalPointsOf, rosterCityOfEmail } from "~/features/cities/queries.server";
import { getDb } from "~/server/db.server";
import { writeTransaction } from "~db/write-transaction";
import { cityIdOf, dane, makeOrganizer, makeParticipant, makeRosterEntry } from "../factories";
import { participantCookie } from "../helpers/auth";

// The city roster kept by hand (app/features/cities/members.server.ts): organizers and a
// city's focal points add, withdraw, name focal points and hand the role on; each change is
// audited and mailed through the outbox in its own transaction, and every refusal writes nothing.

const db = () => getDb();
let organizer: { kind: "organizer"; id: number };
let bogota = 0;
let medellin = 0;

beforeAll(async () => {
  organizer = { kind: "organizer", id: (await makeOrganizer(db())).id };
  bogota = await cityIdOf(db(), dane.bogota);
  medellin = await cityIdOf(db(), dane.medellin);
});

const person = (n: string, overrides: Partial<{ fullName: string; entity: string; position: string }> = {}) => ({
  fullName: `Funcionaria ${n}`,
  email: `funcionaria.${n}@bogota.gov.co`,
  entity: "Secretaría de Gobierno",
  position: "Asesora de derechos humanos",
  ...overrides,
});

async function auditOf(action: string, participantId: number) {
  return db()
    .selectFrom("audit_log")
    .select(["actor", "data"])
    .where("action", "=", action)
    .where("entity_id", "=", String(participantId))
    .orderBy("id", "desc")
    .execute();
}

async function mailsTo(email: string, template: string) {
  const rows = await db()
    .selectFrom("email_outbox")
    .select(["idempotency_key", "data", "locale"])
    .where("recipient", "=", email)
    .where("template", "=", template)
    .execute();
  return rows.map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }));
}

/** Everything a refusal must leave as it was. */
async function snapshot() {
  const count = async (table: "city_roster" | "participants" | "audit_log" | "email_outbox") =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    roster: await db().selectFrom("city_roster").selectAll().orderBy("id").execute(),
    participants: await count("participants"),
    audit: await count("audit_log"),
    outbox: await count("email_outbox"),
  };
}

/** A focal point of the city (DANE), with a session of their own. */
async function focalPoint(cityDane: string) {
  const participant = await makeParticipant(db(), { cityDane });
  const row = await makeRosterEntry(db(), { participant_id: participant.id, role: "focal_point" });
  return { participant, row, actor: { kind: "focal_point" as const, participantId: participant.id } };
}

describe("an organizer adds a person to a city's roster", () => {
  it("creates the person when the address is new, verifies them for the city, audits and mails them and the focal points", async () => {
    const focal = await focalPoint(dane.bogota);
    const added = await addToRoster(db(), organizer, {
      cityId: bogota,
      person: { ...person("nueva"), email: "  Funcionaria.Nueva@Bogota.gov.co " },
      role: "official",
    });
    if (!added.ok) throw new Error(added.reason);
    expect(added).toMatchObject({ created: true, name: "Funcionaria nueva" });
    const created = await db().selectFrom("participants").selectAll().where("id", "=", added.participantId).executeTakeFirstOrThrow();
    expect(created).toMatchObject({ email: "funcionaria.nueva@bogota.gov.co", city_id: bogota, entity: "Secretaría de Gobierno" });
    const row = await db().selectFrom("city_roster").selectAll().where("id", "=", added.rosterId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      city_id: bogota,
      role: "official",
      verified_via: "organizer",
      verified_by_organizer_id: organizer.id,
      entity: "Secretaría de Gobierno",
      position: "Asesora de derechos humanos",
      withdrawn_at: null,
    });
    expect(await cityAuthorityOf(db(), added.participantId)).toMatchObject({ cityId: bogota, role: "official", via: "organizer" });
    const [audit] = await auditOf("city_roster.add", added.participantId);
    expect(audit.actor).toBe(`organizer:${organizer.id}`);
    expect(JSON.parse(audit.data!)).toEqual({ cityId: bogota, rosterId: added.rosterId, via: "organizer", role: "official", created: true });
    const [mail] = await mailsTo("funcionaria.nueva@bogota.gov.co", "roster-change");
    expect(mail).toMatchObject({ idempotency_key: `roster:${added.rosterId}:added`, data: { change: "added", role: "official", city: "Bogotá D.C." } });
    expect(mail.data.by).toBeUndefined();
    const [notice] = await mailsTo(focal.participant.email, "roster-notice");
    expect(notice.data).toMatchObject({ change: "added", subject: "Funcionaria nueva", city: "Bogotá D.C." });
  });

  it("keeps a known person's own name and details, and holds the entity and position given on the roster", async () => {
    const known = await makeParticipant(db(), { cityDane: dane.bogota, full_name: "Nombre Propio", entity: "Alcaldía", position: "Contratista" });
    const added = await addToRoster(db(), organizer, {
      cityId: bogota,
      person: { fullName: "Otro Nombre", email: known.email, entity: "Secretaría de la Mujer", position: "Secretaria" },
      role: "focal_point",
    });
    if (!added.ok) throw new Error(added.reason);
    expect(added).toMatchObject({ created: false, participantId: known.id, name: "Nombre Propio" });
    expect(await db().selectFrom("participants").select(["full_name", "entity"]).where("id", "=", known.id).executeTakeFirstOrThrow()).toEqual({
      full_name: "Nombre Propio",
      entity: "Alcaldía",
    });
    const row = await db().selectFrom("city_roster").selectAll().where("id", "=", added.rosterId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ role: "focal_point", entity: "Secretaría de la Mujer", position: "Secretaria" });
    expect(row.focal_point_since).toBe(row.verified_at);
    expect((await focalPointsOf(db(), bogota)).map((f) => f.participantId)).toContain(known.id);
  });

  it("refuses a person already on this roster, and one on another city's, naming it, writing nothing", async () => {
    const here = await makeRosterEntry(db(), { participant_id: (await makeParticipant(db(), { cityDane: dane.bogota })).id });
    const there = await makeRosterEntry(db(), { participant_id: (await makeParticipant(db(), { cityDane: dane.medellin })).id });
    const emailOf = async (id: number) => (await db().selectFrom("participants").select("email").where("id", "=", id).executeTakeFirstOrThrow()).email;
    const before = await snapshot();
    expect(
      await addToRoster(db(), organizer, { cityId: bogota, person: { ...person("x"), email: await emailOf(here.participant_id) }, role: "official" }),
    ).toEqual({
      ok: false,
      reason: "already",
    });
    expect(
      await addToRoster(db(), organizer, { cityId: bogota, person: { ...person("y"), email: await emailOf(there.participant_id) }, role: "official" }),
    ).toEqual({
      ok: false,
      reason: "otherCity",
      cityName: "Medellín",
    });
    expect(await snapshot()).toEqual(before);
    expect(await rosterCityOfEmail(db(), (await emailOf(there.participant_id)).toUpperCase())).toEqual({
      cityId: medellin,
      dane: "05001",
      cityName: "Medellín",
      role: "official",
    });
    expect(await rosterCityOfEmail(db(), "nadie@bogota.gov.co")).toBeNull();
  });
});

describe("a focal point keeps their own city's roster", () => {
  it("adds an official verified for the city via the focal point, who can then act for it", async () => {
    const focal = await focalPoint(dane.bogota);
    const other = await focalPoint(dane.bogota);
    const added = await addToRoster(db(), focal.actor, { cityId: bogota, person: person("del-enlace"), role: "official" });
    if (!added.ok) throw new Error(added.reason);
    const row = await db().selectFrom("city_roster").selectAll().where("id", "=", added.rosterId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ verified_via: "focal_point", verified_by_participant_id: focal.participant.id, verified_by_organizer_id: null });
    expect(await cityAuthorityOf(db(), added.participantId)).toMatchObject({ cityId: bogota, via: "focal_point" });
    expect((await auditOf("city_roster.add", added.participantId))[0].actor).toBe(`participant:${focal.participant.id}`);
    const [mail] = await mailsTo("funcionaria.del-enlace@bogota.gov.co", "roster-change");
    expect(mail.data).toMatchObject({ change: "added", by: focal.participant.full_name });
    // The other focal point hears of it; the one who did it does not.
    expect(await mailsTo(other.participant.email, "roster-notice")).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ change: "added", by: focal.participant.full_name }) }),
    ]);
    expect(await mailsTo(focal.participant.email, "roster-notice")).toEqual([]);
  });

  it("is refused for another city, for focal points, once withdrawn, and for people it may not claim, writing nothing", async () => {
    const focal = await focalPoint(dane.bogota);
    const colleague = await focalPoint(dane.bogota);
    const official = await makeRosterEntry(db(), { participant_id: (await makeParticipant(db(), { cityDane: dane.bogota })).id });
    const fromCali = await makeParticipant(db(), { cityDane: dane.cali });
    const withdrawn = await makeParticipant(db(), { cityDane: dane.bogota });
    await makeRosterEntry(db(), { participant_id: withdrawn.id });
    await withdrawByOrganizer(db(), withdrawn.id, organizer.id);
    const before = await snapshot();
    // A foreign city's roster.
    expect(await addToRoster(db(), focal.actor, { cityId: medellin, person: person("fuera"), role: "official" })).toEqual({
      ok: false,
      reason: "notFocalPoint",
    });
    expect(await withdrawFromRoster(db(), focal.actor, { cityId: medellin, rosterId: official.id })).toEqual({ ok: false, reason: "notFocalPoint" });
    // Another city's row named on one's own city.
    expect(await withdrawFromRoster(db(), focal.actor, { cityId: bogota, rosterId: 999_999 })).toEqual({ ok: false, reason: "notOnRoster" });
    // Focal points are the organizers' to name and withdraw, oneself included.
    expect(await addToRoster(db(), focal.actor, { cityId: bogota, person: person("enlace"), role: "focal_point" })).toEqual({
      ok: false,
      reason: "focalPointProtected",
    });
    expect(await withdrawFromRoster(db(), focal.actor, { cityId: bogota, rosterId: colleague.row.id })).toEqual({ ok: false, reason: "focalPointProtected" });
    expect(await withdrawFromRoster(db(), focal.actor, { cityId: bogota, rosterId: focal.row.id })).toEqual({ ok: false, reason: "focalPointProtected" });
    // Someone who registered for another city, and someone an organizer withdrew.
    expect(await addToRoster(db(), focal.actor, { cityId: bogota, person: { ...person("cali"), email: fromCali.email }, role: "official" })).toEqual({
      ok: false,
      reason: "declaredOtherCity",
    });
    expect(await addToRoster(db(), focal.actor, { cityId: bogota, person: { ...person("w"), email: withdrawn.email }, role: "official" })).toEqual({
      ok: false,
      reason: "withdrawnByOrganizer",
    });
    expect(await snapshot()).toEqual(before);

    // Withdrawn by an organizer while signed in: the session is gone and nothing more is allowed.
    await participantCookie(focal.participant.id);
    await withdrawByOrganizer(db(), focal.participant.id, organizer.id);
    expect(await db().selectFrom("sessions").select("id").where("participant_id", "=", focal.participant.id).execute()).toEqual([]);
    const after = await snapshot();
    expect(await addToRoster(db(), focal.actor, { cityId: bogota, person: person("tarde"), role: "official" })).toEqual({ ok: false, reason: "notFocalPoint" });
    expect(await withdrawFromRoster(db(), focal.actor, { cityId: bogota, rosterId: official.id })).toEqual({ ok: false, reason: "notFocalPoint" });
    expect(await handOverFocalPoint(db(), focal.participant.id, { cityId: bogota, rosterId: official.id })).toEqual({ ok: false, reason: "notFocalPoint" });
    expect(await snapshot()).toEqual(after);
  });

  it("withdraws an official: access and sessions end, audited, the person and the other focal points told", async () => {
    const focal = await focalPoint(dane.bogota);
    const colleague = await focalPoint(dane.bogota);
    const official = await makeRosterEntry(db(), { participant_id: (await makeParticipant(db(), { cityDane: dane.bogota })).id });
    await participantCookie(official.participant_id);
    const result = await withdrawFromRoster(db(), focal.actor, { cityId: bogota, rosterId: official.id });
    expect(result.ok).toBe(true);
    expect(await cityAuthorityOf(db(), official.participant_id)).toBeNull();
    expect(await db().selectFrom("sessions").select("id").where("participant_id", "=", official.participant_id).execute()).toEqual([]);
    const row = await db().selectFrom("city_roster").selectAll().where("id", "=", official.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ withdrawn_reason: "focal_point", withdrawn_by_participant_id: focal.participant.id, withdrawn_by_organizer_id: null });
    const [audit] = await auditOf("city_roster.withdraw", official.participant_id);
    expect(audit.actor).toBe(`participant:${focal.participant.id}`);
    expect(JSON.parse(audit.data!)).toMatchObject({ cityId: bogota, rosterId: official.id, reason: "focal_point" });
    const email = (await db().selectFrom("participants").select("email").where("id", "=", official.participant_id).executeTakeFirstOrThrow()).email;
    expect((await mailsTo(email, "roster-change")).map((m) => m.data.change)).toEqual(["withdrawn"]);
    expect((await mailsTo(colleague.participant.email, "roster-notice")).map((m) => m.data.change)).toEqual(["withdrawn"]);
    // A check-in at an encounter does not undo a focal point's decision.
    await writeTransaction(db(), (trx) => verifyAtCheckIn(trx, official.participant_id, organizer.id, new Date().toISOString()));
    expect(await cityAuthorityOf(db(), official.participant_id)).toBeNull();
  });

  it("hands the role on: the other person becomes focal point, the giver an official, audited and mailed", async () => {
    const focal = await focalPoint(dane.bogota);
    const official = await makeRosterEntry(db(), { participant_id: (await makeParticipant(db(), { cityDane: dane.bogota })).id });
    const result = await handOverFocalPoint(db(), focal.participant.id, { cityId: bogota, rosterId: official.id });
    expect(result.ok).toBe(true);
    expect(await cityAuthorityOf(db(), official.participant_id)).toMatchObject({ role: "focal_point" });
    expect(await cityAuthorityOf(db(), focal.participant.id)).toMatchObject({ role: "official", cityId: bogota });
    const [audit] = await auditOf("city_roster.hand_over", official.participant_id);
    expect(audit.actor).toBe(`participant:${focal.participant.id}`);
    expect(JSON.parse(audit.data!)).toEqual({ cityId: bogota, rosterId: official.id, fromRosterId: focal.row.id });
    const email = (await db().selectFrom("participants").select("email").where("id", "=", official.participant_id).executeTakeFirstOrThrow()).email;
    expect((await mailsTo(email, "roster-change")).map((m) => [m.data.change, m.data.by])).toEqual([["focalGiven", focal.participant.full_name]]);
    // The former focal point keeps nothing of the role: another hand-over is refused.
    expect(await handOverFocalPoint(db(), focal.participant.id, { cityId: bogota, rosterId: official.id })).toEqual({ ok: false, reason: "notFocalPoint" });
    // Handing it to someone who is a focal point already changes nothing.
    const colleague = await focalPoint(dane.bogota);
    expect(await handOverFocalPoint(db(), official.participant_id, { cityId: bogota, rosterId: colleague.row.id })).toEqual({ ok: false, reason: "unchanged" });
  });
});

describe("an organizer names and unnames focal points", () => {
  it("allows several per city, each change audited and mailed; the same change twice is refused", async () => {
    const a = await makeRosterEntry(db(), { participant_id: (await makeParticipant(db(), { cityDane: dane.cali })).id });
    const b = await makeRosterEntry(db(), { participant_id: (await makeParticipant(db(), { cityDane: dane.cali })).id });
    const cali = await cityIdOf(db(), dane.cali);
    expect((await setFocalPoint(db(), organizer.id, { cityId: cali, rosterId: a.id, focal: true })).ok).toBe(true);
    expect((await setFocalPoint(db(), organizer.id, { cityId: cali, rosterId: b.id, focal: true })).ok).toBe(true);
    expect((await focalPointsOf(db(), cali)).map((f) => f.rosterId)).toEqual([a.id, b.id]);
    expect(await setFocalPoint(db(), organizer.id, { cityId: cali, rosterId: b.id, focal: true })).toEqual({ ok: false, reason: "unchanged" });
    // Another city's row, named on this city: not on its roster.
    expect(await setFocalPoint(db(), organizer.id, { cityId: bogota, rosterId: a.id, focal: false })).toEqual({ ok: false, reason: "notOnRoster" });
    expect((await setFocalPoint(db(), organizer.id, { cityId: cali, rosterId: a.id, focal: false })).ok).toBe(true);
    expect((await focalPointsOf(db(), cali)).map((f) => f.rosterId)).toEqual([b.id]);
    const audits = await auditOf("city_roster.role", a.participant_id);
    expect(audits.map((r) => JSON.parse(r.data!))).toEqual([
      { cityId: cali, rosterId: a.id, from: "focal_point", to: "official" },
      { cityId: cali, rosterId: a.id, from: "official", to: "focal_point" },
    ]);
    const email = (await db().selectFrom("participants").select("email").where("id", "=", a.participant_id).executeTakeFirstOrThrow()).email;
    expect((await mailsTo(email, "roster-change")).map((m) => m.data.change).sort()).toEqual(["focalGiven", "focalTaken"]);
    // b, a focal point, heard that a was taken off the role (a change b did not make).
    const bEmail = (await db().selectFrom("participants").select("email").where("id", "=", b.participant_id).executeTakeFirstOrThrow()).email;
    expect((await mailsTo(bEmail, "roster-notice")).map((m) => m.data.change)).toEqual(["focalTaken"]);
  });
});
