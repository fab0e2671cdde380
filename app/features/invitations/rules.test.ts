import { describe, expect, it } from "vitest";
import { capitalCities } from "~db/seed/capital-cities";
import { citiesInRegion, regionOf, regions } from "./regions";
import {
  autoReminderAt,
  autoReminderDue,
  delegationPlaces,
  gridState,
  isBlankRow,
  lastMailedAt,
  remindable,
  startingRows,
  tally,
  type InvitationFacts,
} from "./rules";

const sent = (over: Partial<InvitationFacts> = {}): InvitationFacts => ({
  status: "sent",
  sent_at: "2026-03-01T14:00:00.000Z",
  last_reminded_at: null,
  auto_reminded_at: null,
  withdrawn_at: null,
  ...over,
});
const at = (iso: string) => new Date(iso);

describe("the grid's state of a city", () => {
  it("is the invitation's status, or 'not invited' without one or once it is withdrawn", () => {
    expect(gridState(null)).toBe("not_invited");
    expect(gridState(undefined)).toBe("not_invited");
    for (const status of ["sent", "opened", "registered", "declined"] as const) expect(gridState(sent({ status }))).toBe(status);
    expect(gridState(sent({ status: "registered", withdrawn_at: "2026-03-02T10:00:00.000Z" }))).toBe("not_invited");
  });
});

describe("reminders", () => {
  it("go only to cities that have not answered: sent or opened, not registered, declined or withdrawn", () => {
    const late = at("2026-03-05T14:00:00.000Z");
    expect(remindable(sent(), late)).toBe(true);
    expect(remindable(sent({ status: "opened" }), late)).toBe(true);
    expect(remindable(sent({ status: "registered" }), late)).toBe(false);
    expect(remindable(sent({ status: "declined" }), late)).toBe(false);
    expect(remindable(sent({ withdrawn_at: "2026-03-02T10:00:00.000Z" }), late)).toBe(false);
  });

  it("reach each city at most once a day, the invitation itself counting as a mail", () => {
    expect(remindable(sent(), at("2026-03-02T13:59:59.999Z"))).toBe(false);
    expect(remindable(sent(), at("2026-03-02T14:00:00.000Z"))).toBe(true);
    const reminded = sent({ last_reminded_at: "2026-03-04T09:00:00.000Z" });
    expect(lastMailedAt(reminded)).toBe("2026-03-04T09:00:00.000Z");
    expect(remindable(reminded, at("2026-03-05T08:59:00.000Z"))).toBe(false);
    expect(remindable(reminded, at("2026-03-05T09:00:00.000Z"))).toBe(true);
    // The automatic reminder counts too.
    expect(remindable(sent({ auto_reminded_at: "2026-03-04T09:00:00.000Z" }), at("2026-03-04T20:00:00.000Z"))).toBe(false);
  });

  it("go automatically once, from the configured number of days before registration closes until it closes", () => {
    const encounter = { status: "published", registration_closes_at: "2026-03-20T13:00:00.000Z", invitation_reminder_days: 3 };
    expect(autoReminderAt(encounter)?.toISOString()).toBe("2026-03-17T13:00:00.000Z");
    expect(autoReminderDue(sent(), encounter, at("2026-03-17T12:59:00.000Z"))).toBe(false);
    expect(autoReminderDue(sent(), encounter, at("2026-03-17T13:00:00.000Z"))).toBe(true);
    expect(autoReminderDue(sent(), encounter, at("2026-03-20T12:59:00.000Z"))).toBe(true);
    expect(autoReminderDue(sent(), encounter, at("2026-03-20T13:00:00.000Z"))).toBe(false);
    // Once: never again after it went.
    expect(autoReminderDue(sent({ auto_reminded_at: "2026-03-17T13:01:00.000Z" }), encounter, at("2026-03-19T13:00:00.000Z"))).toBe(false);
    // A reminder an organizer sent by hand within the day defers it.
    const byHand = sent({ last_reminded_at: "2026-03-17T08:00:00.000Z" });
    expect(autoReminderDue(byHand, encounter, at("2026-03-17T13:00:00.000Z"))).toBe(false);
    expect(autoReminderDue(byHand, encounter, at("2026-03-18T08:00:00.000Z"))).toBe(true);
    // Answered cities, and encounters without a closing date, a zero setting or not published: none.
    expect(autoReminderDue(sent({ status: "registered" }), encounter, at("2026-03-18T13:00:00.000Z"))).toBe(false);
    expect(autoReminderDue(sent(), { ...encounter, registration_closes_at: null }, at("2026-03-18T13:00:00.000Z"))).toBe(false);
    expect(autoReminderDue(sent(), { ...encounter, invitation_reminder_days: 0 }, at("2026-03-18T13:00:00.000Z"))).toBe(false);
    expect(autoReminderDue(sent(), { ...encounter, status: "closed" }, at("2026-03-18T13:00:00.000Z"))).toBe(false);
  });
});

describe("the delegation form", () => {
  it("skips rows left entirely blank", () => {
    expect(isBlankRow(undefined)).toBe(true);
    expect(isBlankRow({})).toBe(true);
    expect(isBlankRow({ fullName: " ", email: null, entity: "", position: undefined })).toBe(true);
    expect(isBlankRow({ fullName: "Ana", email: null, entity: null, position: null })).toBe(false);
  });

  it("starts with one row per free place, at least one and at most five", () => {
    expect([0, 1, 3, 5, 9].map(startingRows)).toEqual([1, 1, 3, 5, 5]);
  });

  it("says the city's places: its quota, those taken, and those left within the encounter's", () => {
    expect(delegationPlaces({ quota: 3, cityConfirmed: 1, encounterLeft: 10 })).toEqual({ quota: 3, taken: 1, left: 2 });
    expect(delegationPlaces({ quota: 3, cityConfirmed: 1, encounterLeft: 1 })).toEqual({ quota: 3, taken: 1, left: 1 });
    expect(delegationPlaces({ quota: 3, cityConfirmed: 4, encounterLeft: 10 })).toEqual({ quota: 3, taken: 4, left: 0 });
  });

  it("tallies what a submission did", () => {
    expect(tally(["confirmed", "confirmed", "waitlisted", "already"])).toEqual({ confirmed: 2, waitlisted: 1, already: 1 });
  });
});

describe("the regions", () => {
  it("place each of the 32 capitals in exactly one of the six regions", () => {
    expect(capitalCities).toHaveLength(32);
    for (const city of capitalCities) expect(regionOf(city.dane), city.name).not.toBeNull();
    const counts = Object.fromEntries(regions.map((r) => [r, citiesInRegion([...capitalCities], r).length]));
    expect(counts).toEqual({ caribe: 7, andina: 10, pacifica: 4, orinoquia: 4, amazonia: 6, insular: 1 });
    expect(regionOf("42001")).toBeNull();
  });
});
