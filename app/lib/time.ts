import { TZDate } from "@date-fns/tz";

// Wall-clock time in an IANA zone <-> UTC instants. Works the same whatever the server's or
// the browser's own zone is, which is the whole point: a 09:00 session in Bogotá is 09:00
// in Bogotá for everyone.

export const defaultTimezone = "America/Bogota";

export function isValidTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** "2024-02-29" + "08:00" in a zone -> "2024-02-29T13:00:00.000Z" */
export function wallTimeToUtc(date: string, time: string, zone: string): string {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) throw new RangeError(`Fecha u hora inválida: ${date} ${time}`);
  const local = new TZDate(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]), zone);
  return new Date(local.getTime()).toISOString();
}

/** UTC instant -> { date: "2024-02-29", time: "08:00" } in a zone, for form fields. */
export function utcToWallTime(instant: string, zone: string): { date: string; time: string } {
  const local = new TZDate(new Date(instant).getTime(), zone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    date: `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`,
    time: `${pad(local.getHours())}:${pad(local.getMinutes())}`,
  };
}

const intlLocale = (locale: string) => (locale === "en" ? "en-US" : "es-CO");

// Building an Intl.DateTimeFormat costs about a hundred times more than using one, and a page
// with a long agenda (or the mail dispatcher, see emails/format.ts) formats hundreds of times in
// the same few zones: keep them.
const formatters = new Map<string, Intl.DateTimeFormat>();
export function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${intlLocale(locale)}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) formatters.set(key, (cached = new Intl.DateTimeFormat(intlLocale(locale), options)));
  return cached;
}

export function formatDate(instant: string, zone: string, locale: string): string {
  return formatter(locale, {
    timeZone: zone,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(new Date(instant));
}

// hourCycle h23, not hour12: false: ICU renders the latter as "24:05" five minutes after midnight.
export function formatTime(instant: string, zone: string, locale: string): string {
  return formatter(locale, {
    timeZone: zone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(instant));
}

export function formatDateTime(instant: string, zone: string, locale: string): string {
  return `${formatDate(instant, zone, locale)}, ${formatTime(instant, zone, locale)}`;
}

// Zones whose city is written otherwise in Spanish or English than in its IANA name.
const zoneCities: Record<string, { es: string; en: string }> = {
  "America/Bogota": { es: "Bogotá", en: "Bogotá" },
  "America/Mexico_City": { es: "Ciudad de México", en: "Mexico City" },
  "America/Panama": { es: "Panamá", en: "Panama" },
  "America/Sao_Paulo": { es: "São Paulo", en: "São Paulo" },
  "America/New_York": { es: "Nueva York", en: "New York" },
  "Europe/London": { es: "Londres", en: "London" },
};

/** A zone named in words, as people say it: "hora de Bogotá", "Bogotá time"; never "America/Bogota". */
export function zoneInWords(zone: string, locale: string): string {
  if (zone === "UTC" || zone === "Etc/UTC") return locale === "en" ? "UTC" : "hora UTC";
  const city = zoneCities[zone]?.[locale === "en" ? "en" : "es"] ?? (zone.split("/").pop() ?? zone).replace(/_/g, " ");
  return locale === "en" ? `${city} time` : `hora de ${city}`;
}

/** Short zone label such as "GMT-5", so that a reader abroad knows which clock is meant. */
export function zoneLabel(instant: string, zone: string, locale: string): string {
  const parts = formatter(locale, { timeZone: zone, timeZoneName: "short" }).formatToParts(new Date(instant));
  return parts.find((p) => p.type === "timeZoneName")?.value ?? zone;
}

export function addDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * 86_400_000);
}
