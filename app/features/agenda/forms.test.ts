import { describe, expect, it } from "vitest";
import { formatTime } from "~/lib/time";
import { parseWallTime } from "./forms";

// Dates and times as the agenda and encounter forms read them: no database, no routes.

describe("wall-clock times", () => {
  it("turns Bogotá's 08:00 into 13:00 UTC", () => {
    expect(parseWallTime("2024-02-29", "08:00", "America/Bogota")).toEqual({ ok: true, instant: "2024-02-29T13:00:00.000Z" });
  });

  it("refuses impossible dates and times, and times skipped by a daylight-saving change", () => {
    expect(parseWallTime("2024-02-30", "08:00", "America/Bogota")).toEqual({ ok: false, error: "invalid", part: "date" });
    expect(parseWallTime("2023-02-29", "08:00", "America/Bogota")).toEqual({ ok: false, error: "invalid", part: "date" });
    expect(parseWallTime("2024-03-01", "25:00", "America/Bogota")).toEqual({ ok: false, error: "invalid", part: "time" });
    expect(parseWallTime("2024-03-01", "8am", "America/Bogota")).toEqual({ ok: false, error: "invalid", part: "time" });
    // New York jumps from 02:00 to 03:00 on 10 March 2024: 02:30 never happens there.
    expect(parseWallTime("2024-03-10", "02:30", "America/New_York")).toEqual({ ok: false, error: "timeDoesNotExist", part: "time" });
    expect(parseWallTime("2024-03-10", "03:30", "America/New_York")).toEqual({ ok: true, instant: "2024-03-10T07:30:00.000Z" });
  });
  it("shows five past midnight as 00:05, in both languages, not 24:05", () => {
    expect(formatTime("2024-02-29T05:05:00.000Z", "America/Bogota", "es")).toBe("00:05");
    expect(formatTime("2024-02-29T05:05:00.000Z", "America/Bogota", "en")).toBe("00:05");
    expect(formatTime("2024-02-29T18:30:00.000Z", "America/Bogota", "es")).toBe("13:30");
  });
});
