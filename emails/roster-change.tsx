import { z } from "zod";
import { Action, Details, P } from "./layout";
import { strings } from "~/i18n/mail/roster-change";
import { attachments, httpUrl, singleLine } from "./schema";
import { defineLetter } from "./letter";

// To the person a change of a city's roster (directorio de la ciudad) is about: they were added
// or verified, withdrawn, made the city's focal point (enlace) or no longer one. Who made the
// change is said: the organizers, a focal point of the city (by name), or the person's own
// address at one of the city's email domains.

export const rosterChanges = ["added", "withdrawn", "focalGiven", "focalTaken"] as const;

const schema = z.object({
  name: singleLine(),
  city: singleLine(120),
  change: z.enum(rosterChanges),
  role: z.enum(["focal_point", "official"]),
  /** The focal point who made the change; absent: the organizers (or the email domain). */
  by: singleLine(200).optional(),
  /** The city's domain the person's address is at, when that verified them. */
  domain: singleLine(253).optional(),
  entity: singleLine(200).optional(),
  position: singleLine(200).optional(),
  url: httpUrl,
  ...attachments,
});
export type Data = z.output<typeof schema>;

export default defineLetter(schema, strings, (data, t, locale) => (
  <>
    <P>{t.intro(data)}</P>
    {data.change === "added" ? (
      <Details
        items={[
          [t.entity, data.entity],
          [t.position, data.position],
        ]}
      />
    ) : null}
    <P>{t.meaning(data)}</P>
    <Action href={data.url} label={t.action(data)} locale={locale} />
    <P>{t.notYou}</P>
  </>
));
