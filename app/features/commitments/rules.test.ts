import { describe, expect, it } from "vitest";
import { defaultPlan } from "./follow-up/rules";
import { changedFields, checkDueDate, CommitmentRuleError, planFromRow, type CommitmentFields } from "./rules";

const encounter = { starts_at: "2025-01-15T14:00:00.000Z", timezone: "America/Bogota" };

describe("a commitment's due date", () => {
  it("falls between the encounter's local day and ten years after it", () => {
    expect(() => checkDueDate("2025-01-15", encounter)).not.toThrow();
    expect(() => checkDueDate("2035-01-14", encounter)).not.toThrow();
    expect(() => checkDueDate("2025-01-14", encounter)).toThrow(CommitmentRuleError);
    expect(() => checkDueDate("2035-12-31", encounter)).toThrow(CommitmentRuleError);
  });
});

describe("an edit's changed fields", () => {
  const fields: CommitmentFields = {
    title: "Ruta de atención",
    description: "",
    instrument: "PISCC",
    theme: "trafficking",
    agendaItemId: null,
    responsibleName: "Marta Ruiz",
    responsiblePosition: "",
    responsibleEmail: "marta@example.org",
    dueDate: "2025-06-30",
    indicator: "",
    target: "",
  };
  const row = {
    title: "Ruta de atención",
    description: "",
    instrument: "PISCC",
    theme: "trafficking",
    agenda_item_id: null,
    responsible_name: "Marta Ruiz",
    responsible_position: "",
    responsible_email: "marta@example.org",
    due_date: "2025-06-30",
    indicator: "",
    target: "",
  } as const;

  it("names only the fields whose value differs", () => {
    expect(changedFields(row, fields)).toEqual([]);
    expect(changedFields(row, { ...fields, dueDate: "2025-07-01", responsibleEmail: "otra@example.org" })).toEqual(["responsibleEmail", "dueDate"]);
  });
});

describe("a stored follow-up plan", () => {
  it("is the default without a row, and reads its days distinct, largest first", () => {
    expect(planFromRow(undefined)).toBe(defaultPlan);
    const row = { enabled: 1, reminder_days: "7,30, 7,1", overdue_notice: 0, weekly_overdue: 1, escalate_after_weeks: null, send_hour: 9 };
    expect(planFromRow(row)).toEqual({
      enabled: true,
      reminderDays: [30, 7, 1],
      overdueNotice: false,
      weeklyOverdue: true,
      escalateAfterWeeks: null,
      sendHour: 9,
    });
  });
});
