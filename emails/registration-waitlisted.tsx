import { z } from "zod";
import { Action, P } from "./layout";
import { localized } from "./localized";
import { EncounterDetails, Letter } from "./parts";
import { attachments, encounterSchedule, httpUrl, singleLine } from "./schema";
import { defineTemplate } from "./template";

const schema = z.object({
  name: singleLine(),
  encounter: encounterSchedule,
  position: z.number().int().positive(),
  manageUrl: httpUrl,
  // Why there was no place: the city's quota (with its name) or the whole encounter.
  full: z.object({ city: singleLine().optional(), places: z.number().int().nonnegative() }).optional(),
  ...attachments,
});
type Data = z.output<typeof schema>;

const strings = localized(
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

export default defineTemplate({
  schema,
  subject: (data, locale) => strings[locale].subject(data),
  body: (data, locale) => {
    const t = strings[locale];
    return (
      <Letter locale={locale} name={data.name} encounter={data.encounter} heading={t.heading}>
        <P>{t.intro(data)}</P>
        <EncounterDetails encounter={data.encounter} locale={locale} />
        <P>{t.next}</P>
        <Action href={data.manageUrl} label={t.action} locale={locale} />
      </Letter>
    );
  },
  // The manage link lets whoever holds it change or cancel the registration.
  secrets: (data) => [data.manageUrl],
});
