import { z } from "zod";
import { Action, P } from "./layout";
import { strings } from "~/i18n/mail/registration-waitlisted";
import { strings as parts } from "~/i18n/mail/registration-parts";
import { EncounterDetails } from "./parts";
import { delegationNote } from "./registration-parts";
import { attachments, encounterSchedule, httpUrl, singleLine, optOut } from "./schema";
import { defineLetter } from "./letter";

const schema = z.object({
  name: singleLine(),
  encounter: encounterSchedule,
  position: z.number().int().positive(),
  manageUrl: httpUrl,
  // Why there was no place: the city's quota (with its name) or the whole encounter.
  full: z.object({ city: singleLine().optional(), places: z.number().int().nonnegative() }).optional(),
  delegation: delegationNote,
  ...optOut,
  ...attachments,
});
export type Data = z.output<typeof schema>;

export default defineLetter(
  schema,
  strings,
  (data, t, locale) => (
    <>
      <P>{t.intro(data)}</P>
      {data.delegation ? <P>{parts[locale].delegation(data.delegation.city)}</P> : null}
      <EncounterDetails encounter={data.encounter} locale={locale} />
      <P>{t.next}</P>
      <Action href={data.manageUrl} label={t.action} locale={locale} />
    </>
  ),
  {
    // The manage link lets whoever holds it change or cancel the registration.
    secrets: (data) => [data.manageUrl],
  },
);
