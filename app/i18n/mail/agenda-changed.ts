import { localized } from "~emails/localized";
import type { Data } from "~emails/agenda-changed";

// The text of the mail emails/agenda-changed.tsx, Spanish then English (same keys, checked).
export const strings = localized(
  {
    subject: (d: Data) => `Cambios en la agenda: ${d.encounter.title}`,
    heading: "La agenda del encuentro cambió",
    intro: "Le escribimos porque tiene una inscripción en este encuentro. Estos son los cambios en la agenda:",
    added: "Nueva sesión",
    removed: "Sesión cancelada",
    changed: "Sesión modificada",
    before: "Antes",
    now: "Ahora",
    room: "Sala",
    calendar:
      "Adjuntamos la agenda actualizada (.ics). Si ya la había agregado a su calendario, ábrala de nuevo: las sesiones se actualizan en lugar de duplicarse.",
    action: "Ver la agenda actualizada",
  },
  {
    subject: (d: Data) => `Agenda changes: ${d.encounter.title}`,
    heading: "The convening's agenda has changed",
    intro: "You are receiving this because you registered for this convening. These are the changes to the agenda:",
    added: "New session",
    removed: "Session cancelled",
    changed: "Session changed",
    before: "Before",
    now: "Now",
    room: "Room",
    calendar:
      "The updated agenda is attached (.ics). If you had already added it to your calendar, open it again: sessions are updated rather than duplicated.",
    action: "See the updated agenda",
  },
);
