import { useLocale } from "~/i18n/index";
import { formatDate, formatTime, zoneLabel } from "~/lib/time";

/** "jueves, 29 de febrero de 2024, 08:00–13:30 (GMT-5)" in the encounter's own zone. */
export function EncounterDate({ startsAt, endsAt, timezone }: { startsAt: string; endsAt: string; timezone: string }) {
  const locale = useLocale();
  const sameDay = formatDate(startsAt, timezone, locale) === formatDate(endsAt, timezone, locale);
  return (
    <time dateTime={startsAt}>
      {formatDate(startsAt, timezone, locale)}, {formatTime(startsAt, timezone, locale)}–
      {sameDay ? formatTime(endsAt, timezone, locale) : `${formatDate(endsAt, timezone, locale)}, ${formatTime(endsAt, timezone, locale)}`} (
      {zoneLabel(startsAt, timezone, locale)})
    </time>
  );
}
