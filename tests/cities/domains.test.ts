import { beforeAll, describe, expect, it } from "vitest";
import { cityAuthorityOf } from "~/features/cities/authority.server";
import { withdrawByOrganizer } from "~/features/cities/commands.server";
import { addEmailDomain, removeEmailDomain } from "~/features/cities/domains.server";
import { withdrawFromRoster } from "~/features/cities/members.server";
import { getDb } from "~/server/db.server";
import { cityIdOf, dane, makeOrganizer, makeParticipant, makeRosterEntry } from "../factories";
import { emailLinkCookie } from "../helpers/auth";

// A city's own email domains (app/features/cities/domains.server.ts): an organizer sets them;
// whoever signs in by email link from an address at one of them (the link is the proof) and
// registered for that city becomes a verified official of it, unless someone withdrew them.

const db = () => getDb();
let organizerId = 0;
let pasto = 0;
let clients = 0;
const signIn = (email: string) => emailLinkCookie(email, `192.0.2.${++clients}`);

beforeAll(async () => {
  organizerId = (await makeOrganizer(db())).id;
  pasto = await cityIdOf(db(), "52001");
});

describe("an organizer sets a city's email domains", () => {
  it("takes a domain as typed, audited, and tells the city's focal points", async () => {
    const focal = await makeRosterEntry(db(), { participant_id: (await makeParticipant(db(), { cityDane: "52001" })).id, role: "focal_point" });
    const added = await addEmailDomain(db(), organizerId, { cityId: pasto, domain: " @Pasto.gov.co " });
    expect(added).toMatchObject({ ok: true, domain: "pasto.gov.co" });
    const row = await db().selectFrom("city_email_domains").selectAll().where("city_id", "=", pasto).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ domain: "pasto.gov.co", added_by_organizer_id: organizerId });
    const audit = await db().selectFrom("audit_log").select(["actor", "data"]).where("action", "=", "city.email_domain_add").executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor: `organizer:${organizerId}`, data: JSON.stringify({ domain: "pasto.gov.co" }) });
    const email = (await db().selectFrom("participants").select("email").where("id", "=", focal.participant_id).executeTakeFirstOrThrow()).email;
    const notice = await db()
      .selectFrom("email_outbox")
      .select("data")
      .where("recipient", "=", email)
      .where("template", "=", "roster-notice")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(notice.data)).toMatchObject({ change: "domainAdded", subject: "pasto.gov.co" });
  });

  it("refuses what is no domain, a free mail domain, and another city's domain, naming it", async () => {
    const before = await db().selectFrom("city_email_domains").selectAll().execute();
    expect(await addEmailDomain(db(), organizerId, { cityId: pasto, domain: "alcaldía de pasto" })).toEqual({ ok: false, reason: "domainShape" });
    expect(await addEmailDomain(db(), organizerId, { cityId: pasto, domain: "gmail.com" })).toEqual({ ok: false, reason: "domainShared" });
    const bogota = await cityIdOf(db(), dane.bogota);
    expect(await addEmailDomain(db(), organizerId, { cityId: bogota, domain: "PASTO.gov.co" })).toEqual({
      ok: false,
      reason: "domainTaken",
      cityName: "Pasto",
    });
    expect(await db().selectFrom("city_email_domains").selectAll().execute()).toEqual(before);
  });
});

describe("signing in by email link from an address at a city's domain", () => {
  it("verifies a registrant of the city, once, via the domain; audited and mailed", async () => {
    const person = await makeParticipant(db(), { cityDane: "52001", email: "ana.rosero@pasto.gov.co" });
    expect(await cityAuthorityOf(db(), person.id)).toBeNull();
    await signIn(person.email);
    expect(await cityAuthorityOf(db(), person.id)).toMatchObject({ cityId: pasto, role: "official", via: "email_domain" });
    const row = await db().selectFrom("city_roster").selectAll().where("participant_id", "=", person.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ entity: person.entity, position: person.position, verified_by_organizer_id: null });
    const audit = await db()
      .selectFrom("audit_log")
      .select(["actor", "data"])
      .where("action", "=", "city_roster.verify")
      .where("entity_id", "=", String(person.id))
      .executeTakeFirstOrThrow();
    expect(audit.actor).toBe(`participant:${person.id}`);
    expect(JSON.parse(audit.data!)).toMatchObject({ cityId: pasto, via: "email_domain", domain: "pasto.gov.co" });
    const mail = await db()
      .selectFrom("email_outbox")
      .select("data")
      .where("recipient", "=", person.email)
      .where("template", "=", "roster-change")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(mail.data)).toMatchObject({ change: "added", domain: "pasto.gov.co", city: "Pasto" });
    // A second sign-in changes nothing.
    await signIn(person.email);
    expect(await db().selectFrom("city_roster").select("id").where("participant_id", "=", person.id).execute()).toHaveLength(1);
  });

  it("never re-verifies someone an organizer or a focal point withdrew", async () => {
    const byOrganizer = await makeParticipant(db(), { cityDane: "52001", email: "retirado.organizacion@pasto.gov.co" });
    await makeRosterEntry(db(), { participant_id: byOrganizer.id });
    await withdrawByOrganizer(db(), byOrganizer.id, organizerId);
    const focal = await makeRosterEntry(db(), { participant_id: (await makeParticipant(db(), { cityDane: "52001" })).id, role: "focal_point" });
    const byFocal = await makeParticipant(db(), { cityDane: "52001", email: "retirado.enlace@pasto.gov.co" });
    const row = await makeRosterEntry(db(), { participant_id: byFocal.id });
    expect((await withdrawFromRoster(db(), { kind: "focal_point", participantId: focal.participant_id }, { cityId: pasto, rosterId: row.id })).ok).toBe(true);
    for (const p of [byOrganizer, byFocal]) {
      await signIn(p.email);
      expect(await cityAuthorityOf(db(), p.id), p.email).toBeNull();
    }
  });

  it("leaves alone a person registered for another city, an address at a subdomain, and one at no city's domain", async () => {
    const elsewhere = await makeParticipant(db(), { cityDane: dane.cali, email: "de.cali@pasto.gov.co" });
    const subdomain = await makeParticipant(db(), { cityDane: "52001", email: "alguien@salud.pasto.gov.co" });
    const plain = await makeParticipant(db(), { cityDane: "52001", email: "alguien@example.org" });
    for (const p of [elsewhere, subdomain, plain]) {
      await signIn(p.email);
      expect(await cityAuthorityOf(db(), p.id), p.email).toBeNull();
    }
  });

  it("stops verifying once the domain is removed; those it verified stay", async () => {
    const domain = await db().selectFrom("city_email_domains").select("id").where("domain", "=", "pasto.gov.co").executeTakeFirstOrThrow();
    expect(await removeEmailDomain(db(), organizerId, { cityId: await cityIdOf(db(), dane.bogota), domainId: domain.id })).toBe(false);
    expect(await removeEmailDomain(db(), organizerId, { cityId: pasto, domainId: domain.id })).toBe(true);
    const later = await makeParticipant(db(), { cityDane: "52001", email: "despues@pasto.gov.co" });
    await signIn(later.email);
    expect(await cityAuthorityOf(db(), later.id)).toBeNull();
    const earlier = await db().selectFrom("participants").select("id").where("email", "=", "ana.rosero@pasto.gov.co").executeTakeFirstOrThrow();
    expect(await cityAuthorityOf(db(), earlier.id)).toMatchObject({ via: "email_domain" });
    const audit = await db().selectFrom("audit_log").select("data").where("action", "=", "city.email_domain_remove").executeTakeFirstOrThrow();
    expect(JSON.parse(audit.data!)).toEqual({ domain: "pasto.gov.co" });
  });
});
