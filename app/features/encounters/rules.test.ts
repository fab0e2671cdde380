import { describe, expect, it } from "vitest";
import { changedFields, daysBetween, encounterValues, registrationWindow, statusTransitions, type EncounterInput } from "./rules";

const encounter = {
  status: "published" as const,
  registration_opens_at: "2026-03-01T13:00:00.000Z",
  registration_closes_at: "2026-03-10T13:00:00.000Z",
  ends_at: "2026-03-12T22:00:00.000Z",
};

describe("the registration window", () => {
  it("is closed for drafts and closed encounters, whatever the dates", () => {
    expect(registrationWindow({ ...encounter, status: "draft" }, new Date("2026-03-05T00:00:00Z"))).toBe("closed");
    expect(registrationWindow({ ...encounter, status: "closed" }, new Date("2026-03-05T00:00:00Z"))).toBe("closed");
  });

  it("opens at its opening instant and ends at its closing one", () => {
    expect(registrationWindow(encounter, new Date("2026-03-01T12:59:59.999Z"))).toBe("not_yet");
    expect(registrationWindow(encounter, new Date("2026-03-01T13:00:00.000Z"))).toBe("open");
    expect(registrationWindow(encounter, new Date("2026-03-10T13:00:00.000Z"))).toBe("ended");
  });

  it("without a closing date, ends when the encounter ends", () => {
    const open = { ...encounter, registration_opens_at: null, registration_closes_at: null };
    expect(registrationWindow(open, new Date("2026-03-12T21:59:59.000Z"))).toBe("open");
    expect(registrationWindow(open, new Date("2026-03-12T22:00:00.000Z"))).toBe("ended");
  });
});

describe("an encounter's edits", () => {
  it("counts whole calendar days between two dates, across a year's end", () => {
    expect(daysBetween("2026-12-30", "2027-01-06")).toBe(7);
    expect(daysBetween("2026-03-10", "2026-03-03")).toBe(-7);
  });

  it("goes draft -> published -> closed -> published, and back to draft", () => {
    expect(statusTransitions.publish).toEqual({ from: "draft", to: "published" });
    expect(statusTransitions.close).toEqual({ from: "published", to: "closed" });
    expect(statusTransitions.reopen).toEqual({ from: "closed", to: "published" });
    expect(statusTransitions.unpublish).toEqual({ from: "published", to: "draft" });
  });

  it("lists only the fields an edit changes, before and after", () => {
    const input: EncounterInput = {
      title: "Encuentro",
      slug: null,
      summary: "",
      venue: "Sala",
      address: "",
      hostCityId: 1,
      startsAt: "2026-03-11T13:00:00.000Z",
      endsAt: "2026-03-12T22:00:00.000Z",
      timezone: "America/Bogota",
      capacity: 80,
      cityQuota: 3,
      registrationOpensAt: null,
      registrationClosesAt: null,
      contactEmail: null,
      shiftAgenda: false,
    };
    const before = { ...encounterValues(input), slug: "encuentro" };
    const after = { ...encounterValues({ ...input, capacity: 120, venue: "Auditorio" }), slug: "encuentro" };
    expect(changedFields(before, after)).toEqual({ venue: ["Sala", "Auditorio"], capacity: [80, 120] });
    expect(changedFields(before, before)).toEqual({});
  });
});
