import { z } from "zod";
import { limits, line, optionalLine, parseWallTime, passes, wallText, type FieldIssue } from "~/features/agenda/forms";
import type { EncounterInput, StatusChange } from "~/features/encounters/rules";
import { optionalText } from "~/lib/input-rules";
import { checkbox, choice, optionalEmail } from "~/lib/input-rules";
import { reservedSlugs, slugPattern, maxSlugLength } from "~/lib/slug";
import { defaultTimezone, isValidTimezone } from "~/lib/time";

// The organizer's forms for an encounter (docs/decisions/007): create or edit it, change its
// status, and duplicate it to another date. Each field is checked on its own first; the checks
// that need several fields or the encounter's zone run once every field passed, as before.

const encounterFields = z.object({
  title: line(limits.title),
  slug: optionalText(maxSlugLength),
  summary: optionalText(limits.summary),
  venue: optionalLine(limits.venue),
  address: optionalLine(limits.address),
  hostCityId: optionalText(12),
  startDate: wallText(10),
  startTime: wallText(8),
  endDate: wallText(10),
  endTime: wallText(8),
  timezone: wallText(64),
  capacity: wallText(7),
  cityQuota: wallText(7),
  registrationOpensDate: optionalText(10),
  registrationOpensTime: optionalText(8),
  registrationClosesDate: optionalText(10),
  registrationClosesTime: optionalText(8),
  contactEmail: optionalEmail(),
  shiftAgenda: checkbox(),
});

function wholeNumber(value: string, min: number, max: number): number | null {
  if (!/^\d{1,7}$/.test(value.trim())) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

/** The encounter's form; `zones`: the time zones on offer (the server's list, which calendars can describe). */
export const encounterSchema = (zones: readonly string[]) =>
  encounterFields.transform((f, ctx): EncounterInput => {
    const issues: FieldIssue[] = [];

    let slug: string | null = null;
    if (f.slug) {
      slug = f.slug.toLowerCase();
      if (!slugPattern.test(slug)) issues.push(["slug", "slugFormat"]);
      else if (reservedSlugs.has(slug)) issues.push(["slug", "slugReserved"]);
    }
    const timezone = f.timezone;
    const knownZone = zones.includes(timezone) && isValidTimezone(timezone);
    if (!knownZone) issues.push(["timezone", "timezone"]);
    const zone = knownZone ? timezone : defaultTimezone;

    const start = parseWallTime(f.startDate, f.startTime, zone);
    if (!start.ok) issues.push([start.part === "date" ? "startDate" : "startTime", start.error]);
    const end = parseWallTime(f.endDate, f.endTime, zone);
    if (!end.ok) issues.push([end.part === "date" ? "endDate" : "endTime", end.error]);
    if (start.ok && end.ok && end.instant <= start.instant) issues.push(["endTime", "endBeforeStart"]);

    const capacity = wholeNumber(f.capacity, 1, limits.capacity);
    if (capacity === null) issues.push(["capacity", "number"]);
    const cityQuota = wholeNumber(f.cityQuota, 1, limits.capacity);
    if (cityQuota === null) issues.push(["cityQuota", "number"]);
    else if (capacity !== null && cityQuota > capacity) issues.push(["cityQuota", "quotaAboveCapacity"]);

    let hostCityId: number | null = null;
    if (f.hostCityId) {
      hostCityId = wholeNumber(f.hostCityId, 1, 1_000_000);
      if (hostCityId === null) issues.push(["hostCityId", "unknownCity"]);
    }

    // A registration bound with a date and no time means the start (opening) or the end (closing) of that day.
    const bound = (date: string | undefined, time: string | undefined, fallback: string, field: string): string | null => {
      if (!date && !time) return null;
      if (!date) {
        issues.push([`${field}Date`, "required"]);
        return null;
      }
      const result = parseWallTime(date, time ?? fallback, zone);
      if (!result.ok) {
        issues.push([result.part === "date" ? `${field}Date` : `${field}Time`, result.error]);
        return null;
      }
      return result.instant;
    };
    const registrationOpensAt = bound(f.registrationOpensDate, f.registrationOpensTime, "00:00", "registrationOpens");
    const registrationClosesAt = bound(f.registrationClosesDate, f.registrationClosesTime, "23:59", "registrationCloses");
    if (registrationOpensAt && registrationClosesAt && registrationClosesAt <= registrationOpensAt)
      issues.push(["registrationClosesDate", "registrationOrder"]);
    else if (registrationClosesAt && end.ok && registrationClosesAt > end.instant) issues.push(["registrationClosesDate", "registrationAfterEnd"]);

    if (!passes(ctx, issues) || !start.ok || !end.ok || capacity === null || cityQuota === null) return z.NEVER;
    return {
      title: f.title,
      slug,
      summary: f.summary ?? "",
      venue: f.venue,
      address: f.address,
      hostCityId,
      startsAt: start.instant,
      endsAt: end.instant,
      timezone,
      capacity,
      cityQuota,
      registrationOpensAt,
      registrationClosesAt,
      contactEmail: f.contactEmail,
      shiftAgenda: f.shiftAgenda,
    };
  });

/** A copy of the encounter on another day: its title, and its first day (a real one, 2000–2100). */
export const duplicateSchema = z.object({
  title: line(limits.title),
  startDate: wallText(10).refine((date) => parseWallTime(date, "12:00", "UTC").ok, "invalid"),
});

const statusChange = <T extends StatusChange>(intent: T) => z.object({ intent: z.literal(intent) });

/** The status buttons: each sends its change as the intent; any other intent is "invalid". */
export const statusChangeSchema = z.discriminatedUnion(
  "intent",
  [statusChange("publish"), statusChange("close"), statusChange("reopen"), statusChange("unpublish")],
  { errorMap: () => ({ message: "invalid" }) },
);

/** The report page's switch of the public progress page (/encuentros/:slug/compromisos). */
export const publicProgressSchema = z.object({ intent: choice(["public-on", "public-off"]) });
