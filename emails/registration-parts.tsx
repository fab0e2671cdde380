import { z } from "zod";
import type { Locale } from "~db/schema";
import { Action, P } from "./layout";
import { strings } from "~/i18n/mail/registration-parts";
import { CheckInCode, EncounterDetails, Letter, hasCalendar } from "./parts";
import { attachments, checkIn, encounterSchedule, httpUrl, optOut, singleLine } from "./schema";
import { defineTemplate } from "./template";

// Pieces of the registration messages.

/** A delegate: the city whose focal point registered the person, who must still give their own consent. */
export const delegationNote = z.object({ city: singleLine() }).optional();

const confirmedPlace = z.object({
  name: singleLine(),
  encounter: encounterSchedule,
  manageUrl: httpUrl,
  checkIn: checkIn.optional(),
  delegation: delegationNote,
  ...optOut,
  ...attachments,
});
export type ConfirmedPlaceData = z.output<typeof confirmedPlace>;

/** What a message about a confirmed place says in its own words. */
export interface ConfirmedPlaceText {
  subject: (d: ConfirmedPlaceData) => string;
  heading: string;
  intro: string;
  cancel: string;
}

/**
 * A message that gives someone a place (on registering, or when one opens up on the waiting
 * list): how to attend, the check-in code, the calendar file and the link to cancel.
 */
export function confirmedPlaceTemplate(text: Record<Locale, ConfirmedPlaceText>) {
  return defineTemplate({
    schema: confirmedPlace,
    subject: (data, locale) => text[locale].subject(data),
    body: (data, locale) => {
      const t = { ...strings[locale], ...text[locale] };
      return (
        <Letter locale={locale} name={data.name} encounter={data.encounter} heading={t.heading} stopUrl={data.stopUrl}>
          <P>{t.intro}</P>
          {data.delegation ? <P>{t.delegation(data.delegation.city)}</P> : null}
          <EncounterDetails encounter={data.encounter} locale={locale} />
          {data.checkIn ? <CheckInCode checkIn={data.checkIn} locale={locale} /> : null}
          {hasCalendar(data.attachments) ? <P>{t.calendar}</P> : null}
          <P>{t.cancel}</P>
          <Action href={data.manageUrl} label={t.action} locale={locale} />
        </Letter>
      );
    },
    // The manage link lets whoever holds it change or cancel the registration.
    secrets: (data) => [data.manageUrl],
  });
}
