import type { AgendaKind, SpeakerRole } from "~db/schema";
import { utcToWallTime, wallTimeToUtc } from "~/lib/time";

// Scheduling checks for the agenda editor. Pure functions over UTC instants, shared by the
// server (which decides) and the browser (which warns while the organizer types).
//
// Blocking: an end at or before the start, an item outside the encounter's dates, two items in
// the same room at once, one person in two places at once. The one exception the organizer may
// save after confirming: a plenary and a break that overlap (a welcome coffee during the opening,
// for instance), in whatever rooms.

export interface ScheduledItem {
  id: number | null;
  title: string;
  kind: AgendaKind;
  room: string;
  starts_at: string;
  ends_at: string;
  speakers: { name: string }[];
}

export type ScheduleIssue =
  | { code: "endBeforeStart"; key: string; blocking: true }
  | { code: "outsideEncounter"; key: string; blocking: true }
  | { code: "roomOverlap"; key: string; blocking: true; other: OtherItem; room: string }
  | { code: "personOverlap"; key: string; blocking: true; other: OtherItem; person: string }
  | { code: "plenaryBreakOverlap"; key: string; blocking: false; other: OtherItem };

export interface OtherItem {
  id: number;
  title: string;
  starts_at: string;
  ends_at: string;
}

/** Case, accents and spacing do not make two rooms or two people different. */
export function normalizeName(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

export function overlaps(a: { starts_at: string; ends_at: string }, b: { starts_at: string; ends_at: string }): boolean {
  // Instants are ISO strings in UTC with the same format, so they compare as text; one item
  // ending when the next begins is not an overlap.
  return a.starts_at < b.ends_at && b.starts_at < a.ends_at;
}

function isPlenaryAndBreak(a: AgendaKind, b: AgendaKind): boolean {
  return (a === "plenary" && b === "break") || (a === "break" && b === "plenary");
}

/** Every problem of one item (new or edited) against the rest of its encounter's agenda. */
export function checkScheduledItem(
  encounter: { starts_at: string; ends_at: string },
  candidate: ScheduledItem,
  others: readonly ScheduledItem[],
): ScheduleIssue[] {
  const issues: ScheduleIssue[] = [];
  if (candidate.ends_at <= candidate.starts_at) {
    // Nothing else can be judged about an item with no duration.
    return [{ code: "endBeforeStart", key: "endBeforeStart", blocking: true }];
  }
  if (candidate.starts_at < encounter.starts_at || candidate.ends_at > encounter.ends_at) {
    issues.push({ code: "outsideEncounter", key: "outsideEncounter", blocking: true });
  }
  const room = normalizeName(candidate.room);
  const people = new Map(candidate.speakers.map((s) => [normalizeName(s.name), s.name.trim()] as const).filter(([k]) => k));
  for (const other of others) {
    if (other.id === null || other.id === candidate.id || !overlaps(candidate, other)) continue;
    const ref: OtherItem = { id: other.id, title: other.title, starts_at: other.starts_at, ends_at: other.ends_at };
    if (isPlenaryAndBreak(candidate.kind, other.kind)) {
      issues.push({ code: "plenaryBreakOverlap", key: `plenaryBreakOverlap:${other.id}`, blocking: false, other: ref });
      continue;
    }
    if (room && normalizeName(other.room) === room) {
      issues.push({ code: "roomOverlap", key: `roomOverlap:${other.id}`, blocking: true, other: ref, room: candidate.room.trim() });
    }
    for (const speaker of other.speakers) {
      const person = people.get(normalizeName(speaker.name));
      if (person) issues.push({ code: "personOverlap", key: `personOverlap:${other.id}:${normalizeName(person)}`, blocking: true, other: ref, person });
    }
  }
  return issues;
}

/** The problems of a whole agenda, each overlap reported once (for the editor's overview). */
export function checkAgenda(
  encounter: { starts_at: string; ends_at: string },
  items: readonly ScheduledItem[],
): Array<{ item: ScheduledItem; issue: ScheduleIssue }> {
  const found: Array<{ item: ScheduledItem; issue: ScheduleIssue }> = [];
  items.forEach((item, index) => {
    const later = items.slice(index + 1);
    for (const issue of checkScheduledItem(encounter, item, later)) found.push({ item, issue });
  });
  return found;
}

/** Blocking problems stop a save; the rest need the organizer to confirm every one of them. */
export function canSave(issues: readonly ScheduleIssue[], confirmedKeys: ReadonlySet<string>): boolean {
  return issues.every((issue) => !issue.blocking && confirmedKeys.has(issue.key));
}

// ---- Moving items ---------------------------------------------------------------------------

export interface MovableItem {
  id: number;
  starts_at: string;
  ends_at: string;
  position: number;
}

const ms = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();

export function sortAgenda<T extends MovableItem>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.starts_at < b.starts_at ? -1 : a.starts_at > b.starts_at ? 1 : a.position - b.position || a.id - b.id));
}

/**
 * Swaps an item with the one just after it in the agenda's order, keeping both durations:
 * - one after the other: the second now starts where the first started, and the first ends
 *   where the second ended (the gap between them stays), so the rest of the day is untouched;
 * - overlapping (parallel sessions): they exchange start times;
 * - starting together: only their order changes.
 */
function swapWithNext<T extends MovableItem>(first: T, second: T): [T, T] {
  const a0 = ms(first.starts_at);
  const a1 = ms(first.ends_at);
  const b0 = ms(second.starts_at);
  const b1 = ms(second.ends_at);
  if (a0 === b0) {
    return [
      { ...second, position: first.position },
      { ...first, position: second.position },
    ];
  }
  if (b0 >= a1) {
    const gap = b0 - a1;
    const movedUp = { ...second, starts_at: iso(a0), ends_at: iso(a0 + (b1 - b0)) };
    const movedDown = { ...first, starts_at: iso(a0 + (b1 - b0) + gap), ends_at: iso(b1) };
    return [movedUp, movedDown];
  }
  return [
    { ...second, starts_at: iso(a0), ends_at: iso(a0 + (b1 - b0)) },
    { ...first, starts_at: iso(b0), ends_at: iso(b0 + (a1 - a0)) },
  ];
}

/**
 * The agenda after moving one item to another place in its order (by arrow buttons: one step;
 * by a drag: several), as a sequence of swaps with its neighbour. Positions are renumbered
 * 0..n-1 in the new order. Returns null when the item is unknown or does not move.
 */
export function moveInAgenda<T extends MovableItem>(items: readonly T[], itemId: number, toIndex: number): T[] | null {
  let order = sortAgenda(items).map((item, position) => ({ ...item, position }));
  let index = order.findIndex((item) => item.id === itemId);
  const target = Math.max(0, Math.min(order.length - 1, Math.trunc(toIndex)));
  if (index < 0 || index === target) return null;
  // Each swap moves the item one place; a neighbour's times can make it jump further, so the
  // loop is bounded instead of trusting that it converges.
  for (let guard = order.length * 2; index !== target && guard > 0; guard--) {
    const step = target > index ? 1 : -1;
    const [lo, hi] = step > 0 ? [index, index + 1] : [index - 1, index];
    const [first, second] = swapWithNext(order[lo], order[hi]);
    order[lo] = first;
    order[hi] = second;
    order = sortAgenda(order).map((item, position) => ({ ...item, position }));
    const next = order.findIndex((item) => item.id === itemId);
    if (next === index) break;
    index = next;
  }
  return order;
}

/** What the editor does with a submission: save it, refuse it (400), or ask to confirm (409). */
export function scheduleVerdict(issues: readonly ScheduleIssue[], confirmedKeys: ReadonlySet<string>): "save" | "blocked" | "confirm" {
  if (issues.some((issue) => issue.blocking)) return "blocked";
  return canSave(issues, confirmedKeys) ? "save" : "confirm";
}

// ---- An item as the organizer writes it -----------------------------------------------------

export interface SpeakerInput {
  name: string;
  organization: string;
  role: SpeakerRole;
}

/** An agenda item as a form gives it to the commands: instants in UTC. */
export interface AgendaItemInput {
  title: string;
  description: string;
  kind: AgendaKind;
  room: string;
  startsAt: string;
  endsAt: string;
  speakers: SpeakerInput[];
  /** Keys of the warnings the organizer confirmed (plenary and break at once). */
  confirmed: Set<string>;
}

export function toScheduled(item: Omit<ScheduledItem, "id"> & { id: number }): ScheduledItem {
  return { id: item.id, title: item.title, kind: item.kind, room: item.room, starts_at: item.starts_at, ends_at: item.ends_at, speakers: item.speakers };
}

/** The item an input would make (id null for a new one), to check against the agenda. */
export function scheduledInput(input: AgendaItemInput, id: number | null): ScheduledItem {
  return { id, title: input.title, kind: input.kind, room: input.room, starts_at: input.startsAt, ends_at: input.endsAt, speakers: input.speakers };
}

export function sameSpeakers(a: readonly SpeakerInput[], b: readonly SpeakerInput[]): boolean {
  return a.length === b.length && a.every((s, i) => s.name === b[i].name && s.organization === b[i].organization && s.role === b[i].role);
}

/**
 * The problems a move would add: for each item it re-times, those it did not have before the
 * move (a problem that was already there does not stop the move).
 */
export function issuesAddedByMove(
  encounter: { starts_at: string; ends_at: string },
  before: readonly ScheduledItem[],
  after: readonly ScheduledItem[],
  retimedIds: ReadonlySet<number>,
): Array<{ item: ScheduledItem; issue: ScheduleIssue }> {
  const added: Array<{ item: ScheduledItem; issue: ScheduleIssue }> = [];
  const old = new Map(before.map((item) => [item.id, item]));
  for (const item of after) {
    if (item.id === null || !retimedIds.has(item.id)) continue;
    const known = new Set(checkScheduledItem(encounter, old.get(item.id)!, before).map((i) => i.key));
    for (const issue of checkScheduledItem(encounter, item, after)) if (!known.has(issue.key)) added.push({ item, issue });
  }
  return added;
}

// ---- Changes, as people who registered will want to hear of them ----------------------------

/** What an item was before a change: enough to tell people what moved and to cancel it in calendars. */
export interface AgendaSnapshot {
  title: string;
  kind: AgendaKind;
  room: string;
  starts_at: string;
  ends_at: string;
  sequence: number;
}

export function snapshotOf(item: AgendaSnapshot): AgendaSnapshot {
  return { title: item.title, kind: item.kind, room: item.room, starts_at: item.starts_at, ends_at: item.ends_at, sequence: item.sequence };
}

export type AgendaChangeField = "time" | "room" | "title";

/** One item's change; its snapshot fields are the item now (for a removed one: as it was). */
export interface AgendaChange extends AgendaSnapshot {
  itemId: number;
  change: "added" | "removed" | "changed";
  before: AgendaSnapshot | null;
  fields: AgendaChangeField[];
}

/**
 * Changes netted per item, from each item's state before its first untold change and its state
 * now (absent: removed): an item added and removed again is no news; one moved and moved back
 * neither. Only what people act on counts: the time, the room, the title, an item added or
 * removed.
 */
export function netAgendaChanges(firstBefore: ReadonlyMap<number, AgendaSnapshot | null>, current: ReadonlyMap<number, AgendaSnapshot>): AgendaChange[] {
  const changes: AgendaChange[] = [];
  for (const [itemId, before] of firstBefore) {
    const now = current.get(itemId);
    if (!before && !now) continue;
    if (!before && now) {
      changes.push({ itemId, change: "added", ...snapshotOf(now), before: null, fields: [] });
    } else if (before && !now) {
      changes.push({ itemId, change: "removed", ...before, sequence: before.sequence + 1, before, fields: [] });
    } else if (before && now) {
      const fields: AgendaChangeField[] = [];
      if (before.starts_at !== now.starts_at || before.ends_at !== now.ends_at) fields.push("time");
      if (before.room.trim() !== now.room.trim()) fields.push("room");
      if (before.title.trim() !== now.title.trim()) fields.push("title");
      if (fields.length) changes.push({ itemId, change: "changed", ...snapshotOf(now), before, fields });
    }
  }
  return changes.sort((a, b) => (a.starts_at < b.starts_at ? -1 : a.starts_at > b.starts_at ? 1 : a.itemId - b.itemId));
}

// ---- Whole-agenda shifts ---------------------------------------------------------------------

/** The same local hour, some days later (or earlier), in a zone: not simply 24 h per day across a DST change. */
export function shiftInstant(instant: string, days: number, zone: string, toZone = zone): string {
  const wall = utcToWallTime(instant, zone);
  const date = new Date(Date.parse(`${wall.date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return wallTimeToUtc(date, wall.time, toZone);
}
