import { localized } from "~emails/localized";
import { formatDate } from "~emails/format";
import type { Data } from "~emails/encounter-reminder";

// The text of the mail emails/encounter-reminder.tsx, Spanish then English (same keys, checked).
export const strings = localized(
  {
    subject: (d: Data) => `Recordatorio: ${d.encounter.title}, ${formatDate(d.encounter.startsAt, d.encounter.timezone, "es")}`,
    heading: "Le esperamos en el encuentro",
    intro: "Le recordamos que tiene un cupo en este encuentro. Estos son los datos para asistir:",
    map: "Ver el lugar en el mapa",
    agenda: "Agenda",
    whatToBring: "Qué traer",
    agendaPage: "Ver la agenda completa",
    cannotCome: "Si ya no puede asistir, cancele su inscripción: así el cupo queda libre para otra persona.",
    action: "Ver su inscripción",
  },
  {
    subject: (d: Data) => `Reminder: ${d.encounter.title}, ${formatDate(d.encounter.startsAt, d.encounter.timezone, "en")}`,
    heading: "We look forward to seeing you",
    intro: "This is a reminder that you have a place at this convening. Here is what you need to attend:",
    map: "See the venue on a map",
    agenda: "Agenda",
    whatToBring: "What to bring",
    agendaPage: "See the full agenda",
    cannotCome: "If you can no longer attend, please cancel your registration so that someone else can take the place.",
    action: "See your registration",
  },
);
