import { localized } from "~emails/localized";
import type { Data } from "~emails/registration-waitlisted";

// The text of the mail emails/registration-waitlisted.tsx, Spanish then English (same keys, checked).
export const strings = localized(
  {
    subject: (d: Data) => `Lista de espera: ${d.encounter.title}`,
    heading: "Quedó en la lista de espera",
    intro: (d: Data) =>
      d.full?.city
        ? `Recibimos su inscripción. ${d.full.places === 1 ? `El único cupo de ${d.full.city} ya está asignado` : `Los ${d.full.places} cupos de ${d.full.city} ya están asignados`}: queda en lista de espera, en el puesto ${d.position}.`
        : d.full
          ? `Recibimos su inscripción. ${d.full.places === 1 ? "El único cupo del encuentro ya está asignado" : `Los ${d.full.places} cupos del encuentro ya están asignados`}: queda en lista de espera, en el puesto ${d.position}.`
          : `Recibimos su inscripción, pero en este momento no hay cupos disponibles. Su inscripción quedó en la lista de espera, en el puesto ${d.position}.`,
    next: "Si se libera un cupo, le escribiremos de inmediato para confirmarle. No necesita hacer nada más.",
    action: "Ver mi inscripción",
  },
  {
    subject: (d: Data) => `Waiting list: ${d.encounter.title}`,
    heading: "You are on the waiting list",
    intro: (d: Data) =>
      d.full?.city
        ? `We received your registration. ${d.full.places === 1 ? `The only place for ${d.full.city} is taken` : `All ${d.full.places} places for ${d.full.city} are taken`}: you are number ${d.position} on the waiting list.`
        : d.full
          ? `We received your registration. ${d.full.places === 1 ? "The only place of the convening is taken" : `All ${d.full.places} places of the convening are taken`}: you are number ${d.position} on the waiting list.`
          : `We received your registration, but there are no places available right now. You are number ${d.position} on the waiting list.`,
    next: "If a place opens up, we will write to you straight away to confirm it. You do not need to do anything else.",
    action: "View my registration",
  },
);
