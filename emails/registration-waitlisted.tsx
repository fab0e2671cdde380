import { z } from "zod";
import { Action, P } from "./layout";
import { strings } from "~/i18n/mail/registration-waitlisted";
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
export type Data = z.output<typeof schema>;

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
