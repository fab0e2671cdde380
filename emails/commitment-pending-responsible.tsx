import { z } from "zod";
import { Action, P } from "./layout";
import { Letter } from "./parts";
import { localized } from "./localized";
import { encounterRef, httpUrl, singleLine } from "./schema";
import { defineTemplate } from "./template";

// The first word to an address an official named as responsible when nobody has confirmed it:
// only facts Convoca itself holds (the encounter, the city). None of the official's own words
// (title, description, the name they typed) are in it, so it cannot carry someone else's text
// to a stranger. The details follow once an organizer confirms the responsible person.

const schema = z.object({
  encounter: encounterRef,
  cityName: singleLine(),
  url: httpUrl,
});
type Data = z.output<typeof schema>;

const strings = localized(
  {
    subject: (d: Data) => `Compromiso de ${d.cityName} pendiente de confirmación`,
    heading: "Le nombraron responsable de un compromiso",
    intro: (d: Data) => `Una persona de ${d.cityName} registró en Convoca un compromiso del encuentro y escribió esta dirección como la de la persona responsable.`,
    next: "El equipo organizador confirmará primero que usted es la persona responsable; entonces recibirá los detalles y un enlace para informar el avance. Hasta entonces no le enviaremos recordatorios.",
    wrongPerson: "Si no le corresponde, no tiene que hacer nada: responda a quien organizó el encuentro si quiere que no le escribamos más.",
    action: "Ver el encuentro",
  },
  {
    subject: (d: Data) => `A commitment of ${d.cityName} awaiting confirmation`,
    heading: "You were named responsible for a commitment",
    intro: (d: Data) => `Someone from ${d.cityName} recorded a commitment of the convening in Convoca and gave this address as that of the person responsible.`,
    next: "The organizers will first confirm that you are the person responsible; you will then receive the details and a link to report progress. Until then we will send you no reminders.",
    wrongPerson: "If this is not for you, you need do nothing: reply to the organizers of the convening if you want us to stop writing.",
    action: "See the convening",
  },
);

export default defineTemplate({
  schema,
  subject: (data, locale) => strings[locale].subject(data),
  body: (data, locale) => {
    const t = strings[locale];
    return (
      <Letter locale={locale} encounter={data.encounter} heading={t.heading}>
        <P>{t.intro(data)}</P>
        <P>{t.next}</P>
        <Action href={data.url} label={t.action} locale={locale} />
        <P>{t.wrongPerson}</P>
      </Letter>
    );
  },
});
