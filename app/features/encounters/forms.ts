import { z } from "zod";
import { formValues, limits, optionalLine, parseWallTime, requiredLine, type ParsedForm, type SchedulingErrors } from "~/features/agenda/forms";
import type { EncounterInput } from "~/features/encounters/rules";
import { optionalText, parseForm, requiredText } from "~/lib/forms";
import { reservedSlugs, slugPattern, maxSlugLength } from "~/lib/slug";
import { defaultTimezone, isValidTimezone } from "~/lib/time";

// The organizer's forms for an encounter: create or edit it, and duplicate it to another date.
// Parsing has two steps: parseForm checks each field's type and length; then the checks that
// need several fields or the encounter's timezone run here.

const encounterFields = z.object({
  title: requiredLine(limits.title),
  slug: optionalText(maxSlugLength),
  summary: optionalText(limits.summary),
  venue: optionalLine(limits.venue),
  address: optionalLine(limits.address),
  hostCityId: optionalText(12),
  startDate: requiredText(10),
  startTime: requiredText(8),
  endDate: requiredText(10),
  endTime: requiredText(8),
  timezone: requiredText(64),
  capacity: requiredText(7),
  cityQuota: requiredText(7),
  registrationOpensDate: optionalText(10),
  registrationOpensTime: optionalText(8),
  registrationClosesDate: optionalText(10),
  registrationClosesTime: optionalText(8),
  contactEmail: optionalText(254),
  shiftAgenda: optionalText(10),
});

function wholeNumber(value: string, min: number, max: number): number | null {
  if (!/^\d{1,7}$/.test(value.trim())) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

/** `zones`: the time zones on offer (the server's list, which calendars can describe). */
export function parseEncounterForm(formData: FormData, zones: readonly string[]): ParsedForm<EncounterInput> {
  const values = formValues(formData);
  const parsed = parseForm(encounterFields, formData);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, values };
  const f = parsed.data;
  const errors: SchedulingErrors = {};

  let slug: string | null = null;
  if (f.slug) {
    slug = f.slug.toLowerCase();
    if (!slugPattern.test(slug)) errors.slug = "slugFormat";
    else if (reservedSlugs.has(slug)) errors.slug = "slugReserved";
  }
  const timezone = f.timezone;
  if (!zones.includes(timezone) || !isValidTimezone(timezone)) errors.timezone = "timezone";
  const zone = errors.timezone ? defaultTimezone : timezone;

  const start = parseWallTime(f.startDate, f.startTime, zone);
  if (!start.ok) errors[start.part === "date" ? "startDate" : "startTime"] = start.error;
  const end = parseWallTime(f.endDate, f.endTime, zone);
  if (!end.ok) errors[end.part === "date" ? "endDate" : "endTime"] = end.error;
  if (start.ok && end.ok && end.instant <= start.instant) errors.endTime = "endBeforeStart";

  const capacity = wholeNumber(f.capacity, 1, limits.capacity);
  if (capacity === null) errors.capacity = "number";
  const cityQuota = wholeNumber(f.cityQuota, 1, limits.capacity);
  if (cityQuota === null) errors.cityQuota = "number";
  else if (capacity !== null && cityQuota > capacity) errors.cityQuota = "quotaAboveCapacity";

  let hostCityId: number | null = null;
  if (f.hostCityId) {
    hostCityId = wholeNumber(f.hostCityId, 1, 1_000_000);
    if (hostCityId === null) errors.hostCityId = "unknownCity";
  }

  // A registration bound with a date and no time means the start (opening) or the end (closing) of that day.
  const bound = (date: string | undefined, time: string | undefined, fallback: string, field: string): string | null => {
    if (!date && !time) return null;
    if (!date) {
      errors[`${field}Date`] = "required";
      return null;
    }
    const result = parseWallTime(date, time ?? fallback, zone);
    if (!result.ok) {
      errors[result.part === "date" ? `${field}Date` : `${field}Time`] = result.error;
      return null;
    }
    return result.instant;
  };
  const registrationOpensAt = bound(f.registrationOpensDate, f.registrationOpensTime, "00:00", "registrationOpens");
  const registrationClosesAt = bound(f.registrationClosesDate, f.registrationClosesTime, "23:59", "registrationCloses");
  if (registrationOpensAt && registrationClosesAt && registrationClosesAt <= registrationOpensAt) errors.registrationClosesDate = "registrationOrder";
  else if (registrationClosesAt && end.ok && registrationClosesAt > end.instant) errors.registrationClosesDate = "registrationAfterEnd";

  let contactEmail: string | null = null;
  if (f.contactEmail) {
    const email = z.string().email().safeParse(f.contactEmail);
    if (email.success) contactEmail = email.data.toLowerCase();
    else errors.contactEmail = "email";
  }

  if (Object.keys(errors).length > 0 || !start.ok || !end.ok || capacity === null || cityQuota === null) {
    return { ok: false, errors, values };
  }
  return {
    ok: true,
    data: {
      title: f.title,
      slug,
      summary: f.summary ?? "",
      venue: f.venue ?? "",
      address: f.address ?? "",
      hostCityId,
      startsAt: start.instant,
      endsAt: end.instant,
      timezone,
      capacity,
      cityQuota,
      registrationOpensAt,
      registrationClosesAt,
      contactEmail,
      shiftAgenda: f.shiftAgenda === "on",
    },
  };
}

const duplicateFields = z.object({ title: requiredLine(limits.title), startDate: requiredText(10) });

export function parseDuplicateForm(formData: FormData): ParsedForm<{ title: string; startDate: string }> {
  const values = formValues(formData);
  const parsed = parseForm(duplicateFields, formData);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, values };
  if (!parseWallTime(parsed.data.startDate, "12:00", "UTC").ok) return { ok: false, errors: { startDate: "invalid" }, values };
  return { ok: true, data: parsed.data };
}
