import { getDb } from "~/server/db.server";
import { dane, makeAgendaItem, makeEncounter, makeOrganizer, makeParticipant, makeRegistration } from "../factories";

// Shared pieces of the certificate and minutes tests: an encounter in Bogotá on a known day
// with an agenda that fills 5.25 hours (2.5 h, a break, 2.75 h), and people who came.

/** 08:00 in Bogotá on 20 March 2030 (UTC-5). */
export const day = (time: string) => new Date(new Date(`2030-03-20T${time}:00.000Z`).getTime() + 5 * 3_600_000).toISOString();

export async function encounterWithAgenda(overrides: Parameters<typeof makeEncounter>[1] = {}) {
  const db = getDb();
  const encounter = await makeEncounter(db, {
    starts_at: day("08:00"),
    ends_at: day("13:30"),
    venue: "Centro Ágora",
    title: "Encuentro de Ciudades Capitales",
    ...overrides,
  });
  await makeAgendaItem(db, { encounter_id: encounter.id, starts_at: day("08:00"), ends_at: day("10:30"), kind: "plenary", title: "Instalación y panel" });
  await makeAgendaItem(db, { encounter_id: encounter.id, starts_at: day("10:30"), ends_at: day("10:45"), kind: "break", title: "Receso" });
  await makeAgendaItem(db, { encounter_id: encounter.id, starts_at: day("10:45"), ends_at: day("13:30"), kind: "workshop", title: "Taller PDT y PISCC" });
  return encounter;
}

export async function attendee(
  encounterId: number,
  input: { name: string; locale?: "es" | "en"; checkedIn?: boolean; email?: string; status?: "confirmed" | "waitlisted" | "cancelled" },
) {
  const db = getDb();
  const participant = await makeParticipant(db, {
    cityDane: dane.bogota,
    full_name: input.name,
    locale: input.locale ?? "es",
    ...(input.email ? { email: input.email } : {}),
  });
  const registration = await makeRegistration(db, {
    encounter_id: encounterId,
    participant_id: participant.id,
    locale: input.locale ?? "es",
    checked_in_at: input.checkedIn === false ? null : day("08:05"),
    ...(input.status ? { status: input.status } : {}),
  });
  return { participant, registration };
}

export async function organizer() {
  return makeOrganizer(getDb());
}
