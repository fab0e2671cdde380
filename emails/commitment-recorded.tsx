import { z } from "zod";
import { Action, P } from "./layout";
import { strings } from "~/i18n/mail/commitment-recorded";
import { CommitmentDetails } from "./parts";
import { attachments, commitmentRef, encounterRef, httpUrl, singleLine } from "./schema";
import { defineLetter } from "./letter";

const schema = z.object({
  name: singleLine(),
  encounter: encounterRef,
  commitment: commitmentRef,
  updateUrl: httpUrl,
  ...attachments,
});
export type Data = z.output<typeof schema>;

export default defineLetter(schema, strings, (data, t, locale) => (
  <>
    <P>{t.intro(data)}</P>
    <CommitmentDetails commitment={data.commitment} locale={locale} />
    {data.commitment.description ? <P>{data.commitment.description}</P> : null}
    <P>{t.followUp}</P>
    <Action href={data.updateUrl} label={t.action} locale={locale} />
    <P>{t.wrongPerson}</P>
  </>
));
