import type { DB } from "~db/client";
import type { AgendaItem, AgendaKind, Encounter, SpeakerRole } from "~db/schema";
import { makeAgendaItem } from "./agenda-item";
import { makeEncounter, type EncounterOverrides } from "./encounter";
import { cityIdOf, dane } from "./sequence";

type Session = [
  start: string,
  end: string,
  kind: AgendaKind,
  title: string,
  room: string,
  speakers?: { name: string; organization: string; role: SpeakerRole }[],
];

// The day of the first encounter Convoca models (Bogotá, 29 February 2024), in UTC: 08:00 to
// 13:30 in Bogotá (UTC-5) is 13:00 to 18:30.
const sessions: Session[] = [
  ["13:00", "13:30", "break", "Registro y bienvenida", "Vestíbulo"],
  ["13:30", "14:00", "plenary", "Instalación", "Auditorio principal"],
  [
    "14:00",
    "15:30",
    "panel",
    "Panel: Política Integral Migratoria con enfoque territorial",
    "Auditorio principal",
    [
      { name: "Moderación de la Asociación", organization: "Asociación de Ciudades Capitales", role: "moderator" },
      { name: "Equipo de la agencia de migración", organization: "Organismo internacional para las migraciones", role: "speaker" },
    ],
  ],
  ["15:30", "15:45", "break", "Receso", "Vestíbulo"],
  ["15:45", "17:15", "workshop", "Taller: Guía para la elaboración de PDT y PISCC", "Salón 1"],
  ["17:15", "18:00", "working_table", "Mesa de trabajo: prevención y atención de la trata de personas y el tráfico de migrantes", "Salón 1"],
  ["18:00", "18:30", "plenary", "Compromisos de las ciudades y cierre", "Auditorio principal"],
];

/**
 * A published encounter on one day with a full agenda: Bogotá, 29 February 2024, 08:00 to 13:30
 * in America/Bogota, hosted in Bogotá, with seven sessions back to back (a welcome and a break
 * in the hall, two plenaries and a panel with its moderator and speaker in the main
 * auditorium, a workshop and a working table in room 1). `items` are the sessions in order;
 * any encounter column can be set (the agenda stays on that day).
 */
export async function makeBogotaDay(db: DB, overrides: EncounterOverrides = {}): Promise<{ encounter: Encounter; items: AgendaItem[] }> {
  const encounter = await makeEncounter(db, {
    title: "Encuentro de Ciudades Capitales: movilidad humana, trata de personas y tráfico de migrantes",
    venue: "Bogotá, sede de la Asociación de Ciudades Capitales",
    address: "Bogotá D.C., Colombia",
    host_city_id: await cityIdOf(db, dane.bogota),
    starts_at: "2024-02-29T13:00:00.000Z",
    ends_at: "2024-02-29T18:30:00.000Z",
    timezone: "America/Bogota",
    ...overrides,
  });
  const items: AgendaItem[] = [];
  for (const [position, [start, end, kind, title, room, speakers = []]] of sessions.entries()) {
    items.push(
      await makeAgendaItem(db, {
        encounter_id: encounter.id,
        starts_at: `2024-02-29T${start}:00.000Z`,
        ends_at: `2024-02-29T${end}:00.000Z`,
        kind,
        title,
        description: "",
        room,
        position,
        speakers,
      }),
    );
  }
  return { encounter, items };
}
