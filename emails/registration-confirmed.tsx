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
    subject: (d: Data) => `Inscripción confirmada: ${d.encounter.title}`,
    heading: "Su inscripción está confirmada",
    intro: "Tiene un cupo en el encuentro. Estos son los datos para asistir:",
    calendar: "Adjuntamos el evento en un archivo de calendario (.ics) para que lo agregue a su agenda.",
    cancel: "Si no puede asistir, cancele su inscripción: así el cupo queda libre para otra persona.",
    action: "Ver o cancelar mi inscripción",
  },
  {
    subject: (d: Data) => `Registration confirmed: ${d.encounter.title}`,
    heading: "Your registration is confirmed",
    intro: "You have a place at the convening. Here is what you need to attend:",
    calendar: "The event is attached as a calendar file (.ics) so you can add it to your calendar.",
    cancel: "If you cannot attend, please cancel your registration so that someone else can take the place.",
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
