import { z } from "zod";
import { Action, P } from "./layout";
import { strings } from "~/i18n/mail/commitment-recorded";
import { CommitmentDetails, Letter } from "./parts";
import { attachments, commitmentRef, encounterRef, httpUrl, singleLine } from "./schema";
import { defineTemplate } from "./template";

const schema = z.object({
  name: singleLine(),
  encounter: encounterRef,
  commitment: commitmentRef,
  updateUrl: httpUrl,
  ...attachments,
});
export type Data = z.output<typeof schema>;

export default defineTemplate({
  schema,
  subject: (data, locale) => strings[locale].subject(data),
  body: (data, locale) => {
    const t = strings[locale];
    return (
      <Letter locale={locale} name={data.name} encounter={data.encounter} heading={t.heading}>
        <P>{t.intro(data)}</P>
        <CommitmentDetails commitment={data.commitment} locale={locale} />
        {data.commitment.description ? <P>{data.commitment.description}</P> : null}
        <P>{t.followUp}</P>
        <Action href={data.updateUrl} label={t.action} locale={locale} />
        <P>{t.wrongPerson}</P>
      </Letter>
    );
  },
});
