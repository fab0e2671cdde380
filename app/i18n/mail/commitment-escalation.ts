import { dayCount, formatDueDate } from "~emails/format";
import { localized } from "~emails/localized";
import type { Data } from "~emails/commitment-escalation";

// The text of the mail emails/commitment-escalation.tsx, Spanish then English (same keys, checked).
export const strings = localized(
  {
    subject: (d: Data) => `Compromiso de ${d.commitment.cityName} vencido hace ${dayCount(d.daysOverdue, "es")}: ${d.commitment.title}`,
    heading: "Un compromiso de la ciudad necesita apoyo",
    intro: (d: Data) =>
      `El compromiso siguiente de ${d.commitment.cityName} venció el ${formatDueDate(d.commitment.dueDate, "es")} (hace ${dayCount(d.daysOverdue, "es")}) y no figura como cumplido, a pesar de los recordatorios a la persona responsable.`,
    responsible: "Responsable",
    ask: "Le escribimos para que pueda acompañar a la ciudad: revisar con la persona responsable el estado real, actualizarlo o, si ya no es viable, registrar el motivo.",
    action: "Ver el compromiso",
  },
  {
    subject: (d: Data) => `Commitment of ${d.commitment.cityName} overdue for ${dayCount(d.daysOverdue, "en")}: ${d.commitment.title}`,
    heading: "A commitment of the city needs support",
    intro: (d: Data) =>
      `The following commitment of ${d.commitment.cityName} was due on ${formatDueDate(d.commitment.dueDate, "en")} (${dayCount(d.daysOverdue, "en")} ago) and is not marked as done, despite the reminders to the person responsible.`,
    responsible: "Person responsible",
    ask: "We are writing so that you can support the city: check the real status with the person responsible, update it or, if it is no longer feasible, record why.",
    action: "See the commitment",
  },
);
