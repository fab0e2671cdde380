import { describe, expect, it } from "vitest";
import { accessFor, hiddenFrom, isPendingCity, shortened } from "./rules";

// Who may download a material, on its own: no database, no routes.

const visitor = { organizer: false, participant: false };
const participant = { organizer: false, participant: true };
const organizer = { organizer: true, participant: false };

describe("access to a material", () => {
  it("opens a public material to anyone and any material to organizers", () => {
    expect(accessFor("public", visitor, null)).toBe("allowed");
    expect(accessFor("attendees", organizer, null)).toBe("allowed");
  });

  it("says what is missing: signing in, a registration, attendance", () => {
    expect(accessFor("registered", visitor, null)).toBe("signIn");
    expect(accessFor("registered", participant, { registered: false, attended: false })).toBe("register");
    expect(accessFor("registered", participant, { registered: true, attended: false })).toBe("allowed");
    expect(accessFor("attendees", participant, { registered: true, attended: false })).toBe("attend");
    expect(accessFor("attendees", participant, { registered: true, attended: true })).toBe("allowed");
  });

  it("hides a draft encounter's materials from everyone but organizers", () => {
    expect(hiddenFrom({ organizerId: null, participantId: 1 }, { encounter_status: "draft" })).toBe(true);
    expect(hiddenFrom({ organizerId: 1, participantId: null }, { encounter_status: "draft" })).toBe(false);
    expect(hiddenFrom({ organizerId: null, participantId: null }, { encounter_status: "published" })).toBe(false);
  });
});

describe("receipts and mail", () => {
  it("counts a city as pending when people there may have it and none downloaded it", () => {
    expect(isPendingCity({ audience: 3, downloaders: 0 })).toBe(true);
    expect(isPendingCity({ audience: 3, downloaders: 1 })).toBe(false);
    expect(isPendingCity({ audience: 0, downloaders: 0 })).toBe(false);
  });

  it("shortens a text for a mail with an ellipsis, only when it is too long", () => {
    expect(shortened("corto", 10)).toBe("corto");
    expect(shortened("abcdefghij", 5)).toBe("abcd…");
  });
});
