import { describe, expect, it } from "vitest";
import { currentSurvey, invitationDueAt, percent, reminderDueAt, scaleMean, surveyState, type MailPlan } from "~/features/surveys/rules";

const window = { opens_at: "2030-03-01T13:00:00.000Z", closes_at: "2030-03-15T05:00:00.000Z" };

describe("a survey's window", () => {
  it("opens at its opening and closes at its closing", () => {
    expect(surveyState(window, new Date("2030-03-01T12:59:59.999Z"))).toBe("upcoming");
    expect(surveyState(window, new Date("2030-03-01T13:00:00.000Z"))).toBe("open");
    expect(surveyState(window, new Date("2030-03-15T05:00:00.000Z"))).toBe("closed");
  });

  it("shows the open survey at the encounter's address, else the next, else the last closed", () => {
    const a = { id: 1, opens_at: "2030-01-01T00:00:00.000Z", closes_at: "2030-01-10T00:00:00.000Z" };
    const b = { id: 2, opens_at: "2030-02-01T00:00:00.000Z", closes_at: "2030-02-10T00:00:00.000Z" };
    expect(currentSurvey([a, b], new Date("2030-02-05T00:00:00.000Z"))?.id).toBe(2);
    expect(currentSurvey([a, b], new Date("2030-01-20T00:00:00.000Z"))?.id).toBe(2);
    expect(currentSurvey([a, b], new Date("2030-03-01T00:00:00.000Z"))?.id).toBe(2);
    expect(currentSurvey([a], new Date("2030-03-01T00:00:00.000Z"))?.id).toBe(1);
    expect(currentSurvey([], new Date())).toBeNull();
  });
});

describe("the mail after the encounter", () => {
  const plan: MailPlan = { ...window, mode: "linked", mail_after_end: 1, mail_delay_hours: 2, reminder_days: 3, invited_at: null, reminded_at: null };
  it("invites hours after the end, or at the opening when later; never after closing", () => {
    expect(invitationDueAt(plan, "2030-03-01T22:00:00.000Z")).toBe("2030-03-02T00:00:00.000Z");
    expect(invitationDueAt({ ...plan, opens_at: "2030-03-03T00:00:00.000Z" }, "2030-03-01T22:00:00.000Z")).toBe("2030-03-03T00:00:00.000Z");
    expect(invitationDueAt(plan, "2030-03-15T04:00:00.000Z")).toBeNull();
    expect(invitationDueAt({ ...plan, mail_after_end: 0 }, "2030-03-01T22:00:00.000Z")).toBeNull();
    expect(invitationDueAt({ ...plan, invited_at: "2030-03-02T00:00:00.000Z" }, "2030-03-01T22:00:00.000Z")).toBeNull();
  });

  it("reminds once, days after the invitation, only for a linked survey", () => {
    const invited = { ...plan, invited_at: "2030-03-02T00:00:00.000Z" };
    expect(reminderDueAt(invited)).toBe("2030-03-05T00:00:00.000Z");
    expect(reminderDueAt({ ...invited, mode: "anonymous" })).toBeNull();
    expect(reminderDueAt({ ...invited, reminder_days: 0 })).toBeNull();
    expect(reminderDueAt({ ...invited, reminded_at: "2030-03-05T00:00:00.000Z" })).toBeNull();
    expect(reminderDueAt({ ...invited, reminder_days: 20 })).toBeNull();
  });
});

describe("figures", () => {
  it("gives a scale's mean to one decimal and a whole percentage", () => {
    // 1×1 + 2×4 + 1×5 = 14 over 4 answers: 3.5.
    expect(scaleMean([1, 0, 0, 2, 1])).toBe(3.5);
    expect(scaleMean([0, 0, 0, 0, 0])).toBeNull();
    expect(percent(2, 3)).toBe(67);
    expect(percent(1, 0)).toBeNull();
  });
});
