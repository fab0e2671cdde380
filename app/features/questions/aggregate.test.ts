import { describe, expect, it } from "vitest";
import { countByCity, countByCode, shownCount, shownText, suppressByCity } from "./aggregate";

describe("the small-count rule", () => {
  it("shows any count under 5 as '< 5', zero included", () => {
    expect([0, 1, 4, 5, 12].map((n) => shownText(shownCount(n)))).toEqual(["< 5", "< 5", "< 5", "5", "12"]);
  });

  it("hides each city's small counts, and coarsens an overall count that would give one away", () => {
    // Columns: mujer, hombre, prefer not to answer.
    const table = suppressByCity(
      [
        { label: "Bogotá D.C.", counts: [7, 6, 0] },
        { label: "Cali", counts: [3, 8, 1] },
        { label: "Medellín", counts: [9, 5, 2] },
      ],
      3,
    );
    expect(table.rows.map((r) => [r.label, ...r.cells.map(shownText)])).toEqual([
      ["Bogotá D.C.", "7", "6", "< 5"],
      ["Cali", "< 5", "8", "< 5"],
      ["Medellín", "9", "5", "< 5"],
    ]);
    // mujer: 19 with Cali's 3 the only one hidden: 16 shown, so 16–20, never 19.
    // hombre: nothing hidden. Prefer not: 3 in all, under 5.
    expect(table.totals.map(shownText)).toEqual(["16–20", "19", "< 5"]);
  });

  it("shows an overall count when two or more cities are hidden in it", () => {
    const table = suppressByCity(
      [
        { label: "A", counts: [2] },
        { label: "B", counts: [4] },
        { label: "C", counts: [10] },
      ],
      1,
    );
    expect(table.totals).toEqual([{ kind: "count", n: 16 }]);
  });
});

describe("counting answers", () => {
  const choice = { kind: "many_choices" as const, options: [{ code: "a" }, { code: "b" }, { code: "c" }] };

  it("counts each option chosen, a person once per option, unknown codes left out", () => {
    expect(countByCode(choice, ['["a","b"]', '["b"]', '["z"]', "roto"])).toEqual([1, 2, 0]);
    expect(countByCode({ kind: "yes_no", options: [] }, ["yes", "no", "yes"])).toEqual([2, 1]);
    expect(countByCode({ kind: "short_text", options: [] }, ["hola"])).toEqual([]);
  });

  it("groups by city in alphabetical order", () => {
    const rows = countByCity({ kind: "one_choice", options: [{ code: "a" }, { code: "b" }] }, [
      { city: "Cali", value: "a" },
      { city: "Bogotá D.C.", value: "b" },
      { city: "Cali", value: "b" },
    ]);
    expect(rows).toEqual([
      { label: "Bogotá D.C.", counts: [0, 1] },
      { label: "Cali", counts: [1, 1] },
    ]);
  });
});
