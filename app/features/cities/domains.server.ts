import type { DB } from "~db/client";
import { writeTransaction } from "~db/write-transaction";
import { cityOfEmailDomain } from "~/features/cities/queries.server";
import { mailRosterChange, noticeFocalPoints } from "~/features/cities/roster-mail.server";
import { normalizeDomain, type DomainProblem } from "~/features/cities/rules";
import { activeRow, cityNameOf, insertRosterRow, personForMail, withdrawnByDecision } from "~/features/cities/roster-rows.server";
import { actorOf, recordAudit } from "~/server/audit.server";

// A city's own email domains (an organizer sets them): whoever signs in by email link with an
// address at one of them has just proven they hold a mailbox of the city's government, and is
// verified for the city. The link itself is the proof; nothing else is mailed to prove it.

export type DomainResult = { ok: true; id: number; domain: string } | { ok: false; reason: DomainProblem | "domainTaken"; cityName?: string };

/** An organizer adds a domain to the city; refused when malformed, shared (gmail.com…) or another city's. */
export async function addEmailDomain(db: DB, organizerId: number, input: { cityId: number; domain: string }, now = new Date()): Promise<DomainResult> {
  const normalized = normalizeDomain(input.domain);
  if (!normalized.ok) return { ok: false, reason: normalized.problem };
  const { domain } = normalized;
  return writeTransaction(db, async (trx): Promise<DomainResult> => {
    const taken = await trx
      .selectFrom("city_email_domains")
      .innerJoin("cities", "cities.id", "city_email_domains.city_id")
      .select(["cities.name"])
      .where("city_email_domains.domain", "=", domain)
      .executeTakeFirst();
    if (taken) return { ok: false, reason: "domainTaken", cityName: taken.name };
    const row = await trx
      .insertInto("city_email_domains")
      .values({ city_id: input.cityId, domain, added_by_organizer_id: organizerId, added_at: now.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: actorOf.organizer(organizerId),
      action: "city.email_domain_add",
      entity: "city",
      entityId: input.cityId,
      data: { domain },
    });
    const city = await cityNameOf(trx, input.cityId);
    await noticeFocalPoints(trx, { key: `city-domain:${row.id}:added`, cityId: input.cityId, city, except: [], change: "domainAdded", subject: domain });
    return { ok: true, id: row.id, domain };
  });
}

/** An organizer removes one of the city's domains; people it verified stay on the roster. false: no such domain of the city. */
export async function removeEmailDomain(db: DB, organizerId: number, input: { cityId: number; domainId: number }, now = new Date()): Promise<boolean> {
  return writeTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom("city_email_domains")
      .select(["id", "domain"])
      .where("id", "=", input.domainId)
      .where("city_id", "=", input.cityId)
      .executeTakeFirst();
    if (!row) return false;
    await trx.deleteFrom("city_email_domains").where("id", "=", row.id).execute();
    await recordAudit(trx, {
      actor: actorOf.organizer(organizerId),
      action: "city.email_domain_remove",
      entity: "city",
      entityId: input.cityId,
      data: { domain: row.domain },
    });
    const city = await cityNameOf(trx, input.cityId);
    const key = `city-domain:${row.id}:removed:${now.toISOString()}`;
    await noticeFocalPoints(trx, { key, cityId: input.cityId, city, except: [], change: "domainRemoved", subject: row.domain });
    return true;
  });
}

export type DomainVerification = "verified" | "noDomain" | "onRoster" | "withdrawn" | "otherCity";

/**
 * Right after a person signed in by email link (the link proves they hold the address): if the
 * address is at a domain of a city, and the person registered for that city, is on no roster,
 * and was not withdrawn by an organizer or a focal point, they become a verified official of
 * the city. A person registered for another city is left to the organizers (the domain says
 * where the mailbox is, not which city the person came for).
 */
export async function verifyByEmailDomain(db: DB, participantId: number, now = new Date()): Promise<DomainVerification> {
  const at = now.toISOString();
  const person = await db.selectFrom("participants").select(["email"]).where("id", "=", participantId).executeTakeFirst();
  // A cheap read first: nearly every sign-in is at no city's domain, and writes nothing.
  const domainCity = person ? await cityOfEmailDomain(db, person.email) : null;
  if (!domainCity) return "noDomain";
  return writeTransaction(db, async (trx): Promise<DomainVerification> => {
    const person = await personForMail(trx, participantId);
    const found = person ? await cityOfEmailDomain(trx, person.email) : null;
    if (!person || !found) return "noDomain";
    if (await activeRow(trx, person.id)) return "onRoster";
    if (await withdrawnByDecision(trx, person.id)) return "withdrawn";
    if (person.city_id !== found.cityId) return "otherCity";
    const rosterId = await insertRosterRow(
      trx,
      { cityId: found.cityId, participantId: person.id, via: "email_domain", entity: person.entity, position: person.position },
      at,
    );
    await recordAudit(trx, {
      actor: actorOf.participant(person.id),
      action: "city_roster.verify",
      entity: "participant",
      entityId: person.id,
      data: { cityId: found.cityId, rosterId, via: "email_domain", domain: found.domain },
    });
    const key = `roster:${rosterId}:added`;
    await mailRosterChange(trx, { key, person, city: found.cityName, change: "added", role: "official", domain: found.domain });
    await noticeFocalPoints(trx, {
      key,
      cityId: found.cityId,
      city: found.cityName,
      except: [person.id],
      change: "added",
      subject: person.full_name,
      byDomain: true,
    });
    return "verified";
  });
}
