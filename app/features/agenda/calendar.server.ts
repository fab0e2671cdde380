import { createHash } from "node:crypto";
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import type { DB } from "~db/client";
import type { Encounter, Locale } from "~db/schema";
import { format } from "~/i18n/index";
import { messagesFor } from "~/i18n/catalog.server";
import { findAgendaItem, listAgenda, type AgendaEntry } from "~/features/agenda/queries.server";
import type { AgendaSnapshot } from "~/features/agenda/rules";
import { findEncounterById } from "~/features/encounters/queries.server";
import { getEnv } from "~/server/env.server";
import { writeCalendar, type IcsEvent } from "~/server/ics.server";

// Calendars of an encounter's agenda (RFC 5545), one event per item, breaks included.
//
// Times: every DTSTART/DTEND carries TZID=<the encounter's zone> with that zone's VTIMEZONE, so
// a calendar program shows 08:00 in Bogotá as 08:00 Bogotá time (and converts it for a reader
// elsewhere); DTSTAMP and LAST-MODIFIED stay in UTC. The text is written by
// app/server/ics.server.ts.
//
// Identity: an item's UID never changes (its id and this site's host), and its SEQUENCE rises
// with each change, so importing the file again, or a subscription refreshing, updates the
// events instead of adding copies.

export interface CalendarFile {
  filename: string;
  contentType: string;
  content: string;
  encoding: "utf-8";
}

export interface CancelledEvent extends AgendaSnapshot {
  itemId: number;
}

type CalendarEncounter = Pick<Encounter, "id" | "slug" | "title" | "summary" | "venue" | "address" | "timezone" | "starts_at" | "ends_at">;

export function agendaItemUid(itemId: number, appUrl = getEnv().appUrl): string {
  return `agenda-item-${itemId}@${new URL(appUrl).hostname}`;
}

export function agendaUrls(slug: string, appUrl = getEnv().appUrl) {
  const page = `${appUrl}/encuentros/${encodeURIComponent(slug)}/agenda`;
  const ics = `${page}.ics`;
  const webcal = ics.replace(/^https?:/, "webcal:");
  return {
    page,
    ics,
    webcal,
    google: `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcal)}`,
    item: (itemId: number) => `${page}/${itemId}.ics`,
  };
}

let zones: string[] | null = null;

/** The zones an encounter may use: known to the runtime and with a VTIMEZONE for calendars. */
export function calendarZones(): string[] {
  zones ??= Intl.supportedValuesOf("timeZone").filter((zone) => getVtimezoneComponent(zone) !== null);
  return zones;
}

function describe(item: AgendaEntry, encounter: CalendarEncounter, locale: Locale, pageUrl: string): string {
  const t = messagesFor(locale);
  const lines: string[] = [t.agenda.kinds[item.kind]];
  if (item.description) lines.push("", item.description);
  const people = (role: "speaker" | "moderator") =>
    item.speakers.filter((s) => s.role === role).map((s) => (s.organization ? `${s.name} (${s.organization})` : s.name));
  const speakers = people("speaker");
  const moderators = people("moderator");
  if (speakers.length || moderators.length) lines.push("");
  if (speakers.length) lines.push(`${t.scheduling.calendar.speakers}: ${speakers.join("; ")}`);
  if (moderators.length) lines.push(`${t.agenda.moderator}: ${moderators.join("; ")}`);
  lines.push("", encounter.title, `${t.scheduling.calendar.fullAgenda}: ${pageUrl}`);
  return lines.join("\n");
}

function locationOf(room: string, encounter: CalendarEncounter): string {
  return [room, encounter.venue, encounter.address]
    .map((part) => part.trim())
    .filter(Boolean)
    .join(", ");
}

/** The calendar text for an encounter and some of its items; pure, so it can be measured alone. */
export function renderCalendar(
  encounter: CalendarEncounter,
  items: readonly AgendaEntry[],
  options: { locale?: Locale; cancelled?: readonly CancelledEvent[]; appUrl?: string } = {},
): string {
  const locale = options.locale ?? "es";
  const appUrl = options.appUrl ?? getEnv().appUrl;
  const t = messagesFor(locale);
  const urls = agendaUrls(encounter.slug, appUrl);
  const zone = encounter.timezone;
  const events: IcsEvent[] = items.map((item) => {
    const changed = item.updated_at ?? item.created_at;
    return {
      uid: agendaItemUid(item.id, appUrl),
      sequence: item.sequence,
      stamp: changed,
      start: { instant: item.starts_at, zone },
      end: { instant: item.ends_at, zone },
      summary: item.title,
      description: describe(item, encounter, locale, urls.page),
      location: locationOf(item.room, encounter),
      url: `${urls.page}#item-${item.id}`,
      categories: [t.agenda.kinds[item.kind]],
      status: "CONFIRMED",
      transparent: item.kind === "break",
      created: item.created_at,
      lastModified: changed,
    };
  });
  for (const gone of options.cancelled ?? []) {
    events.push({
      uid: agendaItemUid(gone.itemId, appUrl),
      sequence: gone.sequence,
      stamp: new Date(),
      start: { instant: gone.starts_at, zone },
      end: { instant: gone.ends_at, zone },
      summary: `${t.scheduling.calendar.cancelled}: ${gone.title}`,
      location: locationOf(gone.room, encounter),
      status: "CANCELLED",
    });
  }
  return writeCalendar({
    product: "Agenda",
    locale,
    name: encounter.title,
    description: format(t.scheduling.calendar.description, { title: encounter.title }),
    url: urls.page,
    method: "PUBLISH",
    ttlSeconds: 60 * 60,
    zone,
    events,
  });
}

const contentType = "text/calendar; charset=utf-8; method=PUBLISH";

/**
 * The whole encounter as an .ics file: for the public calendar, a subscription, or an email
 * attachment (the result fits emails' attachment schema as it is). `cancelled` adds removed
 * items as cancelled events, for a change notice. Throws if the encounter does not exist.
 */
export async function buildEncounterCalendar(
  db: DB,
  encounterId: number,
  options: { locale?: Locale; cancelled?: readonly CancelledEvent[] } = {},
): Promise<CalendarFile> {
  const encounter = await findEncounterById(db, encounterId);
  if (!encounter) throw new Error(`No existe el encuentro ${encounterId}`);
  const items = await listAgenda(db, encounter.id);
  return { filename: `${encounter.slug}.ics`, contentType, content: renderCached(encounter, items, options), encoding: "utf-8" };
}

// Subscriptions poll and registrations attach the same file: the text is kept per exact input
// (what it is made of, hashed), so a change can never be served stale and an unchanged agenda
// is not written twice.
const rendered = new Map<string, string>();
const maxRendered = 32;

function renderCached(
  encounter: CalendarEncounter,
  items: readonly AgendaEntry[],
  options: { locale?: Locale; cancelled?: readonly CancelledEvent[] },
): string {
  const appUrl = getEnv().appUrl;
  const pick = ({ id, slug, title, summary, venue, address, timezone }: CalendarEncounter) => ({ id, slug, title, summary, venue, address, timezone });
  const key = createHash("sha256")
    .update(JSON.stringify([pick(encounter), items, options.locale ?? "es", options.cancelled ?? [], appUrl]))
    .digest("base64url");
  const hit = rendered.get(key);
  if (hit !== undefined) {
    rendered.delete(key);
    rendered.set(key, hit); // most recently used last
    return hit;
  }
  const text = renderCalendar(encounter, items, { ...options, appUrl });
  rendered.set(key, text);
  if (rendered.size > maxRendered) rendered.delete(rendered.keys().next().value as string);
  return text;
}

/** One item as an .ics file (same UID as in the whole calendar), or null if it is not this encounter's. */
export async function buildAgendaItemCalendar(db: DB, encounterId: number, itemId: number, options: { locale?: Locale } = {}): Promise<CalendarFile | null> {
  const encounter = await findEncounterById(db, encounterId);
  if (!encounter) return null;
  const item = await findAgendaItem(db, encounter.id, itemId);
  if (!item) return null;
  return { filename: `${encounter.slug}-${item.id}.ics`, contentType, content: renderCached(encounter, [item], options), encoding: "utf-8" };
}

/** `?lang=en` for English; Spanish otherwise (a subscription's server has no say in it). */
export function calendarLocale(request: Request): Locale {
  return new URL(request.url).searchParams.get("lang") === "en" ? "en" : "es";
}

/**
 * The HTTP answer for a calendar file: text/calendar, a file name, an ETag so that a
 * subscription polling every hour downloads only what changed, no shared caching of drafts.
 */
export function calendarResponse(request: Request, file: CalendarFile, options: { isPrivate: boolean }): Response {
  const etag = `"${createHash("sha256").update(file.content).digest("base64url").slice(0, 27)}"`;
  const headers = new Headers({
    "Content-Type": "text/calendar; charset=utf-8",
    "Content-Disposition": `attachment; filename="${file.filename.replace(/[^\w.-]/g, "_")}"`,
    "Cache-Control": options.isPrivate ? "private, no-store" : "public, max-age=300",
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
  });
  const match = request.headers.get("If-None-Match");
  if (match && match.split(",").some((tag) => tag.trim() === etag)) return new Response(null, { status: 304, headers });
  return new Response(file.content, { status: 200, headers });
}
