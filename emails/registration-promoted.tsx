import { z } from "zod";
import { Action, EmailLayout, P } from "./layout";
import { localized } from "./localized";
import { CheckInCode, EncounterDetails, Greeting, hasCalendar } from "./parts";
import { attachments, checkIn, encounterSchedule, httpUrl, singleLine } from "./schema";
import { defineTemplate } from "./template";

const schema = z.object({ name: singleLine(), encounter: encounterSchedule, manageUrl: httpUrl, checkIn: checkIn.optional(), ...attachments });
type Data = z.output<typeof schema>;

const strings = localized(
  {
    subject: (d: Data) => `Se liberó un cupo: su inscripción está confirmada (${d.encounter.title})`,
    heading: "Se liberó un cupo para usted",
    intro: "Estaba en la lista de espera y ahora tiene un cupo confirmado en el encuentro. Estos son los datos para asistir:",
    calendar: "Adjuntamos el evento en un archivo de calendario (.ics) para que lo agregue a su agenda.",
    cancel: "Si ya no puede asistir, cancele su inscripción para que el cupo pase a la siguiente persona.",
    action: "Ver o cancelar mi inscripción",
  },
  {
    subject: (d: Data) => `A place opened up: your registration is confirmed (${d.encounter.title})`,
    heading: "A place has opened up for you",
    intro: "You were on the waiting list and now have a confirmed place at the convening. Here is what you need to attend:",
    calendar: "The event is attached as a calendar file (.ics) so you can add it to your calendar.",
    cancel: "If you can no longer attend, please cancel so that the place goes to the next person.",
    action: "View or cancel my registration",
  },
);

export default defineTemplate({
  schema,
  subject: (data, locale) => strings[locale].subject(data),
  body: (data, locale) => {
    const t = strings[locale];
    return (
      <EmailLayout locale={locale} preview={t.heading} heading={t.heading} encounterTitle={data.encounter.title} encounterUrl={data.encounter.url}>
        <Greeting name={data.name} locale={locale} />
        <P>{t.intro}</P>
        <EncounterDetails encounter={data.encounter} locale={locale} />
        {data.checkIn ? <CheckInCode checkIn={data.checkIn} locale={locale} /> : null}
        {hasCalendar(data.attachments) ? <P>{t.calendar}</P> : null}
        <P>{t.cancel}</P>
        <Action href={data.manageUrl} label={t.action} locale={locale} />
      </EmailLayout>
    );
  },
  // The manage link lets whoever holds it change or cancel the registration.
  secrets: (data) => [data.manageUrl],
});
