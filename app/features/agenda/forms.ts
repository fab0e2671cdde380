import type { SubmissionResult } from "@conform-to/react";
import { z } from "zod";
import { agendaKinds, speakerRoles, type SpeakerRole } from "~db/schema";
import { optionalText, requiredText } from "~/lib/input-rules";
import { choice, id, optionalSingleLine, orBlank, singleLine, wholeNumber } from "~/lib/input-rules";
import type { AgendaItemInput, ScheduleIssue, SpeakerInput } from "~/features/agenda/rules";
import { utcToWallTime, wallTimeToUtc } from "~/lib/time";

// The organizer's agenda forms (docs/decisions/007), read with conform: an item (add and edit),
// moving one, and the editor's buttons. The encounter's own form (encounters/forms) shares the
// scheduling rules here: limits, and dates and times typed in the encounter's zone.
//
// Each field is checked on its own (type, length, one line); the checks that need several
// fields or the encounter's zone (a time that exists, a speaker's name) run once every field
// passed, as they always did. Errors are keys of t.scheduling.errors, then of t.errors.

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

// Titles, rooms and names end up in mail subjects and calendar lines: one line, no control
// characters (a line break is "invalid", as it always was here), nor hidden ones.
export const line = (max: number) => singleLine(max, { lineBreak: "invalid" });
/** `line` for a field that may be left blank: blank reads as "". */
export const optionalLine = (max: number) => optionalSingleLine(max, { lineBreak: "invalid" }).transform((v) => v ?? "");

/** What a date or time field holds before it is read in the encounter's zone. */
export const wallText = (max: number) => requiredText(max);

/** A problem of a cross-field check: `field`'s error `key`. */
export type FieldIssue = readonly [field: string, key: string];

/** Reports cross-field problems on their fields; true when there were none. */
export function passes(ctx: z.RefinementCtx, issues: readonly FieldIssue[]): boolean {
  for (const [field, key] of issues) ctx.addIssue({ code: "custom", path: [field], message: key });
  return issues.length === 0;
}

// ---- Agenda items ---------------------------------------------------------------------------

export const speakerField = (index: number, part: "name" | "organization" | "role") => `speakers-${index}-${part}`;

/** The speakers' rows, `speakers-<n>-name` and so on: each checked alone; a row left blank is skipped. */
function speakerFields() {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (let i = 0; i < limits.speakers; i++) {
    shape[speakerField(i, "name")] = optionalLine(limits.speakerName);
    shape[speakerField(i, "organization")] = optionalLine(limits.speakerOrganization);
    shape[speakerField(i, "role")] = orBlank(choice(speakerRoles));
  }
  return shape;
}

const itemFields = z
  .object({
    title: line(limits.title),
    description: optionalText(limits.description),
    kind: choice(agendaKinds),
    room: optionalLine(limits.room),
    date: wallText(10),
    startTime: wallText(8),
    endTime: wallText(8),
    confirm: optionalText(2000),
  })
  .extend(speakerFields());

/** An agenda item's form; its times are wall-clock times in the encounter's zone. */
export const agendaItemSchema = (timezone: string) =>
  itemFields.transform((f, ctx): AgendaItemInput => {
    const issues: FieldIssue[] = [];
    const start = parseWallTime(f.date, f.startTime, timezone);
    if (!start.ok) issues.push([start.part === "date" ? "date" : "startTime", start.error]);
    const end = parseWallTime(f.date, f.endTime, timezone);
    if (!end.ok && end.part === "time") issues.push(["endTime", end.error]);
    const rows = f as unknown as Record<string, string | null>;
    const speakers: SpeakerInput[] = [];
    for (let i = 0; i < limits.speakers; i++) {
      const name = rows[speakerField(i, "name")] ?? "";
      const organization = rows[speakerField(i, "organization")] ?? "";
      if (!name && !organization) continue;
      if (!name) issues.push([speakerField(i, "name"), "required"]);
      else speakers.push({ name, organization, role: (rows[speakerField(i, "role")] as SpeakerRole | null) ?? "speaker" });
    }
    if (!passes(ctx, issues) || !start.ok || !end.ok) return z.NEVER;
    return {
      title: f.title,
      description: f.description ?? "",
      kind: f.kind,
      room: f.room,
      startsAt: start.instant,
      endsAt: end.instant,
      speakers,
      confirmed: new Set((f.confirm ?? "").split(/\s+/).filter(Boolean)),
    };
  });

/** An item form's refusal: conform's reply, with the schedule's problems when those were the reason. */
export type ScheduleReply = SubmissionResult<string[]> & { issues?: ScheduleIssue[] };

/** The reply's field errors for the schedule's problems: a session that ends before it starts is the end time's. */
export function scheduleErrors(issues: readonly ScheduleIssue[]) {
  return issues.some((i) => i.code === "endBeforeStart") ? { fieldErrors: { endTime: ["endBeforeStart"] } } : {};
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

// ---- The editor's other buttons ---------------------------------------------------------------

/** The arrow buttons send a direction; a drag sends the place (0-based) to move to: one of them. */
export const moveSchema = z
  .object({
    itemId: id(),
    direction: orBlank(choice(["up", "down"])),
    to: orBlank(wholeNumber({ max: 9999 })),
  })
  .transform(({ itemId, direction, to }, ctx) => {
    if ((direction === null) === (to === null)) {
      passes(ctx, [["direction", "invalid"]]);
      return z.NEVER;
    }
    return { itemId, step: direction ?? { to: to! } };
  });

/** What the agenda editor's forms send (the item's own page: itemPageIntentSchema). */
export const editorIntentSchema = z.object({ intent: choice(["create", "move", "notify"]) });
export const itemPageIntentSchema = z.object({ intent: choice(["save", "delete"]) });
