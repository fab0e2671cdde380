import { Section } from "@react-email/components";
import { z } from "zod";
import type { Locale } from "~db/schema";
import { formatClock, formatDate } from "./format";
import { Action, P } from "./layout";
import { strings } from "~/i18n/mail/agenda-changed";
import { EncounterDetails, hasCalendar } from "./parts";
import { attachments, encounterSchedule, httpUrl, singleLine, optOut } from "./schema";
import { defineLetter } from "./letter";

// Sent when an organizer tells registered people that a published encounter's agenda changed:
// what was added, removed or moved (time, room, title), with the updated calendar attached.

const instant = z.string().datetime({ offset: true });
const room = z
  .string()
  .trim()
  .max(200)
  .refine((v) => !/[\r\n]/.test(v), "no puede contener saltos de línea");

const change = z.object({
  change: z.enum(["added", "removed", "changed"]),
  title: singleLine(),
  startsAt: instant,
  endsAt: instant,
  room: room.default(""),
  before: z.object({ title: singleLine(), startsAt: instant, endsAt: instant, room: room.default("") }).optional(),
});

const schema = z.object({
  name: singleLine(),
  encounter: encounterSchedule,
  changes: z.array(change).min(1).max(200),
  url: httpUrl,
  ...optOut,
  ...attachments,
});
export type Data = z.output<typeof schema>;
type Change = z.output<typeof change>;

function when(startsAt: string, endsAt: string, zone: string, locale: Locale, withDay: boolean): string {
  const hours = `${formatClock(startsAt, zone, locale)}–${formatClock(endsAt, zone, locale)}`;
  return withDay ? `${formatDate(startsAt, zone, locale)}, ${hours}` : hours;
}

function ChangeLine({ item, data, locale }: { item: Change; data: Data; locale: Locale }) {
  const t = strings[locale];
  const zone = data.encounter.timezone;
  const day = (iso: string) => formatDate(iso, zone, locale);
  // The day is worth saying when the encounter lasts several days or the change moved it.
  const withDay = day(data.encounter.startsAt) !== day(data.encounter.endsAt) || (item.before ? day(item.before.startsAt) !== day(item.startsAt) : false);
  const describe = (title: string | null, startsAt: string, endsAt: string, roomName: string) =>
    [when(startsAt, endsAt, zone, locale, withDay), title, roomName ? `${t.room}: ${roomName}` : null].filter(Boolean).join(" · ");
  const label = t[item.change];
  if (item.change === "changed" && item.before) {
    // The title is said once, unless it is what changed.
    const renamed = item.before.title !== item.title;
    return (
      <li style={{ marginBottom: "10px" }}>
        <strong>{label}:</strong> {item.title}
        <br />
        {t.before}: {describe(renamed ? item.before.title : null, item.before.startsAt, item.before.endsAt, item.before.room)}
        <br />
        {t.now}: {describe(renamed ? item.title : null, item.startsAt, item.endsAt, item.room)}
      </li>
    );
  }
  return (
    <li style={{ marginBottom: "10px" }}>
      <strong>{label}:</strong> {describe(item.title, item.startsAt, item.endsAt, item.room)}
    </li>
  );
}

export default defineLetter(schema, strings, (data, t, locale) => (
  <>
    <P>{t.intro}</P>
    <Section>
      <ul style={{ fontSize: "15px", lineHeight: "22px", margin: "0 0 12px", paddingLeft: "20px" }}>
        {data.changes.map((item, i) => (
          <ChangeLine key={i} item={item} data={data} locale={locale} />
        ))}
      </ul>
    </Section>
    <EncounterDetails encounter={data.encounter} locale={locale} />
    {hasCalendar(data.attachments) ? <P>{t.calendar}</P> : null}
    <Action href={data.url} label={t.action} locale={locale} />
  </>
));
