import { dayCount, formatDueDate } from "~emails/format";
import { localized } from "~emails/localized";
import type { Data } from "~emails/commitment-overdue";

// The text of the mail emails/commitment-overdue.tsx, Spanish then English (same keys, checked).
export const strings = localized(
  {
    subject: (d: Data) => `Compromiso vencido: ${d.commitment.title}`,
    heading: "Este compromiso pasó su fecha límite",
    intro: (d: Data) =>
      `La fecha límite de este compromiso a su cargo fue el ${formatDueDate(d.commitment.dueDate, "es")} (hace ${dayCount(d.daysOverdue, "es")}) y todavía no figura como cumplido.`,
    ask: "Por favor actualice su estado: si ya se cumplió, márquelo como cumplido; si necesita más tiempo o no podrá cumplirse, indíquelo con una nota para que el equipo organizador pueda apoyar a su ciudad.",
    action: "Actualizar el compromiso",
  },
  {
    subject: (d: Data) => `Commitment overdue: ${d.commitment.title}`,
    heading: "This commitment is past its due date",
    intro: (d: Data) =>
      `The due date of this commitment in your charge was ${formatDueDate(d.commitment.dueDate, "en")} (${dayCount(d.daysOverdue, "en")} ago) and it is not yet marked as done.`,
    ask: "Please update its status: if it is done, mark it as done; if it needs more time or cannot be met, say so in a note so that the organizing team can support your city.",
    action: "Update the commitment",
  },
);
