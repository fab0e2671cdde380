import { z } from "zod";
import { Action, P } from "./layout";
import { strings } from "~/i18n/mail/invitation";
import { EncounterDetails } from "./parts";
import { encounterSchedule, httpUrl, singleLine } from "./schema";
import { defineLetter } from "./letter";

// A city invited to an encounter: to its focal point (or the address an organizer typed), with
// the signed link to the city's delegation page. The same letter reminds a city that has not
// answered.
const schema = z.object({
  // Left out for an address an organizer typed: the greeting names nobody.
  name: singleLine().optional(),
  encounter: encounterSchedule,
  city: singleLine(),
  places: z.number().int().positive(),
  closesAt: z.string().datetime({ offset: true }).optional(),
  url: httpUrl,
  reminder: z.boolean().default(false),
});
export type Data = z.output<typeof schema>;

export default defineLetter(
  schema,
  strings,
  (data, t, locale) => (
    <>
      <P>{data.reminder ? t.reminderIntro(data) : t.intro(data)}</P>
      <EncounterDetails encounter={data.encounter} locale={locale} />
      <P>{t.places(data)}</P>
      {data.closesAt ? <P>{t.closes(data)}</P> : null}
      <Action href={data.url} label={t.action} locale={locale} />
      <P>{t.consent}</P>
      <P>{t.decline}</P>
    </>
  ),
  {
    preview: (data, t) => (data.reminder ? t.reminderIntro(data) : t.intro(data)),
    // The link lets whoever holds it register and change the city's delegation.
    secrets: (data) => [data.url],
  },
);
