import { z } from "zod";
import { Action, P } from "./layout";
import { localized } from "./localized";
import { CommitmentDetails, Letter } from "./parts";
import { attachments, commitmentRef, encounterRef, httpUrl, singleLine } from "./schema";
import { defineTemplate } from "./template";

const schema = z.object({
  name: singleLine(),
  encounter: encounterRef,
  commitment: commitmentRef,
  updateUrl: httpUrl,
  ...attachments,
});
type Data = z.output<typeof schema>;

const strings = localized(
  {
    subject: (d: Data) => `Compromiso registrado: ${d.commitment.title}`,
    heading: "Quedó registrado un compromiso a su cargo",
    intro: (d: Data) => `Se registró el siguiente compromiso de ${d.commitment.cityName}, y usted figura como responsable:`,
    followUp:
      "Antes de la fecha límite le escribiremos para conocer el avance. Puede informarlo en cualquier momento con el botón, sin necesidad de contraseña.",
    wrongPerson: "Si usted no es la persona responsable, responda a quien organizó el encuentro para corregirlo.",
    action: "Informar el avance",
  },
  {
    subject: (d: Data) => `Commitment recorded: ${d.commitment.title}`,
    heading: "A commitment in your charge has been recorded",
    intro: (d: Data) => `The following commitment of ${d.commitment.cityName} has been recorded, with you as the person responsible:`,
    followUp:
      "Before the due date we will write to ask about progress. You can report it at any time with the button, no password needed.",
    wrongPerson: "If you are not the person responsible, please tell the organizers of the convening so they can correct it.",
    action: "Report progress",
  },
);

export default defineTemplate({
  schema,
  subject: (data, locale) => strings[locale].subject(data),
  body: (data, locale) => {
    const t = strings[locale];
    return (
      <Letter locale={locale} name={data.name} encounter={data.encounter} heading={t.heading}>
        <P>{t.intro(data)}</P>
        <CommitmentDetails commitment={data.commitment} locale={locale} />
        {data.commitment.description ? <P>{data.commitment.description}</P> : null}
        <P>{t.followUp}</P>
        <Action href={data.updateUrl} label={t.action} locale={locale} />
        <P>{t.wrongPerson}</P>
      </Letter>
    );
  },
});
