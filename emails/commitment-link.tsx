import { z } from "zod";
import { FollowUpFooter } from "./commitment-parts";
import { Action, P } from "./layout";
import { strings } from "~/i18n/mail/commitment-link";
import { CommitmentDetails } from "./parts";
import { attachments, commitmentRef, encounterRef, httpUrl, singleLine } from "./schema";
import { defineLetter } from "./letter";

// Asked for from an expired follow-up link: a fresh personal link to the same commitment, sent
// only to its responsible official's address (at most one a day).
const schema = z.object({
  name: singleLine(),
  encounter: encounterRef,
  commitment: commitmentRef,
  updateUrl: httpUrl,
  stopUrl: httpUrl.optional(),
  ...attachments,
});
export type Data = z.output<typeof schema>;

export default defineLetter(schema, strings, (data, t, locale) => (
  <>
    <P>{t.intro}</P>
    <CommitmentDetails commitment={data.commitment} locale={locale} />
    <Action href={data.updateUrl} label={t.action} locale={locale} />
    <P>{t.notYou}</P>
    <FollowUpFooter stopUrl={data.stopUrl} locale={locale} />
  </>
));
