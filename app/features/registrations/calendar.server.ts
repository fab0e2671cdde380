import type { DB } from "~db/client";
import type { Encounter, Locale } from "~db/schema";
import { listAgenda } from "~/features/agenda/queries.server";
import { getEnv } from "~/server/env.server";
import { writeCalendar } from "~/server/ics.server";
import { buildEncounterCalendar, type CalendarFile } from "~/features/agenda/calendar.server";

// The .ics attached to a confirmation: the encounter's agenda, one event per item (the
// scheduling area's calendar, the same UIDs as the public agenda.ics, so importing both never
// duplicates). An encounter without an agenda yet gets one event for the whole encounter, with
// the same care for time zones: TZID of the encounter's zone and its VTIMEZONE.

export async function registrationCalendar(db: DB, encounter: Encounter, locale: Locale): Promise<CalendarFile> {
  const items = await listAgenda(db, encounter.id);
  if (items.length > 0) return buildEncounterCalendar(db, encounter.id, { locale });
  return {
    filename: `${encounter.slug}.ics`,
    contentType: "text/calendar; charset=utf-8; method=PUBLISH",
    content: wholeEncounterEvent(encounter, locale),
    encoding: "utf-8",
  };
}

export function wholeEncounterEvent(
  encounter: Pick<Encounter, "id" | "slug" | "title" | "summary" | "venue" | "address" | "timezone" | "starts_at" | "ends_at" | "updated_at">,
  locale: Locale,
  appUrl = getEnv().appUrl,
): string {
  const zone = encounter.timezone;
  const page = `${appUrl}/encuentros/${encodeURIComponent(encounter.slug)}`;
  return writeCalendar({
    product: "Inscripcion",
    locale,
    name: encounter.title,
    method: "PUBLISH",
    zone,
    events: [
      {
        uid: `encounter-${encounter.id}@${new URL(appUrl).hostname}`,
        stamp: encounter.updated_at,
        start: { instant: encounter.starts_at, zone },
        end: { instant: encounter.ends_at, zone },
        summary: encounter.title,
        description: [encounter.summary, page].filter(Boolean).join("\n\n"),
        location: [encounter.venue, encounter.address]
          .map((p) => p.trim())
          .filter(Boolean)
          .join(", "),
        url: page,
        status: "CONFIRMED",
      },
    ],
  });
}

// The encounter's calendar is the same for every registrant: kept a few seconds per encounter
// and language (and rebuilt at once when the encounter changes), not rebuilt per registration.
type CachedCalendar = { key: string; at: number; file: CalendarFile };

const calendarCache = new Map<string, CachedCalendar>();

const calendarTtlMs = 30_000;

export async function calendarFor(db: DB, encounter: Encounter, locale: Locale) {
  const id = `${encounter.id}:${locale}`;
  const key = `${encounter.updated_at}`;
  const cached = calendarCache.get(id);
  if (cached && cached.key === key && Date.now() - cached.at < calendarTtlMs) return cached.file;
  const file = await registrationCalendar(db, encounter, locale);
  calendarCache.set(id, { key, at: Date.now(), file });
  return file;
}
