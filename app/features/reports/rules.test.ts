import { describe, expect, it } from "vitest";
import { tallyAcross, tallyEncounter } from "./rules";

const cities = [
  { cityId: 1, dane: "11001", name: "Bogotá", lat: 4.6, lon: -74.1 },
  { cityId: 2, dane: "76001", name: "Cali", lat: 3.4, lon: -76.5 },
  { cityId: 3, dane: "05001", name: "Medellín", lat: 6.2, lon: -75.6 },
];

describe("one encounter's figures", () => {
  it("counts each city's registrations, attendance, downloaders and commitments", () => {
    const report = tallyEncounter(
      cities,
      [
        { city_id: 1, entity: "Alcaldía", status: "confirmed", checked_in_at: "2026-03-11T14:00:00.000Z" },
        { city_id: 1, entity: "Alcaldía", status: "cancelled", checked_in_at: null },
        { city_id: 2, entity: "Gobernación", status: "waitlisted", checked_in_at: null },
      ],
      [
        { city_id: 1, participant_id: 7 },
        { city_id: 1, participant_id: 7 },
        { city_id: 1, participant_id: null },
      ],
      [{ city_id: 1, instrument: "PDT", theme: "both", status: "done" }],
    );
    expect(report.totals).toEqual({ registered: 2, confirmed: 1, waitlisted: 1, cancelled: 1, attended: 1, downloads: 2, commitments: 1 });
    expect(report.cities[0]).toMatchObject({ name: "Bogotá", registered: 1, attended: 1, downloads: 2, downloaders: 1, commitments: 1, commitmentsDone: 1 });
    expect([report.citiesThatCame, report.citiesRegisteredNotCame, report.citiesNotRegistered]).toEqual([["Bogotá"], ["Cali"], ["Medellín"]]);
    expect(report.byEntity).toEqual([
      { entity: "Alcaldía", registered: 1, attended: 1 },
      { entity: "Gobernación", registered: 1, attended: 0 },
    ]);
    expect(report.byInstrument).toEqual({ PDT: 1, PISCC: 0, other: 0 });
  });
});

describe("the cities' progress across encounters", () => {
  it("counts overdue and on-time commitments, and the trend by quarter", () => {
    const report = tallyAcross(
      cities,
      [
        { city_id: 1, status: "done", due_date: "2026-06-30", created_at: "2026-03-11T15:00:00.000Z", done_at: "2026-05-02T10:00:00.000Z" },
        { city_id: 1, status: "in_progress", due_date: "2026-04-30", created_at: "2026-03-11T15:00:00.000Z", done_at: null },
        { city_id: 2, status: "dropped", due_date: "2026-04-30", created_at: "2026-03-12T15:00:00.000Z", done_at: null },
      ],
      [
        { city_id: 1, encounter_id: 1 },
        { city_id: 1, encounter_id: 1 },
        { city_id: 2, encounter_id: 1 },
      ],
      1,
      "2026-07-01",
    );
    expect(report.cities[0]).toMatchObject({ encountersAttended: 1, commitments: 2, done: 1, inProgress: 1, overdue: 1, doneOnTime: 1, onTimeShare: 0.5 });
    expect(report.cities[2].onTimeShare).toBeNull();
    expect(report.trend).toEqual([
      { period: "2026-T1", made: 3, done: 0 },
      { period: "2026-T2", made: 0, done: 1 },
    ]);
    expect(report.totals).toEqual({ commitments: 3, done: 1, overdue: 1, encounters: 1 });
  });
});
