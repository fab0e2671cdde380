import { z } from "zod";
import { Action, P } from "./layout";
import { strings } from "~/i18n/mail/materials-reminder";
import { attachments, encounterRef, httpUrl, paragraph, singleLine, optOut } from "./schema";
import { defineLetter } from "./letter";

// An organizer's reminder to someone who has not downloaded a material yet. The button is a
// personal signed link straight to the file (no password), valid until `validUntil`.
const schema = z.object({
  name: singleLine(),
  encounter: encounterRef,
  material: z.object({ title: singleLine(), description: paragraph(500).optional() }),
  url: httpUrl,
  validUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "debe ser una fecha AAAA-MM-DD"),
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
      {data.material.description ? <P>{data.material.description}</P> : null}
      <Action href={data.url} label={t.action} locale={locale} />
      <P>{t.personal(data)}</P>
    </>
  ),
  { preview: (data, t) => t.intro(data) },
);
