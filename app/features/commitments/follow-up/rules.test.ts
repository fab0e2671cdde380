import { describe, expect, it } from "vitest";
import { defaultPlan, dueOccurrences, nextReminder, parseReminderDays } from "./rules";

// The reminder rules over simulated time: "today" is a parameter the tests move.

describe("the rules as pure functions", () => {
  const subject = { status: "in_progress" as const, dueDate: "2025-06-30", createdOn: "2025-01-15", remindersStopped: false };

  it("reads reminder days leniently and refuses nonsense", () => {
    expect(parseReminderDays("30, 7,1")).toEqual([30, 7, 1]);
    expect(parseReminderDays("1 7 30 7")).toEqual([30, 7, 1]);
    expect(parseReminderDays("")).toEqual([]);
    expect(parseReminderDays("7, -1")).toBeNull();
    expect(parseReminderDays("400")).toBeNull();
    expect(parseReminderDays("1,2,3,4,5,6,7")).toBeNull();
  });

  it("gives the latest occurrence per track, and the next one", () => {
    expect(dueOccurrences(defaultPlan, subject, "2025-05-30")).toEqual([]);
    expect(dueOccurrences(defaultPlan, subject, "2025-05-31")).toEqual([{ track: "responsible", rule: "before-30", on: "2025-05-31" }]);
    expect(dueOccurrences(defaultPlan, subject, "2025-06-27")).toEqual([{ track: "responsible", rule: "before-7", on: "2025-06-23" }]);
    expect(dueOccurrences(defaultPlan, subject, "2025-07-01")).toEqual([{ track: "responsible", rule: "overdue", on: "2025-07-01" }]);
    expect(dueOccurrences(defaultPlan, subject, "2025-07-29")).toEqual([
      { track: "responsible", rule: "weekly", on: "2025-07-28" },
      { track: "escalation", rule: "escalation", on: "2025-07-28" },
    ]);
    expect(nextReminder(defaultPlan, subject, "2025-06-01")).toEqual({ track: "responsible", rule: "before-7", on: "2025-06-23" });
    expect(nextReminder(defaultPlan, subject, "2025-07-02")).toEqual({ track: "responsible", rule: "weekly", on: "2025-07-07" });
    expect(dueOccurrences(defaultPlan, { ...subject, status: "done" }, "2025-07-29")).toEqual([]);
    expect(dueOccurrences(defaultPlan, { ...subject, remindersStopped: true }, "2025-07-29")).toEqual([
      { track: "escalation", rule: "escalation", on: "2025-07-28" },
    ]);
    // Nothing that fell on or before the day it was recorded.
    expect(dueOccurrences(defaultPlan, { ...subject, createdOn: "2025-06-25" }, "2025-06-25")).toEqual([]);
    expect(dueOccurrences(defaultPlan, { ...subject, createdOn: "2025-06-25" }, "2025-06-29")).toEqual([
      { track: "responsible", rule: "before-1", on: "2025-06-29" },
    ]);
  });
});
