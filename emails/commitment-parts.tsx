import { Link } from "@react-email/components";
import type { z } from "zod";
import type { Locale } from "~db/schema";
import { Action, P } from "./layout";
import { strings } from "~/i18n/mail/commitment-parts";
import { CommitmentDetails, Letter } from "./parts";
import type { commitmentProgress, encounterRef } from "./schema";
import { defineTemplate } from "./template";

// Pieces of the follow-up messages of commitments.

/** The personal-link warning and the stop-reminders link, at the end of a reminder. */
export function FollowUpFooter({ stopUrl, locale }: { stopUrl?: string; locale: Locale }) {
  const t = strings[locale];
  return (
    <>
      <P>{t.personal}</P>
      {stopUrl ? (
        <P>
          {t.stop} <Link href={stopUrl}>{t.stopLink}</Link>: {stopUrl}
        </P>
      ) : null}
    </>
  );
}

/** What every follow-up about one commitment carries, whatever else its schema adds. */
export interface FollowUpData {
  name: string;
  encounter: z.output<typeof encounterRef>;
  commitment: z.output<typeof commitmentProgress>;
  updateUrl: string;
  stopUrl?: string;
}

/** What a follow-up says in its own words. */
export interface FollowUpText<D> {
  subject: (d: D) => string;
  heading: string;
  intro: (d: D) => string;
  ask: string;
  action: string;
}

/**
 * A follow-up that asks the person in charge to update one commitment (before its due date,
 * or once it is overdue): why we write, the commitment, what to do, the update button, and
 * the personal-link warning with the stop-reminders link.
 */
export function followUpTemplate<S extends z.ZodType<FollowUpData, z.ZodTypeDef, unknown>>(
  schema: S,
  text: Record<Locale, FollowUpText<z.output<S>>>,
  options: { introAsPreview?: boolean } = {},
) {
  return defineTemplate({
    schema,
    subject: (data, locale) => text[locale].subject(data),
    body: (data, locale) => {
      const t = text[locale];
      return (
        <Letter locale={locale} name={data.name} encounter={data.encounter} heading={t.heading} preview={options.introAsPreview ? t.intro(data) : undefined}>
          <P>{t.intro(data)}</P>
          <CommitmentDetails commitment={data.commitment} locale={locale} />
          <P>{t.ask}</P>
          <Action href={data.updateUrl} label={t.action} locale={locale} />
          <FollowUpFooter stopUrl={data.stopUrl} locale={locale} />
        </Letter>
      );
    },
  });
}
