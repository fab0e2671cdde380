import { z } from "zod";
import { Action, P } from "./layout";
import { strings } from "~/i18n/mail/sign-in-link";
import { Letter } from "./parts";
import { attachments, encounterRef, httpUrl, singleLine } from "./schema";
import { defineTemplate } from "./template";

const schema = z.object({
  name: singleLine(),
  url: httpUrl,
  minutes: z.number().int().positive(),
  // Signing in is not about one encounter; when it is (a link from a registration page), say which.
  encounter: encounterRef.optional(),
  ...attachments,
});
export type Data = z.output<typeof schema>;

export default defineTemplate({
  schema,
  subject: (_data, locale) => strings[locale].subject,
  // Whoever holds the link can sign in as the participant.
  secrets: (data) => [data.url],
  body: (data, locale) => {
    const t = strings[locale];
    return (
      <Letter locale={locale} name={data.name} encounter={data.encounter} heading={t.heading}>
        <P>{t.intro(data)}</P>
        <Action href={data.url} label={t.action} locale={locale} />
        <P>{t.notYou}</P>
      </Letter>
    );
  },
});
