import type { Insertable } from "kysely";
import type { DB } from "~db/client";
import type { Participant, ParticipantsTable } from "~db/schema";
import { cityIdOf, dane, sequence } from "./sequence";

export type ParticipantOverrides = Partial<Insertable<ParticipantsTable>> & {
  /** The city by DANE code, when `city_id` is not given (Bogotá by default). */
  cityDane?: string;
};

/** A person of a capital city's administration, with a unique email. */
export async function makeParticipant(db: DB, overrides: ParticipantOverrides = {}): Promise<Participant> {
  const { cityDane, ...columns } = overrides;
  const n = sequence();
  return db
    .insertInto("participants")
    .values({
      email: `persona.${n}@alcaldia.gov.co`,
      full_name: `Persona de prueba ${n}`,
      city_id: columns.city_id ?? (await cityIdOf(db, cityDane ?? dane.bogota)),
      entity: "Secretaría de Gobierno",
      position: "Profesional especializado",
      phone: null,
      updated_at: new Date().toISOString(),
      ...columns,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
