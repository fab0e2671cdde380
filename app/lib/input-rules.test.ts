import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { messagesFor } from "~/i18n/catalog.server";
import { calendarDate, checkbox, choice, email, id, optionalEmail, optionalSingleLine, repeated, ruleErrorKeys, singleLine, wholeNumber } from "./input-rules";

// The rules as a form sends them: through conform, so a blank field is absent and a repeated
// one an array, exactly as the actions read them.
function submit<S extends z.ZodTypeAny>(schema: S, entries: Array<[string, string]>) {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  const submission = parseWithZod(form, { schema });
  return submission.status === "success" ? { ok: true as const, value: submission.value } : { ok: false as const, error: submission.error };
}
const one = <S extends z.ZodTypeAny>(rule: S, ...values: string[]) =>
  submit(
    z.object({ f: rule }),
    values.map((v) => ["f", v]),
  );

describe("email", () => {
  it("trims and lowercases", () => expect(one(email(), "  Ana.Perez@Alcaldia.GOV.co ")).toEqual({ ok: true, value: { f: "ana.perez@alcaldia.gov.co" } }));
  it.each([
    ["", "required"],
    ["   ", "required"],
    ["sin-arroba", "email"],
    ["ana@localhost", "email"],
    ["añá@alcaldia.gov.co", "email"],
    ["ana@alcaldía.gov.co", "email"],
    ["Ana <ana@alcaldia.gov.co>", "email"],
    [`${"a".repeat(250)}@b.co`, "tooLong"],
  ])("refuses %j as %s", (value, key) => expect(one(email(), value)).toMatchObject({ ok: false, error: { f: [key] } }));
  it("refuses a field sent twice", () => expect(one(email(), "a@b.co", "c@d.co")).toMatchObject({ ok: false, error: { f: ["invalid"] } }));
  it("optionalEmail reads blank as null and checks the rest", () => {
    expect(submit(z.object({ f: optionalEmail() }), [])).toEqual({ ok: true, value: { f: null } });
    expect(one(optionalEmail(), " ")).toEqual({ ok: true, value: { f: null } });
    expect(one(optionalEmail(), "X@Y.CO")).toEqual({ ok: true, value: { f: "x@y.co" } });
    expect(one(optionalEmail(), "no")).toMatchObject({ ok: false, error: { f: ["email"] } });
  });
});

describe("singleLine", () => {
  it("trims", () => expect(one(singleLine(10), "  Ana  ")).toEqual({ ok: true, value: { f: "Ana" } }));
  it.each([
    ["", "required"],
    ["12345678901", "tooLong"],
    ["Ana\nPérez", "singleLine"],
    ["Ana\u0007", "singleLine"],
    ["Ana\u202ePérez", "hiddenCharacters"],
    ["Ana\u200bPérez", "hiddenCharacters"],
  ])("refuses %j as %s", (value, key) => expect(one(singleLine(10), value)).toMatchObject({ ok: false, error: { f: [key] } }));
  it("says 'invalid' for a line break where a form asked for it", () =>
    expect(one(singleLine(10, { lineBreak: "invalid" }), "a\nb")).toMatchObject({ ok: false, error: { f: ["invalid"] } }));
  it("optionalSingleLine reads blank as null", () => {
    expect(submit(z.object({ f: optionalSingleLine(5) }), [])).toEqual({ ok: true, value: { f: null } });
    expect(one(optionalSingleLine(5), "abcdef")).toMatchObject({ ok: false, error: { f: ["tooLong"] } });
  });
});

describe("repeated", () => {
  const cities = repeated(z.string().regex(/^\d{5}$/, "invalid"), { max: 3 });
  it("is an array whether none, one or several came", () => {
    expect(submit(z.object({ f: cities }), [])).toEqual({ ok: true, value: { f: [] } });
    expect(one(cities, "11001")).toEqual({ ok: true, value: { f: ["11001"] } });
    expect(one(cities, "11001", "05001")).toEqual({ ok: true, value: { f: ["11001", "05001"] } });
  });
  it("refuses a bad item and too many items", () => {
    expect(one(cities, "11001", "x")).toMatchObject({ ok: false });
    expect(one(cities, "11001", "11001", "11001", "11001")).toMatchObject({ ok: false, error: { f: ["invalid"] } });
    expect(submit(z.object({ f: repeated(z.string(), { min: 1, max: 3 }) }), [])).toMatchObject({ ok: false, error: { f: ["required"] } });
  });
});

describe("numbers, ids, dates, choices, checkboxes", () => {
  it("wholeNumber takes digits only, within bounds", () => {
    expect(one(wholeNumber({ max: 100 }), " 42 ")).toEqual({ ok: true, value: { f: 42 } });
    for (const bad of ["-1", "1e2", "4.5", "101", "0x10"]) expect(one(wholeNumber({ max: 100 }), bad)).toMatchObject({ ok: false, error: { f: ["invalid"] } });
    expect(one(wholeNumber({ min: 1, max: 5 }), "0")).toMatchObject({ ok: false });
    expect(submit(z.object({ f: wholeNumber({ max: 5 }) }), [])).toMatchObject({ ok: false, error: { f: ["required"] } });
  });
  it("id refuses anything but 1 and up in digits", () => {
    expect(one(id(), "17")).toEqual({ ok: true, value: { f: 17 } });
    expect(one(id(), "2147483647")).toEqual({ ok: true, value: { f: 2147483647 } });
    // PostgreSQL's integer ends there: a larger id must be a 400, not a 500 from the database.
    for (const bad of ["0", "-1", "1 or 1=1", "01", "12345678901", "2147483648", "9999999999"])
      expect(one(id(), bad)).toMatchObject({ ok: false, error: { f: ["invalid"] } });
  });
  it("calendarDate takes real days only", () => {
    expect(one(calendarDate(), "2027-02-28")).toEqual({ ok: true, value: { f: "2027-02-28" } });
    expect(one(calendarDate(), "2027-02-30")).toMatchObject({ ok: false, error: { f: ["date"] } });
  });
  it("choice tells a blank from a wrong value", () => {
    expect(one(choice(["a", "b"]), "b")).toEqual({ ok: true, value: { f: "b" } });
    expect(one(choice(["a", "b"]), "c")).toMatchObject({ ok: false, error: { f: ["invalid"] } });
    expect(submit(z.object({ f: choice(["a", "b"]) }), [])).toMatchObject({ ok: false, error: { f: ["required"] } });
  });
  it("checkbox is true when sent as 'on', false when absent", () => {
    expect(one(checkbox(), "on")).toEqual({ ok: true, value: { f: true } });
    expect(submit(z.object({ f: checkbox() }), [])).toEqual({ ok: true, value: { f: false } });
  });
});

describe("the messages", () => {
  it("every key the rules emit has Spanish and English text in the shared errors", () => {
    for (const locale of ["es", "en"] as const) {
      const shared = messagesFor(locale).errors as Record<string, string>;
      for (const key of ruleErrorKeys) expect(shared[key], `${locale}: ${key}`).toMatch(/\S/);
    }
  });
});
