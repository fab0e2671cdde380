import { z } from "zod";
import { strings } from "~/i18n/mail/minutes-published";
import { Action, P } from "./layout";
import { defineLetter } from "./letter";
import { encounterRef, httpUrl, optOut, paragraph, singleLine } from "./schema";

// The one notice that an encounter's minutes (relatoría) are published: a short summary of
// them as plain text (never the organizers' Markdown as markup) and the link to read them.

const schema = z.object({
  name: singleLine(),
  encounter: encounterRef,
  summary: paragraph(400).optional(),
  url: httpUrl,
  ...optOut,
});
export type Data = z.output<typeof schema>;

export default defineLetter(schema, strings, (data, t, locale) => (
  <>
    <P>{t.intro}</P>
    {data.summary ? <P>«{data.summary}»</P> : null}
    <Action href={data.url} label={t.action} locale={locale} />
  </>
));
