import { getVtimezoneComponent } from "@touch4it/ical-timezones";

// The one writer of calendar files (RFC 5545) for the agenda, a registration and a city's
// commitments. It replaced ical-generator, which folded long lines one character at a time
// through a TextEncoder: 0.1–0.2 s for an agenda of 200 items, most of the cost of the file.
// Here a line is folded only when it is over 75 octets, counting the octets of each code point
// without encoding, and the time zone block is built once per zone.
//
// Times: a timed event is written as the wall-clock time of its zone with TZID (and that
// zone's VTIMEZONE once in the calendar), so a calendar program shows 08:00 in Bogotá as 08:00
// Bogotá time; an all-day event is a DATE with no zone; stamps are UTC.

export type IcsTime = { instant: string | Date; zone: string } | { date: string };

export interface IcsEvent {
  uid: string;
  sequence?: number;
  stamp: string | Date;
  start: IcsTime;
  end: IcsTime;
  summary: string;
  description?: string | null;
  location?: string | null;
  url?: string | null;
  categories?: readonly string[];
  status?: "CONFIRMED" | "CANCELLED";
  transparent?: boolean;
  created?: string | Date;
  lastModified?: string | Date;
}

export interface IcsCalendar {
  product: string;
  locale: string;
  name: string;
  description?: string;
  url?: string;
  method?: "PUBLISH";
  /** How often subscribers should refresh, in seconds. */
  ttlSeconds?: number;
  /** The zone the events are in: its VTIMEZONE is written once, and X-WR-TIMEZONE names it. */
  zone?: string;
  events: readonly IcsEvent[];
}

/** TEXT values: backslash, semicolon and comma escaped, line breaks as \n (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, "\\n");
}

/** Octets of a code point in UTF-8, without encoding it. */
function octets(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** A content line folded at 75 octets, never inside a character (RFC 5545 3.1). */
export function foldLine(line: string): string {
  // Most lines are short printable ASCII: one test settles them.
  if (line.length <= 75 && !/[^ -~]/.test(line)) return line;
  let out = "";
  let width = 0;
  let start = 0;
  let limit = 75;
  for (let i = 0; i < line.length;) {
    const codePoint = line.codePointAt(i)!;
    const size = octets(codePoint);
    const units = codePoint > 0xffff ? 2 : 1;
    if (width + size > limit) {
      out += `${line.slice(start, i)}\r\n `;
      start = i;
      width = 0;
      limit = 74; // the leading space of a continuation line counts
    }
    width += size;
    i += units;
  }
  return out + line.slice(start);
}

const utcStamp = (value: string | Date) =>
  (typeof value === "string" ? new Date(value) : value)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time of an instant in a zone, as YYYYMMDDTHHMMSS. */
function wallClock(instant: string | Date, zone: string): string {
  let formatter = wallClocks.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    wallClocks.set(zone, formatter);
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(typeof instant === "string" ? new Date(instant) : instant)) parts[part.type] = part.value;
  return `${parts.year}${parts.month}${parts.day}T${parts.hour}${parts.minute}${parts.second}`;
}

function timeProperty(name: "DTSTART" | "DTEND", time: IcsTime): string {
  if ("date" in time) return `${name};VALUE=DATE:${time.date.replace(/-/g, "")}`;
  return `${name};TZID=${time.zone}:${wallClock(time.instant, time.zone)}`;
}

const timeZoneBlocks = new Map<string, readonly string[]>();

/** The lines of a zone's VTIMEZONE (none if the zone is unknown), built once per zone. */
function timeZoneBlock(zone: string): readonly string[] {
  let block = timeZoneBlocks.get(zone);
  if (!block) {
    block = (getVtimezoneComponent(zone) ?? "").split(/\r?\n/).filter(Boolean);
    timeZoneBlocks.set(zone, block);
  }
  return block;
}

function duration(seconds: number): string {
  return seconds % 3600 === 0 ? `PT${seconds / 3600}H` : seconds % 60 === 0 ? `PT${seconds / 60}M` : `PT${seconds}S`;
}

function eventLines(event: IcsEvent, lines: string[]): void {
  lines.push("BEGIN:VEVENT", `UID:${event.uid}`);
  if (event.sequence !== undefined) lines.push(`SEQUENCE:${event.sequence}`);
  lines.push(`DTSTAMP:${utcStamp(event.stamp)}`, timeProperty("DTSTART", event.start), timeProperty("DTEND", event.end));
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  if (event.transparent !== undefined) lines.push(`TRANSP:${event.transparent ? "TRANSPARENT" : "OPAQUE"}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.categories?.length) lines.push(`CATEGORIES:${event.categories.map(escapeText).join(",")}`);
  if (event.url) lines.push(`URL;VALUE=URI:${event.url}`);
  if (event.status) lines.push(`STATUS:${event.status}`);
  if (event.created) lines.push(`CREATED:${utcStamp(event.created)}`);
  if (event.lastModified) lines.push(`LAST-MODIFIED:${utcStamp(event.lastModified)}`);
  lines.push("END:VEVENT");
}

/** The whole calendar as text, CRLF line ends, lines folded. */
export function writeCalendar(calendar: IcsCalendar): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:-//Convoca//${calendar.product}//${calendar.locale.toUpperCase()}`];
  if (calendar.url) lines.push(`URL:${calendar.url}`);
  if (calendar.method) lines.push(`METHOD:${calendar.method}`);
  lines.push(`NAME:${escapeText(calendar.name)}`, `X-WR-CALNAME:${escapeText(calendar.name)}`);
  if (calendar.description) lines.push(`X-WR-CALDESC:${escapeText(calendar.description)}`);
  if (calendar.zone) {
    lines.push(...timeZoneBlock(calendar.zone));
    lines.push(`X-WR-TIMEZONE:${calendar.zone}`);
  }
  if (calendar.ttlSeconds) lines.push(`REFRESH-INTERVAL;VALUE=DURATION:${duration(calendar.ttlSeconds)}`, `X-PUBLISHED-TTL:${duration(calendar.ttlSeconds)}`);
  for (const event of calendar.events) eventLines(event, lines);
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
