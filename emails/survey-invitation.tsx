import { z } from "zod";
import { strings } from "~/i18n/mail/survey-invitation";
import { formatDate, formatClock, zoneName } from "./format";
import { Action, P } from "./layout";
import { defineLetter } from "./letter";
import { encounterRef, httpUrl, ianaZone, isoInstant, optOut, singleLine } from "./schema";

// The invitation to answer an encounter's survey, sent once after it ends, and the one reminder
// to those who did not answer (app/features/surveys/mail.server.ts). A linked survey's link is
// the person's own; an anonymous survey's is the same for everyone, and the mail says it is.

const schema = z.object({
  name: singleLine(),
  encounter: encounterRef,
  survey: singleLine(200),
  url: httpUrl,
  closesAt: isoInstant,
  timezone: ianaZone,
  anonymous: z.boolean(),
  reminder: z.boolean(),
  ...optOut,
});
export type Data = z.output<typeof schema>;

export default defineLetter(
  schema,
  strings,
  (data, t, locale) => (
    <>
      <P>{data.reminder ? t.reminderIntro(data) : t.intro(data)}</P>
      <P>
        {t.closes(
          `${formatDate(data.closesAt, data.timezone, locale)}, ${formatClock(data.closesAt, data.timezone, locale)} (${zoneName(data.closesAt, data.timezone, locale)})`,
        )}
      </P>
      <P>{data.anonymous ? t.anonymous : t.linked}</P>
      <Action href={data.url} label={t.action} locale={locale} />
    </>
  ),
  {
    preview: (data) => data.survey,
    // A linked survey's link answers for the person.
    secrets: (data) => (data.anonymous ? [] : [data.url]),
  },
);
