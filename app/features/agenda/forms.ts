import { z } from "zod";
import { agendaKinds, speakerRoles, type SpeakerRole } from "~db/schema";
import { hasHiddenCharacters, lineBreakOrControl as controlCharacters, optionalText, parseForm, requiredText, type ErrorKey } from "~/lib/forms";
import type { AgendaItemInput, SpeakerInput } from "~/features/agenda/rules";
import { utcToWallTime, wallTimeToUtc } from "~/lib/time";

// The organizer's forms for agenda items, shared by the page (field names, limits) and the
// action (parsing); the encounter's own forms (encounters/forms) use its scheduling rules too.
// Parsing has two steps: parseForm checks each field's type and length; then the checks that
// need several fields or the encounter's timezone run here.

export const schedulingErrorKeys = [
  "endBeforeStart",
  "timeDoesNotExist",
  "slugTaken",
  "slugFormat",
  "slugReserved",
  "timezone",
  "number",
  "quotaAboveCapacity",
  "capacityBelowConfirmed",
  "registrationOrder",
  "registrationAfterEnd",
  "unknownCity",
] as const;
export type SchedulingErrorKey = (typeof schedulingErrorKeys)[number];
export type SchedulingErrors = Record<string, ErrorKey | SchedulingErrorKey>;

export const limits = {
  title: 200,
  summary: 2000,
  venue: 200,
  address: 300,
  description: 2000,
  room: 100,
  speakerName: 120,
  speakerOrganization: 200,
  speakers: 20,
  capacity: 100_000,
};

/** The fields as typed, to put back into the form after an error. */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string" && !(key in values)) values[key] = value.slice(0, 2000);
  return values;
}

type WallTime = { ok: true; instant: string } | { ok: false; error: "invalid" | "timeDoesNotExist"; part: "date" | "time" };

/**
 * A date and a clock time in a zone -> a UTC instant. "2024-02-30" or "25:00" are invalid; a
 * time skipped by a daylight-saving change (02:30 on the night clocks jump to 03:00) does not
 * exist, and is refused instead of silently becoming another hour.
 */
export function parseWallTime(date: string, time: string, zone: string): WallTime {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})(?::00)?$/.exec(time);
  if (!d) return { ok: false, error: "invalid", part: "date" };
  const [year, month, day] = [d[1], d[2], d[3]].map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (year < 2000 || year > 2100 || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return { ok: false, error: "invalid", part: "date" };
  if (!t || Number(t[1]) > 23 || Number(t[2]) > 59) return { ok: false, error: "invalid", part: "time" };
  const hhmm = `${t[1]}:${t[2]}`;
  const instant = wallTimeToUtc(date, hhmm, zone);
  const back = utcToWallTime(instant, zone);
  if (back.date !== date || back.time !== hhmm) return { ok: false, error: "timeDoesNotExist", part: "time" };
  return { ok: true, instant };
}

// Titles, rooms and names end up in mail subjects and calendar lines: one line, no control characters.
// Nor characters that make them read otherwise than they are (hiddenCharacters).
export const requiredLine = (max: number) =>
  requiredText(max)
    .refine((v) => !controlCharacters.test(v), "invalid")
    .refine((v) => !hasHiddenCharacters(v), "hiddenCharacters");
export const optionalLine = (max: number) =>
  optionalText(max)
    .refine((v) => v === undefined || !controlCharacters.test(v), "invalid")
    .refine((v) => v === undefined || !hasHiddenCharacters(v), "hiddenCharacters");

export type ParsedForm<T> = { ok: true; data: T } | { ok: false; errors: SchedulingErrors; values: Record<string, string> };

// ---- Agenda items ---------------------------------------------------------------------------

const itemFields = z.object({
  title: requiredLine(limits.title),
  description: optionalText(limits.description),
  kind: z.enum(agendaKinds, { errorMap: () => ({ message: "invalid" }) }),
  room: optionalLine(limits.room),
  date: requiredText(10),
  startTime: requiredText(8),
  endTime: requiredText(8),
  confirm: optionalText(2000),
});

export const speakerField = (index: number, part: "name" | "organization" | "role") => `speakers-${index}-${part}`;

function parseSpeakers(formData: FormData, errors: SchedulingErrors): SpeakerInput[] {
  const speakers: SpeakerInput[] = [];
  for (let i = 0; i < limits.speakers; i++) {
    const read = (part: "name" | "organization" | "role") => {
      const all = formData.getAll(speakerField(i, part));
      return all.length === 1 && typeof all[0] === "string" ? all[0].trim() : all.length === 0 ? "" : null;
    };
    const name = read("name");
    const organization = read("organization");
    const role = read("role");
    if (name === null || organization === null || role === null) {
      errors[speakerField(i, "name")] = "invalid";
      continue;
    }
    if (!name && !organization) continue;
    if (!name) errors[speakerField(i, "name")] = "required";
    else if (name.length > limits.speakerName) errors[speakerField(i, "name")] = "tooLong";
    else if (controlCharacters.test(name)) errors[speakerField(i, "name")] = "invalid";
    else if (hasHiddenCharacters(name)) errors[speakerField(i, "name")] = "hiddenCharacters";
    if (organization.length > limits.speakerOrganization) errors[speakerField(i, "organization")] = "tooLong";
    else if (controlCharacters.test(organization)) errors[speakerField(i, "organization")] = "invalid";
    else if (hasHiddenCharacters(organization)) errors[speakerField(i, "organization")] = "hiddenCharacters";
    const knownRole = (speakerRoles as readonly string[]).includes(role) ? (role as SpeakerRole) : role === "" ? "speaker" : null;
    if (!knownRole) errors[speakerField(i, "role")] = "invalid";
    if (name && knownRole) speakers.push({ name, organization, role: knownRole });
  }
  return speakers;
}

/** Parses an agenda item form; its times are wall-clock times in the encounter's zone. */
export function parseAgendaItemForm(formData: FormData, timezone: string): ParsedForm<AgendaItemInput> {
  const values = formValues(formData);
  const parsed = parseForm(itemFields, formData);
  const errors: SchedulingErrors = parsed.ok ? {} : { ...parsed.errors };
  const speakers = parseSpeakers(formData, errors);
  if (!parsed.ok) return { ok: false, errors, values };
  const f = parsed.data;
  const start = parseWallTime(f.date, f.startTime, timezone);
  if (!start.ok) errors[start.part === "date" ? "date" : "startTime"] = start.error;
  const end = parseWallTime(f.date, f.endTime, timezone);
  if (!end.ok && end.part === "time") errors.endTime = end.error;
  if (Object.keys(errors).length > 0 || !start.ok || !end.ok) return { ok: false, errors, values };
  return {
    ok: true,
    data: {
      title: f.title,
      description: f.description ?? "",
      kind: f.kind,
      room: f.room ?? "",
      startsAt: start.instant,
      endsAt: end.instant,
      speakers,
      confirmed: new Set((f.confirm ?? "").split(/\s+/).filter(Boolean)),
    },
  };
}

/** An item's fields as the form shows them: dates and times in the encounter's zone. */
export function agendaItemValues(
  item: {
    title: string;
    description: string;
    kind: string;
    room: string;
    starts_at: string;
    ends_at: string;
    speakers: ReadonlyArray<{ name: string; organization: string; role: string }>;
  },
  zone: string,
): Record<string, string> {
  const start = utcToWallTime(item.starts_at, zone);
  const end = utcToWallTime(item.ends_at, zone);
  const values: Record<string, string> = {
    title: item.title,
    description: item.description,
    kind: item.kind,
    room: item.room,
    date: start.date,
    startTime: start.time,
    endTime: end.time,
  };
  item.speakers.forEach((speaker, i) => {
    values[speakerField(i, "name")] = speaker.name;
    values[speakerField(i, "organization")] = speaker.organization;
    values[speakerField(i, "role")] = speaker.role;
  });
  return values;
}

/** The first and last day of an encounter, in its zone, for date fields. */
export function encounterDays(encounter: { starts_at: string; ends_at: string; timezone: string }): { min: string; max: string } {
  return { min: utcToWallTime(encounter.starts_at, encounter.timezone).date, max: utcToWallTime(encounter.ends_at, encounter.timezone).date };
}

// ---- Moving an item ---------------------------------------------------------------------------

const moveFields = z
  .object({
    itemId: z
      .string()
      .regex(/^\d{1,9}$/, "invalid")
      .transform(Number),
    direction: z.enum(["up", "down"], { errorMap: () => ({ message: "invalid" }) }).optional(),
    to: z
      .string()
      .regex(/^\d{1,4}$/, "invalid")
      .transform(Number)
      .optional(),
  })
  .refine((f) => (f.direction === undefined) !== (f.to === undefined), { message: "invalid", path: ["direction"] });

/** The arrow buttons send a direction; a drag sends the place (0-based) to move to. */
export function parseMoveForm(formData: FormData): { ok: true; itemId: number; step: "up" | "down" | { to: number } } | { ok: false } {
  const parsed = parseForm(moveFields, formData);
  if (!parsed.ok) return { ok: false };
  const { itemId, direction, to } = parsed.data;
  return { ok: true, itemId, step: direction ?? { to: to! } };
}
