import { describe, expect, it } from "vitest";
import {
  canReceiveMail,
  defaultReminderPlan,
  deliveryKey,
  dueReminder,
  inSegment,
  isDue,
  mapUrl,
  paragraphs,
  parseReminderDays,
  parseSegment,
  plannedReminders,
  receivesMessage,
  reminderDueAt,
  scheduleProblem,
  serializeSegment,
  type RecipientFacts,
  type Segment,
} from "./rules";

const person = (facts: Partial<RecipientFacts> = {}): RecipientFacts => ({
  status: "confirmed",
  checkedIn: false,
  cityDane: "11001",
  consentPending: false,
  messagesStopped: false,
  email: "persona@bogota.gov.co",
  ...facts,
});
const segment = (s: Partial<Segment>): Segment => ({ statuses: ["confirmed"], cities: [], ...s });

describe("who is in a segment", () => {
  const everyone = {
    confirmed: person(),
    attended: person({ checkedIn: true }),
    waiting: person({ status: "waitlisted" }),
    cancelled: person({ status: "cancelled" }),
    cancelledAfterCheckIn: person({ status: "cancelled", checkedIn: true }),
  };
  const who = (s: Segment) =>
    Object.entries(everyone)
      .filter(([, facts]) => inSegment(s, facts))
      .map(([name]) => name);

  it("reads each status as people say it", () => {
    expect(who(segment({ statuses: ["confirmed"] }))).toEqual(["confirmed", "attended"]);
    expect(who(segment({ statuses: ["waitlisted"] }))).toEqual(["waiting"]);
    expect(who(segment({ statuses: ["attended"] }))).toEqual(["attended"]);
    expect(who(segment({ statuses: ["did_not_attend"] }))).toEqual(["confirmed"]);
    // Any of the statuses: the union, each person once.
    expect(who(segment({ statuses: ["attended", "waitlisted"] }))).toEqual(["attended", "waiting"]);
  });

  it("never reaches a cancelled registration", () => {
    for (const statuses of [["confirmed"], ["waitlisted"], ["attended"], ["did_not_attend"]] as Segment["statuses"][]) {
      expect(inSegment(segment({ statuses }), everyone.cancelled)).toBe(false);
      expect(inSegment(segment({ statuses }), everyone.cancelledAfterCheckIn)).toBe(false);
    }
  });

  it("keeps to the cities chosen, all of them when none is", () => {
    const cali = person({ cityDane: "76001" });
    expect(inSegment(segment({ cities: [] }), cali)).toBe(true);
    expect(inSegment(segment({ cities: ["11001"] }), cali)).toBe(false);
    expect(inSegment(segment({ cities: ["11001", "76001"] }), cali)).toBe(true);
  });

  it("keeps to the answer given to a question, when one is chosen", () => {
    const answered = person({ answers: new Map([[4, ["si"]]]) });
    expect(inSegment(segment({ answer: { questionId: 4, optionCode: "si" } }), answered)).toBe(true);
    expect(inSegment(segment({ answer: { questionId: 4, optionCode: "no" } }), answered)).toBe(false);
    expect(inSegment(segment({ answer: { questionId: 5, optionCode: "si" } }), answered)).toBe(false);
  });

  it("leaves out who has not consented, who stopped messages, and addresses mail cannot reach", () => {
    const s = segment({});
    expect(receivesMessage(s, person())).toBe(true);
    expect(receivesMessage(s, person({ consentPending: true }))).toBe(false);
    expect(receivesMessage(s, person({ messagesStopped: true }))).toBe(false);
    expect(receivesMessage(s, person({ email: "persona-eliminada-4@anonimo.invalid" }))).toBe(false);
    expect(canReceiveMail("sin-arroba")).toBe(false);
  });

  it("is stored in one stable form and read back", () => {
    const json = serializeSegment({ statuses: ["did_not_attend", "confirmed", "confirmed"], cities: ["76001", "11001", "76001"] });
    expect(json).toBe('{"statuses":["confirmed","did_not_attend"],"cities":["11001","76001"]}');
    expect(parseSegment(json)).toEqual({ statuses: ["confirmed", "did_not_attend"], cities: ["11001", "76001"] });
    const withAnswer = serializeSegment({ statuses: ["confirmed"], cities: [], answer: { questionId: 3, optionCode: "afro" } });
    expect(parseSegment(withAnswer).answer).toEqual({ questionId: 3, optionCode: "afro" });
    expect(() => parseSegment('{"statuses":[]}')).toThrow();
    expect(() => parseSegment('{"statuses":["cancelled"]}')).toThrow();
  });
});

describe("when a message goes", () => {
  const now = new Date("2026-03-10T14:00:00.000Z");

  it("refuses a time in the past or more than a year ahead", () => {
    expect(scheduleProblem(new Date("2026-03-10T13:00:00.000Z"), now)).toBe("inPast");
    expect(scheduleProblem(new Date("2026-03-10T13:59:30.000Z"), now)).toBeNull();
    expect(scheduleProblem(new Date("2026-03-11T09:00:00.000Z"), now)).toBeNull();
    expect(scheduleProblem(new Date("2027-03-12T09:00:00.000Z"), now)).toBe("tooFar");
  });

  it("is due at its time, not a moment before, and only while scheduled", () => {
    const message = { status: "scheduled" as const, send_at: "2026-03-10T14:00:00.000Z" };
    expect(isDue(message, new Date("2026-03-10T13:59:59.999Z"))).toBe(false);
    expect(isDue(message, now)).toBe(true);
    expect(isDue({ ...message, status: "draft" }, now)).toBe(false);
    expect(isDue({ ...message, status: "cancelled" }, now)).toBe(false);
    expect(isDue({ ...message, status: "sent" }, now)).toBe(false);
  });

  it("has one outbox key per message and person", () => {
    expect(deliveryKey(12, 340)).toBe("message:12:registration:340");
  });

  it("keeps the paragraphs and line breaks the organizer wrote", () => {
    expect(paragraphs("Hola:\r\n\r\nLlegue a las 8.\nTraiga su cédula.  \n\n\n\nGracias")).toEqual([
      ["Hola:"],
      ["Llegue a las 8.", "Traiga su cédula."],
      ["Gracias"],
    ]);
    expect(paragraphs("  \n\n ")).toEqual([]);
  });
});

describe("automatic reminders", () => {
  // 29 February 2024, 08:00 in Bogotá (UTC-5, no daylight saving).
  const bogota = { startsAt: "2024-02-29T13:00:00.000Z", timezone: "America/Bogota" };

  it("go 7 and 1 days before the first day, at 08:00 in the encounter's zone", () => {
    expect(plannedReminders(defaultReminderPlan, bogota)).toEqual([
      { days: 7, dueAt: "2024-02-22T13:00:00.000Z" },
      { days: 1, dueAt: "2024-02-28T13:00:00.000Z" },
    ]);
    // Madrid's clocks move on 31 March 2024: 08:00 there is UTC+1 before and UTC+2 after.
    const madrid = { startsAt: "2024-04-02T07:00:00.000Z", timezone: "Europe/Madrid" };
    expect(reminderDueAt(madrid, 7, "08:00")).toBe("2024-03-26T07:00:00.000Z");
    expect(reminderDueAt(madrid, 1, "08:00")).toBe("2024-04-01T06:00:00.000Z");
  });

  it("counts days from the local date, not the UTC one", () => {
    // 20:00 on 1 March in Bogotá is already 2 March in UTC.
    const evening = { startsAt: "2024-03-02T01:00:00.000Z", timezone: "America/Bogota" };
    expect(reminderDueAt(evening, 1, "08:00")).toBe("2024-02-29T13:00:00.000Z");
  });

  it("is due at its time, and then only the latest one that applies", () => {
    const at = (iso: string) => dueReminder(defaultReminderPlan, bogota, new Date(iso));
    expect(at("2024-02-22T12:59:59.000Z")).toBeNull();
    expect(at("2024-02-22T13:00:00.000Z")).toEqual({ days: 7, dueAt: "2024-02-22T13:00:00.000Z" });
    expect(at("2024-02-27T10:00:00.000Z")).toEqual({ days: 7, dueAt: "2024-02-22T13:00:00.000Z" });
    // Down for the week: one reminder, the 1-day one, not both.
    expect(at("2024-02-28T18:00:00.000Z")).toEqual({ days: 1, dueAt: "2024-02-28T13:00:00.000Z" });
    // Once the encounter has started, none.
    expect(at("2024-02-29T13:00:00.000Z")).toBeNull();
    expect(dueReminder({ ...defaultReminderPlan, enabled: false }, bogota, new Date("2024-02-28T18:00:00.000Z"))).toBeNull();
  });

  it("never falls due after the encounter has begun (a same-day reminder after its start)", () => {
    const plan = { ...defaultReminderPlan, daysBefore: [0], sendTime: "09:00" };
    expect(dueReminder(plan, bogota, new Date("2024-02-29T12:59:00.000Z"))).toBeNull();
  });

  it("reads the days as typed", () => {
    expect(parseReminderDays("7, 1")).toEqual([7, 1]);
    expect(parseReminderDays("1 14 7 7")).toEqual([14, 7, 1]);
    expect(parseReminderDays("")).toEqual([]);
    expect(parseReminderDays("7, -1")).toBeNull();
    expect(parseReminderDays("91")).toBeNull();
    expect(parseReminderDays("1.5")).toBeNull();
    expect(parseReminderDays("1 2 3 4 5 6")).toBeNull();
  });

  it("points at the venue on a map", () => {
    expect(mapUrl(["Centro de convenciones", "Calle 26 # 13-19", "Bogotá"])).toBe(
      "https://www.openstreetmap.org/search?query=Centro%20de%20convenciones%2C%20Calle%2026%20%23%2013-19%2C%20Bogot%C3%A1",
    );
    expect(mapUrl(["", " ", null])).toBeNull();
  });
});
