import { z } from "zod";
import { followUpTemplate } from "./commitment-parts";
import { dayCount, formatDueDate } from "./format";
import { localized } from "./localized";
import { attachments, commitmentProgress, encounterRef, httpUrl, singleLine } from "./schema";

const schema = z.object({
  name: singleLine(),
  encounter: encounterRef,
  commitment: commitmentProgress,
  daysOverdue: z.number().int().positive(),
  updateUrl: httpUrl,
  /** Signed link that stops further reminders for this commitment. */
  stopUrl: httpUrl.optional(),
  ...attachments,
});
type Data = z.output<typeof schema>;

const strings = localized(
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

export default followUpTemplate(schema, strings);
