import { formatDate } from "~emails/format";
import { localized } from "~emails/localized";
import type { Data } from "~emails/invitation";

// The text of the mail emails/invitation.tsx, Spanish then English (same keys, checked).
export const strings = localized(
  {
    subject: (d: Data) => (d.reminder ? `Recordatorio: invitación de ${d.city} a ${d.encounter.title}` : `Invitación para ${d.city}: ${d.encounter.title}`),
    heading: "Invitación a la delegación de su ciudad",
    intro: (d: Data) => `${d.city} está invitada a este encuentro. Como enlace de la ciudad, inscriba a su delegación desde el enlace de este correo.`,
    reminderIntro: (d: Data) =>
      `${d.city} aún no ha respondido la invitación a este encuentro. Como enlace de la ciudad, inscriba a su delegación o decline la invitación desde el enlace de este correo.`,
    places: (d: Data) =>
      d.places === 1
        ? "La ciudad tiene 1 cupo; si inscribe a más personas, quedan en lista de espera."
        : `La ciudad tiene ${d.places} cupos; si inscribe a más personas, quedan en lista de espera.`,
    closes: (d: Data) => `Las inscripciones cierran el ${formatDate(d.closesAt!, d.encounter.timezone, "es")}.`,
    action: "Inscribir la delegación",
    consent:
      "Cada persona inscrita recibe su propio correo con su enlace personal y da su propia autorización para el tratamiento de sus datos la primera vez que lo abre.",
    decline: "Si la ciudad no participará, puede declinar la invitación desde el mismo enlace. El enlace es de la ciudad: no lo reenvíe fuera de su equipo.",
  },
  {
    subject: (d: Data) => (d.reminder ? `Reminder: ${d.city}'s invitation to ${d.encounter.title}` : `Invitation for ${d.city}: ${d.encounter.title}`),
    heading: "Your city's delegation is invited",
    intro: (d: Data) => `${d.city} is invited to this convening. As the city's focal point, register its delegation from the link in this mail.`,
    reminderIntro: (d: Data) =>
      `${d.city} has not answered the invitation to this convening yet. As the city's focal point, register its delegation or decline the invitation from the link in this mail.`,
    places: (d: Data) =>
      d.places === 1
        ? "The city has 1 place; if you register more people, they go on the waiting list."
        : `The city has ${d.places} places; if you register more people, they go on the waiting list.`,
    closes: (d: Data) => `Registration closes on ${formatDate(d.closesAt!, d.encounter.timezone, "en")}.`,
    action: "Register the delegation",
    consent:
      "Each person registered gets their own mail with a personal link, and gives their own authorization to process their data the first time they open it.",
    decline:
      "If the city will not take part, you can decline the invitation from the same link. The link belongs to the city: do not forward it outside your team.",
  },
);
