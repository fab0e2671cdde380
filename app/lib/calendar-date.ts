import { TZDate } from "@date-fns/tz";

// Calendar dates ("2025-06-30") as plain strings: a due date is a day, not an instant, so it is
// never shifted by a zone. "Today" is always asked of a zone (the encounter's).

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day in YYYY-MM-DD form (2025-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  const m = datePattern.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function toUtcNoon(date: string): number {
  const m = datePattern.exec(date);
  if (!m) throw new RangeError(`Fecha inválida: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12);
}

export function addDaysTo(date: string, days: number): string {
  return new Date(toUtcNoon(date) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcNoon(to) - toUtcNoon(from)) / 86_400_000);
}

// Building a formatter costs far more than using one; the scheduler asks thousands of times.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day an instant falls on in a zone. */
export function localDate(instant: Date | string, zone: string): string {
  let formatter = dayFormatters.get(zone);
  if (!formatter) {
    // en-CA writes dates as YYYY-MM-DD; checked below, with a slower exact path as fallback.
    formatter = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormatters.set(zone, formatter);
  }
  const date = new Date(instant);
  const quick = formatter.format(date);
  if (datePattern.test(quick)) return quick;
  const parts = Object.fromEntries(formatter.formatToParts(date).map((p) => [p.type, p.value]));
  return `${String(parts.year).padStart(4, "0")}-${parts.month}-${parts.day}`;
}

const intlLocale = (locale: string) => (locale === "en" ? "en-US" : "es-CO");

/** "30 de junio de 2025" / "June 30, 2025", without any zone shift. */
export function formatCalendarDate(date: string, locale: string): string {
  if (!isCalendarDate(date)) return date;
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" }).format(new Date(toUtcNoon(date)));
}

/** The calendar day and the hour (0-23) of an instant in a zone. */
export function localDayAndHour(instant: Date | string, zone: string): { day: string; hour: number } {
  const local = new TZDate(new Date(instant).getTime(), zone);
  return { day: localDate(instant, zone), hour: local.getHours() };
}
