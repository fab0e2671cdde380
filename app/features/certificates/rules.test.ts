import { describe, expect, it } from "vitest";
import { agendaHours, certificateFileName, fitInto, formatHours, inspectImage, normalizeCode } from "./rules";

describe("a certificate's code as typed", () => {
  it("takes any case, with or without hyphens, spaces or a phone's dashes", () => {
    for (const typed of ["abcd-efgh-jkmn", "ABCDEFGHJKMN", "abcd efgh jkmn", "ABCD–EFGH—JKMN"]) expect(normalizeCode(typed), typed).toBe("ABCD-EFGH-JKMN");
  });

  it("refuses look-alike characters, wrong lengths and long text", () => {
    for (const typed of ["ABCD-EFGH-JKM0", "ABCD-EFGH-JKMI", "ABCD-EFGH", "A".repeat(101)]) expect(normalizeCode(typed), typed).toBeNull();
  });
});

describe("a certificate's file name", () => {
  it("is the name without accents or symbols, and the code", () => {
    expect(certificateFileName({ fullName: "María José Núñez-Ávila", code: "ABCD-EFGH-JKMN" })).toBe("certificado-Maria-Jose-Nunez-Avila-ABCD-EFGH-JKMN.pdf");
    expect(certificateFileName({ fullName: "★", code: "ABCD-EFGH-JKMN" })).toBe("certificado-asistente-ABCD-EFGH-JKMN.pdf");
  });
});

describe("the hours an agenda fills", () => {
  const at = (time: string) => `2024-02-29T${time}:00.000Z`;
  const encounter = { starts_at: at("13:00"), ends_at: at("18:30") };

  it("adds the sessions, leaves breaks out and counts parallel sessions once", () => {
    const items = [
      { starts_at: at("13:00"), ends_at: at("15:30"), kind: "plenary" },
      { starts_at: at("15:30"), ends_at: at("15:45"), kind: "break" },
      { starts_at: at("15:45"), ends_at: at("17:15"), kind: "workshop" },
      { starts_at: at("16:00"), ends_at: at("17:00"), kind: "working_table" }, // parallel
      { starts_at: at("17:15"), ends_at: at("18:30"), kind: "plenary" },
    ];
    // 2.5 h + 1.5 h + 1.25 h, the break and the parallel table not counted again.
    expect(agendaHours(items, encounter)).toBe(5.25);
  });

  it("counts the encounter's own span without sessions, and rounds down to the quarter hour", () => {
    expect(agendaHours([], encounter)).toBe(5.5);
    expect(agendaHours([{ starts_at: at("13:00"), ends_at: at("13:50"), kind: "panel" }], encounter)).toBe(0.75);
  });

  it("reads as people write hours in each language", () => {
    expect(formatHours(5.25, "es")).toBe("5,25");
    expect(formatHours(5.25, "en")).toBe("5.25");
    expect(formatHours(6, "es")).toBe("6");
  });
});

describe("a logo or signature file", () => {
  const png = (width: number, height: number) => {
    const bytes = new Uint8Array(33);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    new DataView(bytes.buffer).setUint32(16, width);
    new DataView(bytes.buffer).setUint32(20, height);
    return bytes;
  };
  const jpeg = (width: number, height: number) =>
    new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, height >> 8, height & 255, width >> 8, width & 255, 3, 0, 0, 0]);

  it("is a PNG or a JPEG, with the size its header gives", () => {
    expect(inspectImage(png(640, 200))).toEqual({ ok: true, type: "image/png", width: 640, height: 200 });
    expect(inspectImage(jpeg(300, 120))).toEqual({ ok: true, type: "image/jpeg", width: 300, height: 120 });
  });

  it("refuses an SVG, a GIF, text, a broken header, and more than 2 MB", () => {
    const text = (s: string) => new TextEncoder().encode(s);
    expect(inspectImage(text('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toEqual({ ok: false, reason: "notImage" });
    expect(inspectImage(text("GIF89a......"))).toEqual({ ok: false, reason: "notImage" });
    expect(inspectImage(png(0, 10))).toEqual({ ok: false, reason: "notImage" });
    expect(inspectImage(png(640, 200).slice(0, 20))).toEqual({ ok: false, reason: "notImage" });
    expect(inspectImage(new Uint8Array(2 * 1024 * 1024 + 1))).toEqual({ ok: false, reason: "tooLarge" });
  });

  it("fits a box keeping its proportions", () => {
    expect(fitInto(400, 100, 120, 60)).toEqual({ width: 120, height: 30 });
    expect(fitInto(100, 400, 120, 60)).toEqual({ width: 15, height: 60 });
  });
});
