import type { DB } from "~db/client";
import type { EncounterStatus } from "~db/schema";
import type { PersonInput } from "~/features/registrations/commands/register.server";
import { getDb } from "~/server/db.server";
import { dane, inDays, makeEncounter as makeEncounterRow } from "../factories";

export { dane };

// Small encounters of the test's own, so that each test controls capacity, quota and window.

export async function makeEncounter(
  options: { capacity?: number; quota?: number; status?: EncounterStatus; opensAt?: string | null; closesAt?: string | null; startsInDays?: number } = {},
  db: DB = getDb(),
) {
  return makeEncounterRow(db, {
    starts_at: inDays(options.startsInDays ?? 30),
    capacity: options.capacity ?? 10,
    city_quota: options.quota ?? 3,
    registration_opens_at: options.opensAt === undefined ? null : options.opensAt,
    registration_closes_at: options.closesAt === undefined ? null : options.closesAt,
    status: options.status ?? "published",
  });
}

export function person(n: number | string, cityDane: string = dane.bogota, extra: Partial<PersonInput> = {}): PersonInput {
  return {
    fullName: `Persona ${n}`,
    email: `persona.${n}@alcaldia.gov.co`,
    cityDane,
    entity: "Secretaría de Gobierno",
    position: "Profesional especializado",
    phone: null,
    needs: null,
    ...extra,
  };
}

export function formFields(n: number | string, cityDane: string = dane.bogota, extra: Record<string, string> = {}): Record<string, string> {
  return {
    fullName: `Persona ${n}`,
    email: `persona.${n}@alcaldia.gov.co`,
    cityDane,
    entity: "Secretaría de Gobierno",
    position: "Profesional especializado",
    consent: "on",
    ...extra,
  };
}

export async function counters(encounterId: number, db: DB = getDb()) {
  const encounter = await db
    .selectFrom("encounters")
    .select(["confirmed_count", "capacity", "city_quota"])
    .where("id", "=", encounterId)
    .executeTakeFirstOrThrow();
  const cities = await db.selectFrom("encounter_city_places").select(["city_id", "confirmed_count"]).where("encounter_id", "=", encounterId).execute();
  const regs = await db
    .selectFrom("registrations")
    .innerJoin("participants", "participants.id", "registrations.participant_id")
    .select(["registrations.id", "registrations.status", "registrations.waitlist_position", "participants.email", "participants.city_id"])
    .where("registrations.encounter_id", "=", encounterId)
    .orderBy("registrations.id")
    .execute();
  return { encounter, cities, regs };
}

export async function outbox(db: DB = getDb()) {
  return db.selectFrom("email_outbox").selectAll().orderBy("id").execute();
}
