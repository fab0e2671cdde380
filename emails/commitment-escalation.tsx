import { z } from "zod";
import { Action, Details, P } from "./layout";
import { strings } from "~/i18n/mail/commitment-escalation";
import { CommitmentDetails } from "./parts";
import { attachments, commitmentProgress, encounterRef, httpUrl, singleLine } from "./schema";
import { defineLetter } from "./letter";

// To the city's focal point and the organizers, once, when a commitment has been overdue for
// the weeks the encounter's follow-up plan says. The button opens the commitment's page (sign-in
// needed: this is not the responsible official's personal link).
const schema = z.object({
  name: singleLine(),
  encounter: encounterRef,
  commitment: commitmentProgress,
  daysOverdue: z.number().int().positive(),
  responsibleName: singleLine(),
  responsibleEmail: z.string().email().max(254).optional(),
  url: httpUrl,
  ...attachments,
});
export type Data = z.output<typeof schema>;

export default defineLetter(schema, strings, (data, t, locale) => (
  <>
    <P>{t.intro(data)}</P>
    <CommitmentDetails commitment={data.commitment} locale={locale} />
    <Details items={[[t.responsible, data.responsibleEmail ? `${data.responsibleName} (${data.responsibleEmail})` : data.responsibleName]]} />
    <P>{t.ask}</P>
    <Action href={data.url} label={t.action} locale={locale} />
  </>
));
