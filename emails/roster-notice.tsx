import { z } from "zod";
import { Action, P } from "./layout";
import { strings } from "~/i18n/mail/roster-notice";
import { attachments, httpUrl, singleLine } from "./schema";
import { defineLetter } from "./letter";

// To a city's focal points (enlaces) when someone else changed the city's roster: the
// organizers or another focal point added, withdrew or named someone, or the organizers added
// or removed one of the city's email domains. A focal point keeps the roster, so they hear of
// every change they did not make themselves.

export const rosterNotices = ["added", "withdrawn", "focalGiven", "focalTaken", "domainAdded", "domainRemoved"] as const;

const schema = z.object({
  name: singleLine(),
  city: singleLine(120),
  change: z.enum(rosterNotices),
  /** Whom the change is about (a person's name, or the domain). */
  subject: singleLine(253),
  /** The focal point who made it; absent: the organizers (or the person's own email domain). */
  by: singleLine(200).optional(),
  byDomain: z.boolean().default(false),
  url: httpUrl,
  ...attachments,
});
export type Data = z.output<typeof schema>;

export default defineLetter(schema, strings, (data, t, locale) => (
  <>
    <P>{t.intro(data)}</P>
    <P>{t.where}</P>
    <Action href={data.url} label={t.action} locale={locale} />
  </>
));
