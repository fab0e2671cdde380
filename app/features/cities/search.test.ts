import { describe, expect, it } from "vitest";
import { searchCities } from "./search";
import { capitalCities } from "~db/seed/capital-cities";

// The registration form's city picker, as it filters the 32 capitals in the order the form
// lists them (by name, as listCities reads them: Cali comes before Valledupar).
const capitals = [...capitalCities].sort((a, b) => (a.name < b.name ? -1 : 1));

describe("the city search", () => {
  const names = (typed: string) => searchCities(capitals, typed).map((c) => c.name);

  it("ranks cities whose name starts with the typed text first", () => {
    const valle = names("valle");
    expect(valle[0]).toBe("Valledupar");
    expect(valle).toContain("Cali");
    expect(valle.indexOf("Valledupar")).toBeLessThan(valle.indexOf("Cali"));
    expect(names("VALLE")).toEqual(valle);
  });

  it("puts a city with a word that starts with the text before one that only contains it", () => {
    // Manizales starts with "ma", a word of Santa Marta does, Bucaramanga only contains it.
    expect(names("ma").slice(0, 3)).toEqual(["Manizales", "Santa Marta", "Bucaramanga"]);
    expect(names("ca").slice(0, 3)).toEqual(["Cali", "Cartagena de Indias", "Puerto Carreño"]);
  });

  it("still ignores accents and finds by department and DANE code", () => {
    expect(names("bogota")[0]).toBe("Bogotá D.C.");
    expect(names("medellín")).toEqual(["Medellín"]);
    expect(names("antioquia")).toEqual(["Medellín"]);
    expect(names("05001")).toEqual(["Medellín"]);
    expect(names("  ")).toHaveLength(capitals.length);
    expect(names("zzz")).toEqual([]);
  });
});
