import { describe, expect, it } from "vitest";
import { slugify } from "./slug";

describe("slugs", () => {
  it("makes a web address from a Spanish title", () => {
    expect(slugify("Encuentro de Ciudades Capitales: Bogotá, año 2025")).toBe("encuentro-de-ciudades-capitales-bogota-ano-2025");
    expect(slugify("¡¿ ?!")).toBe("encuentro");
    expect(slugify("palabra ".repeat(20)).length).toBeLessThanOrEqual(60);
  });
});
