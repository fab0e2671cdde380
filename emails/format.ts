import type { Locale } from "~db/schema";
import { plural } from "~/i18n/index";
import { formatter } from "~/lib/time";

// Dates in mail are read far from the server: always say them in the encounter's own zone,
// and name the zone, so that "08:00" means the same to every reader. The day is written as the
// app writes it (formatDate); the cache of formatters is the app's too.

export { formatDate, formatTime as formatClock } from "~/lib/time";

/** "hora de Colombia" style name of a zone, as the reader's language says it. */
export function zoneName(instant: string, zone: string, locale: Locale): string {
  const parts = formatter(locale, { timeZone: zone, timeZoneName: "long" }).formatToParts(new Date(instant));
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

const dayForms = { es: { one: "{count} día", other: "{count} días" }, en: { one: "{count} day", other: "{count} days" } };

/** "1 día", "3 días": a number of days in the reader's language. */
export function dayCount(count: number, locale: Locale): string {
  return plural(locale, dayForms[locale], count);
}
