import { z } from "zod";
import { Action, P } from "./layout";
import { strings } from "~/i18n/mail/profile-changes";
import { attachments, encounterRef, httpUrl, singleLine } from "./schema";
import { defineLetter } from "./letter";

// Someone registered this address with data that differ from what Convoca keeps. Nothing was
// changed: the owner of the address confirms the differences from the link, or ignores it.

const change = z.object({ from: singleLine(300).or(z.literal("")), to: singleLine(300).or(z.literal("")) });
const schema = z.object({
  name: singleLine(),
  encounter: encounterRef,
  changes: z.object({ fullName: change.optional(), entity: change.optional(), position: change.optional(), phone: change.optional(), city: change.optional() }),
  url: httpUrl,
  validUntil: singleLine(40),
  ...attachments,
});
export type Data = z.output<typeof schema>;
export type Field = keyof Data["changes"];

const fieldOrder: Field[] = ["fullName", "entity", "position", "phone", "city"];

export default defineLetter(
  schema,
  strings,
  (data, t, locale) => (
    <>
      <P>{t.intro}</P>
      {fieldOrder.map((field) => {
        const c = data.changes[field];
        return c ? <P key={field}>{t.line(t.fields[field], c.from, c.to)}</P> : null;
      })}
      <P>{t.ask(data.validUntil)}</P>
      <Action href={data.url} label={t.action} locale={locale} />
      <P>{t.ignore}</P>
    </>
  ),
  {
    // The link changes the person's data: whoever holds it acts for them.
    secrets: (data) => [data.url],
  },
);
