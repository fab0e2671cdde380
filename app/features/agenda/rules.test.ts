import { describe, expect, it } from "vitest";
import { checkAgenda, checkScheduledItem, moveInAgenda, scheduleVerdict, type ScheduledItem } from "./rules";

// The scheduling rules on their own: no database, no routes.

const encounter = { starts_at: "2024-02-29T13:00:00.000Z", ends_at: "2024-02-29T18:30:00.000Z" };
const at = (hhmm: string) => `2024-02-29T${String(Number(hhmm.slice(0, 2)) + 5).padStart(2, "0")}:${hhmm.slice(3)}:00.000Z`; // Bogotá, UTC-5

function item(id: number | null, from: string, to: string, extra: Partial<ScheduledItem> = {}): ScheduledItem {
  return { id, title: `Sesión ${id ?? "nueva"}`, kind: "panel", room: "", starts_at: at(from), ends_at: at(to), speakers: [], ...extra };
}

describe("scheduling checks", () => {
  const agenda = [
    item(1, "08:00", "08:30", { kind: "break", room: "Vestíbulo" }),
    item(2, "08:30", "09:00", { kind: "plenary", room: "Auditorio principal" }),
    item(3, "09:00", "10:30", { room: "Auditorio principal", speakers: [{ name: "Ana Pérez" }] }),
  ];

  it("accepts an item that fits: back to back is not an overlap, other rooms may run in parallel", () => {
    expect(checkScheduledItem(encounter, item(null, "10:30", "11:00", { room: "Auditorio principal" }), agenda)).toEqual([]);
    expect(checkScheduledItem(encounter, item(null, "09:00", "10:00", { room: "Salón 1" }), agenda)).toEqual([]);
  });

  it("refuses an end at or before the start, and nothing else is judged", () => {
    const issues = checkScheduledItem(encounter, item(null, "10:00", "09:00", { room: "Auditorio principal" }), agenda);
    expect(issues.map((i) => i.code)).toEqual(["endBeforeStart"]);
    expect(checkScheduledItem(encounter, item(null, "10:00", "10:00"), agenda).map((i) => i.code)).toEqual(["endBeforeStart"]);
  });

  it("refuses an item outside the encounter's dates", () => {
    expect(checkScheduledItem(encounter, item(null, "07:30", "08:00"), agenda).map((i) => i.code)).toEqual(["outsideEncounter"]);
    expect(checkScheduledItem(encounter, item(null, "13:00", "14:00"), agenda).map((i) => i.code)).toEqual(["outsideEncounter"]);
  });

  it("refuses two items in the same room at once, whatever the case and accents of its name", () => {
    const issues = checkScheduledItem(encounter, item(null, "10:00", "11:00", { room: "  auditorio PRINCIPAL " }), agenda);
    expect(issues).toEqual([expect.objectContaining({ code: "roomOverlap", blocking: true, other: expect.objectContaining({ id: 3 }) })]);
  });

  it("refuses one person in two places at once", () => {
    const issues = checkScheduledItem(encounter, item(null, "10:00", "11:00", { room: "Salón 1", speakers: [{ name: "ana  perez" }] }), agenda);
    expect(issues).toEqual([expect.objectContaining({ code: "personOverlap", person: "ana  perez", blocking: true })]);
  });

  it("lets a plenary and a break overlap, but only once confirmed", () => {
    const coffee = item(null, "08:45", "09:00", { kind: "break", room: "Vestíbulo" });
    const issues = checkScheduledItem(encounter, coffee, agenda);
    expect(issues).toEqual([expect.objectContaining({ code: "plenaryBreakOverlap", blocking: false, key: "plenaryBreakOverlap:2" })]);
    expect(scheduleVerdict(issues, new Set())).toBe("confirm");
    expect(scheduleVerdict(issues, new Set(["plenaryBreakOverlap:2"]))).toBe("save");
    // Confirming something else does not count.
    expect(scheduleVerdict(issues, new Set(["plenaryBreakOverlap:9"]))).toBe("confirm");
    // Even in the same room, a plenary/break overlap is the confirmable kind.
    const sameRoom = checkScheduledItem(encounter, item(null, "08:45", "09:00", { kind: "break", room: "Auditorio principal" }), agenda);
    expect(sameRoom.map((i) => i.code)).toEqual(["plenaryBreakOverlap"]);
    // A blocking problem cannot be confirmed away.
    const blocked = checkScheduledItem(encounter, item(null, "08:45", "09:30", { kind: "break", room: "Auditorio principal" }), agenda);
    expect(scheduleVerdict(blocked, new Set(blocked.map((i) => i.key)))).toBe("blocked");
  });

  it("ignores the item itself when it is being edited", () => {
    expect(checkScheduledItem(encounter, { ...agenda[2], title: "Renombrada" }, agenda)).toEqual([]);
  });

  it("reports each overlap of a whole agenda once", () => {
    const clash = [...agenda, item(4, "09:30", "10:00", { room: "Auditorio principal" })];
    expect(checkAgenda(encounter, clash).map(({ item: i, issue }) => [i.id, issue.code])).toEqual([[3, "roomOverlap"]]);
  });
});

describe("moving items", () => {
  const day = [
    { id: 1, starts_at: at("08:00"), ends_at: at("08:30"), position: 0 },
    { id: 2, starts_at: at("08:30"), ends_at: at("09:00"), position: 1 },
    { id: 3, starts_at: at("09:00"), ends_at: at("10:30"), position: 2 },
    { id: 4, starts_at: at("10:30"), ends_at: at("10:45"), position: 3 },
    { id: 5, starts_at: at("11:00"), ends_at: at("12:15"), position: 4 },
  ];
  const summary = (items: typeof day | null) => items?.map((i) => `${i.id}@${i.starts_at.slice(11, 16)}-${i.ends_at.slice(11, 16)}`);

  it("swaps neighbours keeping both durations and the gap, leaving the rest of the day alone", () => {
    // The break (15 min) goes before the panel (90 min): 09:00–09:15, then the panel 09:15–10:45.
    expect(summary(moveInAgenda(day, 4, 2))).toEqual(["1@13:00-13:30", "2@13:30-14:00", "4@14:00-14:15", "3@14:15-15:45", "5@16:00-17:15"]);
    // The 15-minute gap between the break and the workshop stays where it was, between the two.
    expect(summary(moveInAgenda(day, 5, 3))).toEqual(["1@13:00-13:30", "2@13:30-14:00", "3@14:00-15:30", "5@15:30-16:45", "4@17:00-17:15"]);
  });

  it("moves an item several places for a drag, and positions follow the new order", () => {
    const moved = moveInAgenda(day, 1, 4)!;
    expect(moved.map((i) => i.id)).toEqual([2, 3, 4, 5, 1]);
    expect(moved.map((i) => i.position)).toEqual([0, 1, 2, 3, 4]);
    expect(moved[0].starts_at).toBe(at("08:00"));
    expect(moved.at(-1)!.ends_at).toBe(at("12:15"));
  });

  it("only reorders sessions that start together, and exchanges start times of overlapping ones", () => {
    const parallel = [
      { id: 1, starts_at: at("09:00"), ends_at: at("10:00"), position: 0 },
      { id: 2, starts_at: at("09:00"), ends_at: at("10:30"), position: 1 },
    ];
    expect(summary(moveInAgenda(parallel, 2, 0))).toEqual(["2@14:00-15:30", "1@14:00-15:00"]);
    const overlapping = [
      { id: 1, starts_at: at("09:00"), ends_at: at("10:00"), position: 0 },
      { id: 2, starts_at: at("09:30"), ends_at: at("10:00"), position: 1 },
    ];
    expect(summary(moveInAgenda(overlapping, 2, 0))).toEqual(["2@14:00-14:30", "1@14:30-15:30"]);
  });

  it("does nothing for an unknown item or a move to where it already is", () => {
    expect(moveInAgenda(day, 99, 0)).toBeNull();
    expect(moveInAgenda(day, 3, 2)).toBeNull();
  });
});
