import { describe, expect, it } from "vitest";
import { answersEditable, deletion, kindChange, moveInOrder, optionCode, reviseOptions } from "./rules";

describe("the order of the questions", () => {
  it("moves one a step up or down", () => {
    expect(moveInOrder([1, 2, 3], 2, "up")).toEqual([2, 1, 3]);
    expect(moveInOrder([1, 2, 3], 2, "down")).toEqual([1, 3, 2]);
  });

  it("cannot move the first up, the last down, or one that is not there", () => {
    expect(moveInOrder([1, 2, 3], 1, "up")).toBeNull();
    expect(moveInOrder([1, 2, 3], 3, "down")).toBeNull();
    expect(moveInOrder([1, 2, 3], 9, "up")).toBeNull();
  });
});

describe("options", () => {
  const current = [
    { code: "alcaldia", es: "Alcaldía", en: "Mayor's office" },
    { code: "gobernacion", es: "Gobernación", en: "" },
  ];

  it("gives new options a code from their Spanish label, unique in the question", () => {
    expect(optionCode("Secretaría de la Mujer", new Set())).toBe("secretaria_de_la_mujer");
    expect(optionCode("Alcaldía", new Set(["alcaldia"]))).toBe("alcaldia_2");
    expect(optionCode("¿?", new Set())).toBe("opcion");
  });

  it("keeps each option's code when its labels change, and adds new ones", () => {
    const outcome = reviseOptions("one_choice", current, [
      { code: "alcaldia", es: "Alcaldía municipal", en: "City hall" },
      { code: "gobernacion", es: "Gobernación", en: "Department" },
      { code: null, es: "Otra", en: "Other" },
      { code: null, es: "", en: "" },
    ]);
    expect(outcome).toEqual({
      ok: true,
      options: [
        { code: "alcaldia", es: "Alcaldía municipal", en: "City hall" },
        { code: "gobernacion", es: "Gobernación", en: "Department" },
        { code: "otra", es: "Otra", en: "Other" },
      ],
    });
  });

  it("removes an option left blank, unless someone chose it", () => {
    const rows = [
      { code: "alcaldia", es: "Alcaldía", en: "" },
      { code: "gobernacion", es: "", en: "" },
      { code: null, es: "Otra", en: "" },
    ];
    expect(reviseOptions("one_choice", current, rows)).toMatchObject({ ok: true, options: [{ code: "alcaldia" }, { code: "otra" }] });
    expect(reviseOptions("one_choice", current, rows, new Set(["gobernacion"]))).toEqual({ ok: false, refusal: "optionAnswered", row: 1 });
  });

  it("needs two different options for a choice, none for other kinds", () => {
    expect(reviseOptions("many_choices", [], [{ code: null, es: "Sola", en: "" }])).toEqual({ ok: false, refusal: "optionsNeeded" });
    expect(
      reviseOptions(
        "one_choice",
        [],
        [
          { code: null, es: "Sí", en: "" },
          { code: null, es: "sí", en: "" },
        ],
      ),
    ).toEqual({ ok: false, refusal: "duplicateOption", row: 1 });
    expect(reviseOptions("short_text", current, [{ code: null, es: "Ignorada", en: "" }])).toEqual({ ok: true, options: [] });
  });
});

describe("what answers protect", () => {
  it("a question with answers cannot be deleted", () => {
    expect(deletion(0)).toBeNull();
    expect(deletion(3)).toBe("hasAnswers");
  });

  it("nor change its kind; a question of the standard set never does", () => {
    expect(kindChange({ kind: "short_text", standardCode: null }, "long_text", 0)).toBeNull();
    expect(kindChange({ kind: "short_text", standardCode: null }, "long_text", 2)).toBe("kindAnswered");
    expect(kindChange({ kind: "one_choice", standardCode: "sex" }, "many_choices", 0)).toBe("standardLocked");
    expect(kindChange({ kind: "one_choice", standardCode: "sex" }, "one_choice", 9)).toBeNull();
  });

  it("answers can change until registration closes", () => {
    const encounter = { status: "published", registration_closes_at: "2030-01-10T05:00:00.000Z", ends_at: "2030-01-20T22:00:00.000Z" };
    expect(answersEditable(encounter, "confirmed", new Date("2030-01-10T04:59:59.000Z"))).toBe(true);
    expect(answersEditable(encounter, "confirmed", new Date("2030-01-10T05:00:00.000Z"))).toBe(false);
    expect(answersEditable(encounter, "cancelled", new Date("2030-01-01T00:00:00.000Z"))).toBe(false);
    expect(answersEditable({ ...encounter, status: "closed" }, "confirmed", new Date("2030-01-01T00:00:00.000Z"))).toBe(false);
    expect(answersEditable({ ...encounter, registration_closes_at: null }, "waitlisted", new Date("2030-01-15T00:00:00.000Z"))).toBe(true);
  });
});
