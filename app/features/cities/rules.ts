// Pure rules of the city roster (directorio de la ciudad) and its email domains: no I/O.

/** The domain of an address, lowercased ("Ana@Bogota.gov.co" → "bogota.gov.co"); "" if none. */
export function emailDomainOf(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0
    ? ""
    : email
        .slice(at + 1)
        .trim()
        .toLowerCase();
}

/** Labels of letters, digits and inner hyphens, a dot between them, a last label of letters. */
const domainShape = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * Addresses anyone can open: a domain of these proves nothing about a city. An organizer who
 * typed one by mistake would verify every holder of a free mailbox for the city.
 */
export const sharedMailDomains = [
  "gmail.com",
  "googlemail.com",
  "hotmail.com",
  "hotmail.es",
  "outlook.com",
  "outlook.es",
  "live.com",
  "msn.com",
  "yahoo.com",
  "yahoo.es",
  "icloud.com",
  "me.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
  "gmx.com",
  "mail.com",
  "zoho.com",
  // The country's own second-level domains: a city's domain is one level below them.
  "gov.co",
  "com.co",
  "org.co",
  "edu.co",
  "net.co",
] as const;

export type DomainProblem = "domainShape" | "domainShared";

/**
 * A domain as an organizer types it, or why it cannot be a city's: trimmed, lowercased, a
 * leading "@" dropped ("@Bogota.gov.co" → "bogota.gov.co"). Only exact domains count: an
 * address at a subdomain is not at the domain (each domain is added on its own).
 */
export function normalizeDomain(typed: string): { ok: true; domain: string } | { ok: false; problem: DomainProblem } {
  const domain = typed.trim().toLowerCase().replace(/^@/, "");
  if (!domainShape.test(domain)) return { ok: false, problem: "domainShape" };
  if ((sharedMailDomains as readonly string[]).includes(domain)) return { ok: false, problem: "domainShared" };
  return { ok: true, domain };
}

/** Why a roster change is refused; each is said to the person in words (t.cities.refusals). */
export const rosterRefusals = [
  // The person speaks for another city already (named in the answer): one city per person.
  "otherCity",
  // The person is on this city's roster already (one active row per person).
  "already",
  // An organizer withdrew the person: only an organizer puts them back.
  "withdrawnByOrganizer",
  // The actor is not (or no longer) a focal point of the city.
  "notFocalPoint",
  // The row named is not an active row of this city's roster.
  "notOnRoster",
  // A focal point does not withdraw or demote a focal point (the organizers do), nor themself.
  "focalPointProtected",
  // The person registered for another city: a focal point cannot claim them (an organizer can).
  "declaredOtherCity",
  // Nothing to do: the row already has that role.
  "unchanged",
] as const;
export type RosterRefusal = (typeof rosterRefusals)[number];

/** Who acts on a roster: an organizer, or a focal point of the city (a participant). */
export type RosterActor = { kind: "organizer"; id: number } | { kind: "focal_point"; participantId: number };
