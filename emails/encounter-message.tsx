import { Fragment } from "react";
import { z } from "zod";
import { paragraphs } from "~/features/messages/rules";
import { strings } from "~/i18n/mail/encounter-message";
import { Action, P } from "./layout";
import { defineLetter } from "./letter";
import { encounterRef, httpUrl, optOut, paragraph, singleLine } from "./schema";

// A message an organizer wrote to an encounter's registrants (app/features/messages): their
// subject and words as written, the frame in the reader's language, the reader's own link.

const schema = z.object({
  name: singleLine(),
  encounter: encounterRef,
  subject: singleLine(200),
  body: paragraph(5000).pipe(z.string().min(1)),
  manageUrl: httpUrl.optional(),
  ...optOut,
});
export type Data = z.output<typeof schema>;

export default defineLetter(
  schema,
  strings,
  (data, t, locale) => (
    <>
      {paragraphs(data.body).map((lines, i) => (
        <P key={i}>
          {lines.map((line, j) => (
            <Fragment key={j}>
              {j > 0 ? <br /> : null}
              {line}
            </Fragment>
          ))}
        </P>
      ))}
      <P>{t.signature}</P>
      {data.manageUrl ? <Action href={data.manageUrl} label={t.action} locale={locale} /> : null}
    </>
  ),
  {
    preview: (data) => paragraphs(data.body)[0]?.join(" ").slice(0, 140) ?? data.subject,
    // The registration link lets whoever holds it change or cancel the registration.
    secrets: (data) => (data.manageUrl ? [data.manageUrl] : []),
  },
);
