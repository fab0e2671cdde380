import ical from "node-ical";
import { describe, expect, it } from "vitest";
import { escapeText, foldLine, writeCalendar } from "~/server/ics.server";

const octets = (text: string) => Buffer.byteLength(text, "utf8");

describe("the calendar writer", () => {
  it("folds at 75 octets without splitting a character, and unfolds to the same line", () => {
    const line = `SUMMARY:${"Trata de personas y tráfico de migrantes — ñandú 😀 ".repeat(6)}`;
    const folded = foldLine(line);
    const parts = folded.split("\r\n");
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) expect(octets(part)).toBeLessThanOrEqual(75);
    for (const part of parts.slice(1)) expect(part.startsWith(" ")).toBe(true);
    expect(folded.replace(/\r\n /g, "")).toBe(line);
    expect(folded).not.toContain("\uFFFD");
    expect(foldLine("SHORT:ascii")).toBe("SHORT:ascii");
  });

  it("escapes what TEXT values must escape", () => {
    expect(escapeText("a;b,c\\d\r\ne\nf")).toBe("a\\;b\\,c\\\\d\\ne\\nf");
  });

  it("writes the zone's VTIMEZONE once, wall-clock times with TZID, and parses back", () => {
    const zone = "America/New_York";
    const text = writeCalendar({
      product: "Agenda",
      locale: "es",
      name: "Encuentro; prueba",
      zone,
      events: [
        // The day before and after the change to daylight time (8 March 2025 → 10 March 2025).
        {
          uid: "a@x",
          stamp: "2025-01-01T00:00:00Z",
          start: { instant: "2025-03-08T14:00:00Z", zone },
          end: { instant: "2025-03-08T15:00:00Z", zone },
          summary: "Antes",
        },
        {
          uid: "b@x",
          stamp: "2025-01-01T00:00:00Z",
          start: { instant: "2025-03-10T13:00:00Z", zone },
          end: { instant: "2025-03-10T14:00:00Z", zone },
          summary: "Después",
        },
        { uid: "c@x", stamp: "2025-01-01T00:00:00Z", start: { date: "2025-12-31" }, end: { date: "2026-01-01" }, summary: "Todo el día" },
      ],
    });
    expect(text.match(/BEGIN:VTIMEZONE/g)).toHaveLength(1);
    expect(text).toContain("DTSTART;TZID=America/New_York:20250308T090000");
    expect(text).toContain("DTSTART;TZID=America/New_York:20250310T090000");
    expect(text).toContain("DTSTART;VALUE=DATE:20251231");
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(text.split("\r\n").every((line) => octets(line) <= 75)).toBe(true);
    const events = Object.values(ical.sync.parseICS(text)).filter((c) => c.type === "VEVENT");
    expect(events.map((e) => (e as { summary: string }).summary)).toEqual(["Antes", "Después", "Todo el día"]);
    expect((events[0] as { start: Date }).start.toISOString()).toBe("2025-03-08T14:00:00.000Z");
    expect((events[1] as { start: Date }).start.toISOString()).toBe("2025-03-10T13:00:00.000Z");
  });
});
