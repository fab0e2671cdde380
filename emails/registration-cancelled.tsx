import { z } from "zod";
import { Action, P } from "./layout";
import { strings } from "~/i18n/mail/registration-cancelled";
import { attachments, encounterRef, httpUrl, paragraph, singleLine, optOut } from "./schema";
import { defineLetter } from "./letter";

const schema = z.object({
  name: singleLine(),
  encounter: encounterRef,
  // Who cancelled changes what the reader needs to hear: a receipt, or an explanation.
  byOrganizer: z.boolean().default(false),
  reason: paragraph(1000).optional(),
  registerUrl: httpUrl.optional(),
  ...optOut,
  ...attachments,
});
export type Data = z.output<typeof schema>;

export default defineLetter(schema, strings, (data, t, locale) => (
  <>
    <P>{data.byOrganizer ? t.byOrganizer : t.bySelf}</P>
    {data.reason ? <P>{t.reason(data.reason)}</P> : null}
    {data.registerUrl ? (
      <>
        <P>{t.again}</P>
        <Action href={data.registerUrl} label={t.action} locale={locale} />
      </>
    ) : null}
  </>
));
