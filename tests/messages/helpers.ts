import type { RegistrationsTable } from "~db/schema";
import type { Insertable } from "kysely";
import { createMessage, scheduleMessage } from "~/features/messages/commands.server";
import type { Segment } from "~/features/messages/rules";
import { getDb } from "~/server/db.server";
import { dane, makeEncounter, makeOrganizer, makeParticipant, makeRegistration } from "../factories";

// Shared pieces of the messages tests: an encounter on known dates with people in every state,
// and a message written and scheduled through the real commands.

export const appUrl = "http://convoca.test";
export const secret = "secreto-de-prueba-con-mas-de-32-caracteres";

/** 08:00 in Bogotá on 20 March 2030 (UTC-5 all year). */
export const encounterStart = "2030-03-20T13:00:00.000Z";
/** Wall-clock time in Bogotá on a day, as the UTC instant. */
export const bogota = (day: string, time: string) => new Date(new Date(`${day}T${time}:00.000Z`).getTime() + 5 * 3_600_000);

export async function organizer() {
  return makeOrganizer(getDb());
}

export async function encounter(overrides: Parameters<typeof makeEncounter>[1] = {}) {
  return makeEncounter(getDb(), {
    starts_at: encounterStart,
    ends_at: "2030-03-20T21:00:00.000Z",
    capacity: 10_000,
    city_quota: 10_000,
    venue: "Centro de convenciones Ágora",
    address: "Calle 24 # 38-47",
    ...overrides,
  });
}

type PersonOverrides = Partial<Insertable<RegistrationsTable>> & { cityDane?: string; email?: string; name?: string; stopped?: boolean; locale?: "es" | "en" };

/** A person registered for the encounter, in the state asked for. */
export async function person(encounterId: number, overrides: PersonOverrides = {}) {
  const { cityDane, email, name, stopped, locale, ...registration } = overrides;
  const participant = await makeParticipant(getDb(), {
    cityDane: cityDane ?? dane.bogota,
    ...(email ? { email } : {}),
    ...(name ? { full_name: name } : {}),
    ...(locale ? { locale } : {}),
    ...(stopped ? { messages_stopped_at: "2030-01-01T00:00:00.000Z" } : {}),
  });
  const row = await makeRegistration(getDb(), { encounter_id: encounterId, participant_id: participant.id, ...(locale ? { locale } : {}), ...registration });
  return { participant, registration: row };
}

/** A message written and scheduled by the organizer, through the commands. */
export async function scheduled(input: {
  organizerId: number;
  encounterId: number;
  sendAt: Date;
  now: Date;
  segment?: Segment;
  subject?: string;
  body?: string;
}) {
  const db = getDb();
  const { id } = await createMessage(
    db,
    input.organizerId,
    input.encounterId,
    {
      subject: input.subject ?? "Transporte desde el aeropuerto",
      body: input.body ?? "Habrá un bus a las 6:30.\n\nTraiga su documento.",
      segment: input.segment ?? { statuses: ["confirmed"], cities: [] },
    },
    input.now,
  );
  const result = await scheduleMessage(db, input.organizerId, input.encounterId, id, input.sendAt, input.now);
  if (!result.ok) throw new Error(`not scheduled: ${result.reason}`);
  return id;
}

export async function outboxOf(messageId: number) {
  return getDb()
    .selectFrom("email_outbox")
    .select(["idempotency_key", "recipient", "template", "locale", "data", "status", "next_attempt_at"])
    .where("idempotency_key", "like", `message:${messageId}:%`)
    .orderBy("id")
    .execute();
}

export async function messageRow(id: number) {
  return getDb().selectFrom("messages").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}
