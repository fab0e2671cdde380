import { z } from "zod";
import { Action, P } from "./layout";
import { strings } from "~/i18n/mail/delegation-removed";
import { encounterRef, httpUrl, optOut, singleLine } from "./schema";
import { defineLetter } from "./letter";

// A delegate the city's focal point took off the delegation: replaced by someone else (the
// place passed to them) or cancelled. The person learns it from Convoca, not by surprise.
const schema = z.object({
  name: singleLine(),
  encounter: encounterRef,
  city: singleLine(),
  replaced: z.boolean(),
  // The encounter's page: the person may still register on their own while places remain.
  url: httpUrl,
  ...optOut,
});
export type Data = z.output<typeof schema>;

export default defineLetter(schema, strings, (data, t, locale) => (
  <>
    <P>{data.replaced ? t.replaced(data) : t.cancelled(data)}</P>
    <P>{t.mistake}</P>
    <Action href={data.url} label={t.action} locale={locale} />
  </>
));
