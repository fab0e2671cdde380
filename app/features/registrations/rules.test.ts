import { describe, expect, it } from "vitest";
import { hasDifferences, manageLinkUsable, profileDifferences, registrationChangeable, waitReason, type CityPlaces } from "./rules";

const places = (over: Partial<CityPlaces>): CityPlaces => ({ city: "Pasto", quota: 3, cityLeft: 1, capacity: 10, encounterLeft: 4, ...over });

describe("the registration rules", () => {
  it("says why a new registration would wait: the whole encounter before the city's quota", () => {
    expect(waitReason(places({}))).toBeNull();
    expect(waitReason(places({ cityLeft: 0 }))).toBe("city");
    expect(waitReason(places({ cityLeft: 0, encounterLeft: 0 }))).toBe("encounter");
    expect(waitReason(places({ encounterLeft: 0 }))).toBe("encounter");
  });

  it("keeps a manage link working until 30 days after the encounter ends", () => {
    const encounter = { ends_at: "2026-03-10T22:00:00.000Z" };
    expect(manageLinkUsable(encounter, new Date("2026-04-09T21:59:59.000Z"))).toBe(true);
    expect(manageLinkUsable(encounter, new Date("2026-04-09T22:00:00.000Z"))).toBe(false);
  });

  it("lets a registration change only before the encounter starts, and never once it is closed", () => {
    const before = new Date("2026-03-09T12:00:00.000Z");
    expect(registrationChangeable({ starts_at: "2026-03-10T13:00:00.000Z", status: "published" }, before)).toBe(true);
    expect(registrationChangeable({ starts_at: "2026-03-10T13:00:00.000Z", status: "closed" }, before)).toBe(false);
    expect(registrationChangeable({ starts_at: "2026-03-09T11:00:00.000Z", status: "published" }, before)).toBe(false);
  });

  it("lists only the submitted values that differ from the stored profile, the city by name", () => {
    const stored = { full_name: "Ana Gómez", entity: "Alcaldía", position: "Secretaria", phone: null, city_id: 1 };
    const same = profileDifferences(
      stored,
      "Pasto",
      { fullName: "Ana Gómez", entity: "Alcaldía", position: "Secretaria", phone: null },
      { id: 1, name: "Pasto" },
    );
    expect(same).toEqual({});
    expect(hasDifferences(same)).toBe(false);
    const other = profileDifferences(
      stored,
      "Pasto",
      { fullName: "Ana Gómez", entity: "Gobernación", position: "Secretaria", phone: "3001234567" },
      { id: 2, name: "Neiva" },
    );
    expect(other).toEqual({
      entity: { from: "Alcaldía", to: "Gobernación" },
      phone: { from: "", to: "3001234567" },
      city: { from: "Pasto", to: "Neiva", toCityId: 2 },
    });
    expect(hasDifferences(other)).toBe(true);
  });
});
