import { z } from "zod";
import { Action, P } from "./layout";
import { strings } from "~/i18n/mail/commitment-pending-responsible";
import { encounterRef, httpUrl, singleLine } from "./schema";
import { defineLetter } from "./letter";

// The first word to an address an official named as responsible when nobody has confirmed it:
// only facts Convoca itself holds (the encounter, the city). None of the official's own words
// (title, description, the name they typed) are in it, so it cannot carry someone else's text
// to a stranger. The details follow once an organizer confirms the responsible person.

const schema = z.object({
  encounter: encounterRef,
  cityName: singleLine(),
  url: httpUrl,
});
export type Data = z.output<typeof schema>;

// No name: nobody has confirmed who holds the address, so the greeting names nobody.
export default defineLetter(schema, strings, (data, t, locale) => (
  <>
    <P>{t.intro(data)}</P>
    <P>{t.next}</P>
    <Action href={data.url} label={t.action} locale={locale} />
    <P>{t.wrongPerson}</P>
  </>
));
