import type { Encounter } from "~db/schema";
import type { RateRule } from "~/server/rate-limit.server";

// The registration area's pure rules: how long a manage link works, when a registration may
// still change, why a new registration would wait, what differs between a stored profile and
// a submitted one, and the flood limits of the public form. No I/O here.

/** The refusals of the area's forms and commands: keys of t.registration.errors. */
export const registrationErrorKeys = [
  "required",
  "email",
  "tooLong",
  "invalid",
  "singleLine",
  "hiddenCharacters",
  "city",
  "phone",
  "consent",
  "cityLocked",
  "cityFull",
] as const;
export type RegistrationErrorKey = (typeof registrationErrorKeys)[number];
export type RegistrationFieldErrors = Partial<Record<string, RegistrationErrorKey>>;

/**
 * How long each field of a person's registration may be. Here, not beside the schemas in
 * forms.ts, because the forms' inputs read them too (maxLength): a page that imports forms.ts
 * ships zod to the browser, which no page needs there (the server validates).
 */
export const fieldLimits = { fullName: 120, entity: 160, position: 160, phone: 40, needs: 1000, email: 254 } as const;

export const registrationStatusFilter = ["confirmed", "waitlisted", "cancelled"] as const;

export interface RegistrationListFilters {
  q: string;
  city: string;
  status: "" | (typeof registrationStatusFilter)[number];
  arrived: "" | "si" | "no";
}

/**
 * Floods: per client address, enough for a venue whose whole audience shares one connection to
 * register a few hundred people within minutes (600 per 10 minutes, one a second sustained);
 * per email address, a few tries an hour, so nobody can bury an inbox in "you are registered" mail.
 */
export const registrationRateRules = {
  client: { limit: 600, windowMs: 10 * 60_000 },
  email: { limit: 8, windowMs: 60 * 60_000 },
} satisfies Record<string, RateRule>;

/** Manage links work until this long after the encounter ends; changes only until it starts. */
const manageLinkDaysAfterEnd = 30;

export function manageLinkUsable(encounter: Pick<Encounter, "ends_at">, now = new Date()): boolean {
  return now.getTime() < Date.parse(encounter.ends_at) + manageLinkDaysAfterEnd * 86_400_000;
}

export function registrationChangeable(encounter: Pick<Encounter, "starts_at" | "status">, now = new Date()): boolean {
  return encounter.status !== "closed" && now.getTime() < Date.parse(encounter.starts_at);
}

export interface CityPlaces {
  city: string;
  quota: number;
  /** The city's places still free (0 when its quota is taken). */
  cityLeft: number;
  capacity: number;
  /** The encounter's places still free, all cities together. */
  encounterLeft: number;
}

/** Why a new registration would wait: the city's quota, the whole encounter, or neither. */
export function waitReason(places: CityPlaces): "city" | "encounter" | null {
  if (places.encounterLeft <= 0) return "encounter";
  if (places.cityLeft <= 0) return "city";
  return null;
}

export const profileChangeLinkDays = 7;

export interface SubmittedProfile {
  fullName: string;
  entity: string;
  position: string;
  phone: string | null;
}

interface StoredProfile {
  full_name: string;
  entity: string;
  position: string;
  phone: string | null;
  city_id: number;
}

export type ProfileField = "fullName" | "entity" | "position" | "phone" | "city";

export type ProfileChanges = Partial<Record<Exclude<ProfileField, "city">, { from: string; to: string }>> & {
  city?: { from: string; to: string; toCityId: number };
};

/** The submitted values that differ from the stored ones (nothing when they all agree). */
export function profileDifferences(stored: StoredProfile, storedCity: string, submitted: SubmittedProfile, city: { id: number; name: string }): ProfileChanges {
  const changes: ProfileChanges = {};
  const compare = (field: Exclude<ProfileField, "city">, from: string | null, to: string | null) => {
    if ((from ?? "") !== (to ?? "")) changes[field] = { from: from ?? "", to: to ?? "" };
  };
  compare("fullName", stored.full_name, submitted.fullName);
  compare("entity", stored.entity, submitted.entity);
  compare("position", stored.position, submitted.position);
  compare("phone", stored.phone, submitted.phone);
  if (stored.city_id !== city.id) changes.city = { from: storedCity, to: city.name, toCityId: city.id };
  return changes;
}

export function hasDifferences(changes: ProfileChanges): boolean {
  return Object.keys(changes).length > 0;
}

// ---- importing a list of invited officials ----

export const importLimits = { maxBytes: 2 * 1024 * 1024, maxRows: 5000, chunk: 50 } as const;

/** A row of an import that passed every check, with its line in the file. */
export interface ValidRow {
  line: number;
  fullName: string;
  email: string;
  cityDane: string;
  entity: string;
  position: string;
  phone: string | null;
  needs: string | null;
}
export interface RefusedRow {
  line: number;
  name: string;
  email: string;
  reasons: Array<{ field: string; error: RegistrationErrorKey | "duplicateInFile"; line?: number }>;
}
export interface ImportResults {
  confirmed: number;
  waitlisted: number;
  existing: number;
  failed: number;
  failures: Array<{ line: number; email: string; reason: string }>;
}
