import { Link, Section, Text } from "@react-email/components";
import { Fragment } from "react";
import { z } from "zod";
import type { Locale } from "~db/schema";
import { paragraphs } from "~/features/messages/rules";
import { strings } from "~/i18n/mail/encounter-reminder";
import { formatClock, formatDate } from "./format";
import { Action, P } from "./layout";
import { defineLetter } from "./letter";
import { EncounterDetails } from "./parts";
import { encounterSchedule, httpUrl, optOut, paragraph, singleLine } from "./schema";

// The automatic reminder before an encounter (app/features/messages, 7 and 1 days before by
// default): when and where, a map link, the agenda, what to bring, and the person's own link.

const instant = z.string().datetime({ offset: true });
const schema = z.object({
  name: singleLine(),
  encounter: encounterSchedule,
  agenda: z.array(z.object({ title: singleLine(), startsAt: instant, endsAt: instant, room: singleLine(200).optional() })).max(200),
  mapUrl: httpUrl.optional(),
  whatToBring: paragraph(2000).optional(),
  url: httpUrl,
  manageUrl: httpUrl.optional(),
  ...optOut,
});
export type Data = z.output<typeof schema>;

const list = { fontSize: "15px", lineHeight: "22px", margin: "0 0 12px", paddingLeft: "20px" };
const title = { fontSize: "16px", fontWeight: "bold", margin: "16px 0 8px" };

function Agenda({ data, locale }: { data: Data; locale: Locale }) {
  const t = strings[locale];
  const zone = data.encounter.timezone;
  const days = new Set(data.agenda.map((item) => formatDate(item.startsAt, zone, locale)));
  return (
    <Section>
      <Text style={title}>{t.agenda}</Text>
      <ul style={list}>
        {data.agenda.map((item, i) => (
          <li key={i}>
            {days.size > 1 ? `${formatDate(item.startsAt, zone, locale)}, ` : null}
            {formatClock(item.startsAt, zone, locale)}–{formatClock(item.endsAt, zone, locale)} · {item.title}
            {item.room ? ` · ${item.room}` : null}
          </li>
        ))}
      </ul>
    </Section>
  );
}

export default defineLetter(
  schema,
  strings,
  (data, t, locale) => (
    <>
      <P>{t.intro}</P>
      <EncounterDetails encounter={data.encounter} locale={locale} />
      {data.mapUrl ? (
        <P>
          <Link href={data.mapUrl}>{t.map}</Link>
        </P>
      ) : null}
      {data.agenda.length > 0 ? <Agenda data={data} locale={locale} /> : null}
      {data.whatToBring ? (
        <Section>
          <Text style={title}>{t.whatToBring}</Text>
          {paragraphs(data.whatToBring).map((lines, i) => (
            <P key={i}>
              {lines.map((line, j) => (
                <Fragment key={j}>
                  {j > 0 ? <br /> : null}
                  {line}
                </Fragment>
              ))}
            </P>
          ))}
        </Section>
      ) : null}
      <P>
        <Link href={data.url}>{t.agendaPage}</Link>
      </P>
      {data.manageUrl ? (
        <>
          <P>{t.cannotCome}</P>
          <Action href={data.manageUrl} label={t.action} locale={locale} />
        </>
      ) : null}
    </>
  ),
  { secrets: (data) => (data.manageUrl ? [data.manageUrl] : []) },
);
