import { describe, expect, it } from "vitest";
import { certificateFileName, normalizeCode } from "./rules";

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
