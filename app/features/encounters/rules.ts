import type { Encounter, EncounterStatus } from "~db/schema";

// Pure rules of an encounter's life: when people may register, which status changes exist,
// and what an edit changes. No I/O: commands and pages decide with them.

/** "closed": the organizers closed the encounter (or it is a draft); "ended": its registration deadline passed. */
export type RegistrationWindow = "open" | "not_yet" | "closed" | "ended";

export function registrationWindow(
  encounter: Pick<Encounter, "status" | "registration_opens_at" | "registration_closes_at" | "ends_at">,
  now = new Date(),
): RegistrationWindow {
  const t = now.toISOString();
  if (encounter.status !== "published") return "closed";
  if (encounter.registration_opens_at && t < encounter.registration_opens_at) return "not_yet";
  const closes = encounter.registration_closes_at ?? encounter.ends_at;
  return t >= closes ? "ended" : "open";
}

/**
 * What an encounter's public pages show of it, and so all they may depend on: kept in memory
 * per version of the public pages (app/server/public-cache.server.ts), they must not carry a
 * figure that changes without that version (the places taken, which every registration moves).
 */
export function publicEncounter(encounter: Encounter & { host_city?: string | null }) {
  const { slug, title, summary, venue, address, starts_at, ends_at, timezone, capacity, city_quota, status, contact_email } = encounter;
  const { registration_opens_at, registration_closes_at, commitments_public } = encounter;
  return {
    slug,
    title,
    summary,
    venue,
    address,
    host_city: encounter.host_city ?? null,
    starts_at,
    ends_at,
    timezone,
    capacity,
    city_quota,
    status,
    contact_email,
    registration_opens_at,
    registration_closes_at,
    commitments_public,
  };
}

export function daysBetween(fromDate: string, toDate: string): number {
  return Math.round((Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / 86_400_000);
}

export type StatusChange = "publish" | "close" | "reopen" | "unpublish";
export const statusTransitions: Record<StatusChange, { from: EncounterStatus; to: EncounterStatus }> = {
  publish: { from: "draft", to: "published" },
  close: { from: "published", to: "closed" },
  reopen: { from: "closed", to: "published" },
  unpublish: { from: "published", to: "draft" },
};

/** What creating or editing an encounter saves (the organizer's form parses into it). */
export interface EncounterInput {
  title: string;
  /** Typed by the organizer; null: make one from the title. */
  slug: string | null;
  summary: string;
  venue: string;
  address: string;
  hostCityId: number | null;
  startsAt: string;
  endsAt: string;
  timezone: string;
  capacity: number;
  cityQuota: number;
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
  contactEmail: string | null;
  /** When the start date moves, move the agenda's items by as many days. */
  shiftAgenda: boolean;
}

/** The encounter's columns as the input sets them. */
export function encounterValues(input: EncounterInput) {
  return {
    title: input.title,
    summary: input.summary,
    venue: input.venue,
    address: input.address,
    host_city_id: input.hostCityId,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    timezone: input.timezone,
    capacity: input.capacity,
    city_quota: input.cityQuota,
    registration_opens_at: input.registrationOpensAt,
    registration_closes_at: input.registrationClosesAt,
    contact_email: input.contactEmail,
  };
}

const auditedFields = [
  "slug",
  "title",
  "summary",
  "venue",
  "address",
  "host_city_id",
  "starts_at",
  "ends_at",
  "timezone",
  "capacity",
  "city_quota",
  "registration_opens_at",
  "registration_closes_at",
  "contact_email",
] as const;

type AuditedValues = Pick<Encounter, (typeof auditedFields)[number]>;

/** Each audited field an edit changes, as [before, after], for the history. */
export function changedFields(before: AuditedValues, after: AuditedValues): Record<string, [unknown, unknown]> {
  const changed: Record<string, [unknown, unknown]> = {};
  for (const field of auditedFields) if (before[field] !== after[field]) changed[field] = [before[field], after[field]];
  return changed;
}
