import { formatDueDate } from "~emails/format";
import { localized } from "~emails/localized";
import type { Data } from "~emails/commitment-reminder";

// The text of the mail emails/commitment-reminder.tsx, Spanish then English (same keys, checked).
export const strings = localized(
  {
    subject: (d: Data) => `Recordatorio: el compromiso «${d.commitment.title}» vence el ${formatDueDate(d.commitment.dueDate, "es")}`,
    heading: "¿Cómo va este compromiso?",
    intro: (d: Data) =>
      d.daysLeft === 0
        ? "Hoy es la fecha límite de este compromiso a su cargo."
        : d.daysLeft === 1
          ? "Mañana es la fecha límite de este compromiso a su cargo."
          : `Faltan ${d.daysLeft} días para la fecha límite de este compromiso a su cargo.`,
    ask: "Cuéntenos cómo va: actualice el avance y, si hace falta, el estado. Si ya se cumplió, márquelo como cumplido y no le enviaremos más recordatorios.",
    action: "Actualizar el avance",
  },
  {
    subject: (d: Data) => `Reminder: the commitment "${d.commitment.title}" is due on ${formatDueDate(d.commitment.dueDate, "en")}`,
    heading: "How is this commitment going?",
    intro: (d: Data) =>
      d.daysLeft === 0
        ? "Today is the due date of this commitment in your charge."
        : d.daysLeft === 1
          ? "Tomorrow is the due date of this commitment in your charge."
          : `There are ${d.daysLeft} days left until the due date of this commitment in your charge.`,
    ask: "Tell us how it is going: update the progress and, if needed, the status. If it is done, mark it as done and we will stop sending reminders.",
    action: "Update progress",
  },
);
