import { localized } from "~emails/localized";
import type { Data } from "~emails/delegation-removed";

// The text of the mail emails/delegation-removed.tsx, Spanish then English (same keys, checked).
export const strings = localized(
  {
    subject: (d: Data) => (d.replaced ? `Cambio en la delegación de ${d.city}: ${d.encounter.title}` : `Inscripción cancelada: ${d.encounter.title}`),
    heading: "Ya no hace parte de la delegación",
    replaced: (d: Data) =>
      `La persona enlace de ${d.city} lo reemplazó en la delegación de la ciudad para este encuentro: su cupo pasó a otra persona y su inscripción quedó cancelada.`,
    cancelled: (d: Data) => `La persona enlace de ${d.city} retiró su inscripción de la delegación de la ciudad para este encuentro.`,
    mistake: "Si cree que se trata de un error, escriba a la persona enlace de su ciudad.",
    action: "Ver el encuentro",
  },
  {
    subject: (d: Data) => (d.replaced ? `Change in ${d.city}'s delegation: ${d.encounter.title}` : `Registration cancelled: ${d.encounter.title}`),
    heading: "You are no longer in the delegation",
    replaced: (d: Data) =>
      `The focal point of ${d.city} replaced you in the city's delegation to this convening: your place passed to someone else and your registration is cancelled.`,
    cancelled: (d: Data) => `The focal point of ${d.city} withdrew your registration from the city's delegation to this convening.`,
    mistake: "If you think this is a mistake, please write to your city's focal point.",
    action: "See the convening",
  },
);
