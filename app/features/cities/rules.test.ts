import { describe, expect, it } from "vitest";
import { emailDomainOf, normalizeDomain } from "./rules";

describe("a city's email domain", () => {
  it("is read from an address, lowercased", () => {
    expect(emailDomainOf("Ana.Perez@Bogota.GOV.co")).toBe("bogota.gov.co");
    expect(emailDomainOf("sin-arroba")).toBe("");
  });

  it("is taken as typed, without a leading @ or spaces", () => {
    expect(normalizeDomain("  @Bogota.gov.co ")).toEqual({ ok: true, domain: "bogota.gov.co" });
    expect(normalizeDomain("medellin.gov.co")).toEqual({ ok: true, domain: "medellin.gov.co" });
  });

  it("refuses what is no domain, and domains anyone can hold an address at", () => {
    for (const typed of ["", "bogota", "bogota .gov.co", "-bogota.gov.co", "bogota.gov.c0", "ana@bogota.gov.co", "bogota..gov.co", `${"a".repeat(64)}.co`]) {
      expect(normalizeDomain(typed), typed).toEqual({ ok: false, problem: "domainShape" });
    }
    for (const typed of ["gmail.com", "Hotmail.com", "gov.co"]) expect(normalizeDomain(typed), typed).toEqual({ ok: false, problem: "domainShared" });
  });
});
