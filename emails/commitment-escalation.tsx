import { z } from "zod";
import { dayCount, formatDueDate } from "./format";
import { Action, Details, P } from "./layout";
import { localized } from "./localized";
import { CommitmentDetails, Letter } from "./parts";
import { attachments, commitmentProgress, encounterRef, httpUrl, singleLine } from "./schema";
import { defineTemplate } from "./template";

// To the city's focal point and the organizers, once, when a commitment has been overdue for
// the weeks the encounter's follow-up plan says. The button opens the commitment's page (sign-in
// needed: this is not the responsible official's personal link).
const schema = z.object({
  name: singleLine(),
  encounter: encounterRef,
  commitment: commitmentProgress,
  daysOverdue: z.number().int().positive(),
  responsibleName: singleLine(),
  responsibleEmail: z.string().email().max(254).optional(),
  url: httpUrl,
  ...attachments,
});
type Data = z.output<typeof schema>;

const strings = localized(
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

export default defineTemplate({
  schema,
  subject: (data, locale) => strings[locale].subject(data),
  body: (data, locale) => {
    const t = strings[locale];
    const responsible = data.responsibleEmail ? `${data.responsibleName} (${data.responsibleEmail})` : data.responsibleName;
    return (
      <Letter locale={locale} name={data.name} encounter={data.encounter} heading={t.heading}>
        <P>{t.intro(data)}</P>
        <CommitmentDetails commitment={data.commitment} locale={locale} />
        <Details items={[[t.responsible, responsible]]} />
        <P>{t.ask}</P>
        <Action href={data.url} label={t.action} locale={locale} />
      </Letter>
    );
  },
});
