import type { Locale } from "~db/schema";

// Dates in mail are read far from the server: always say them in the encounter's own zone,
// and name the zone, so that "08:00" means the same to every reader.

const intlLocale = (locale: Locale) => (locale === "en" ? "en-US" : "es-CO");

// Building an Intl.DateTimeFormat costs far more than using one; the dispatcher formats the
// same few zones and languages thousands of times.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) formatters.set(key, (cached = new Intl.DateTimeFormat(intlLocale(locale), options)));
  return cached;
}

export function formatDay(instant: string, zone: string, locale: Locale): string {
  return formatter(locale, {
    timeZone: zone,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(new Date(instant));
}

export function formatClock(instant: string, zone: string, locale: Locale): string {
  return formatter(locale, {
    timeZone: zone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(instant));
}

/** "hora de Colombia" style name of a zone, as the reader's language says it. */
export function zoneName(instant: string, zone: string, locale: Locale): string {
  const parts = formatter(locale, { timeZone: zone, timeZoneName: "long" }).formatToParts(
    new Date(instant),
  );
  return parts.find((p) => p.type === "timeZoneName")?.value ?? zone;
}

/** A due date ("2024-03-31") is a calendar day, not an instant: format it without a zone shift. */
export function formatDueDate(date: string, locale: Locale): string {
  return formatter(locale, {
    timeZone: "UTC",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(new Date(`${date}T12:00:00Z`));
}
