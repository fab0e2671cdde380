import { Img, Section, Text } from "@react-email/components";
import type { z } from "zod";
import type { Locale } from "~db/schema";
import { formatClock, formatDate, formatDueDate, zoneName } from "./format";
import type { ReactNode } from "react";
import { Details, EmailLayout, P } from "./layout";
import { strings } from "~/i18n/mail/parts";
import type { checkIn as checkInSchema, commitmentProgress, commitmentRef, encounterRef, encounterSchedule } from "./schema";

// Pieces several messages share: the greeting, when and where an encounter is, what a
// commitment is about.

/** Greets by name; a message to an address whose owner Convoca does not know greets plainly. */
export function Greeting({ name, locale }: { name: string | undefined; locale: Locale }) {
  return <P>{name === undefined ? strings[locale].helloNoName : strings[locale].hello(name)}</P>;
}

/** A message to one person: the layout, with the encounter it is about at the top, and the greeting. */
export function Letter(props: {
  locale: Locale;
  /** Left out when the address's owner is unknown: the greeting names nobody. */
  name?: string;
  encounter: z.output<typeof encounterRef> | undefined;
  heading: string;
  /** The inbox's preview line; the heading unless said. */
  preview?: string;
  /** The person's link to stop messages and reminders (schema.ts optOut), said in the footer. */
  stopUrl?: string;
  children: ReactNode;
}) {
  const { locale, encounter, heading } = props;
  return (
    <EmailLayout
      locale={locale}
      preview={props.preview ?? heading}
      heading={heading}
      encounterTitle={encounter?.title}
      encounterUrl={encounter?.url}
      stopUrl={props.stopUrl}
    >
      <Greeting name={props.name} locale={locale} />
      {props.children}
    </EmailLayout>
  );
}

export function EncounterDetails({ encounter, locale }: { encounter: z.output<typeof encounterSchedule>; locale: Locale }) {
  const t = strings[locale];
  const { startsAt, endsAt, timezone } = encounter;
  return (
    <Details
      items={[
        [t.date, formatDate(startsAt, timezone, locale)],
        [t.time, t.timeRange(formatClock(startsAt, timezone, locale), formatClock(endsAt, timezone, locale), zoneName(startsAt, timezone, locale))],
        [t.venue, encounter.venue],
        [t.address, encounter.address],
      ]}
    />
  );
}

type CommitmentData = z.output<typeof commitmentRef> & Partial<Pick<z.output<typeof commitmentProgress>, "status" | "progress">>;

export function CommitmentDetails({ commitment, locale }: { commitment: CommitmentData; locale: Locale }) {
  const t = strings[locale];
  return (
    <Details
      items={[
        [t.commitment, commitment.title],
        [t.city, commitment.cityName],
        [t.instrument, t.instruments[commitment.instrument]],
        [t.dueDate, formatDueDate(commitment.dueDate, locale)],
        [t.status, commitment.status ? t.statuses[commitment.status] : undefined],
        [t.progress, commitment.progress === undefined ? undefined : `${commitment.progress} %`],
      ]}
    />
  );
}

export function hasCalendar(attachments: Array<{ contentType: string }> | undefined): boolean {
  return Boolean(attachments?.some((a) => a.contentType.toLowerCase().startsWith("text/calendar")));
}

/** The check-in QR code (an attached image shown inline) and the same code in words. */
export function CheckInCode({ checkIn, locale }: { checkIn: z.output<typeof checkInSchema>; locale: Locale }) {
  const t = strings[locale];
  return (
    <Section style={{ margin: "16px 0", padding: "12px 16px", border: "1px solid #d9e2ec", borderRadius: "6px" }}>
      <Text style={{ fontSize: "16px", fontWeight: "bold", margin: "0 0 8px" }}>{t.checkInTitle}</Text>
      {checkIn.qrCid ? (
        <>
          <P>{t.checkInQr}</P>
          <Img src={`cid:${checkIn.qrCid}`} width="180" height="180" alt={t.checkInQrAlt(checkIn.code)} style={{ display: "block", margin: "0 0 8px" }} />
        </>
      ) : null}
      <P>{t.checkInCode(checkIn.code)}</P>
    </Section>
  );
}
