// The regions organizers invite by: Colombia's six natural regions, each capital placed by its
// department (the first two digits of its DANE code, the department's DIVIPOLA code). A
// department that spans two regions (Antioquia, Cauca, Nariño, Chocó...) goes where its
// capital is, as the association's regional meetings group them; Bogotá, capital district
// and capital of Cundinamarca, is Andean. Pure data: the cities table itself has no region.

export const regions = ["caribe", "andina", "pacifica", "orinoquia", "amazonia", "insular"] as const;
export type Region = (typeof regions)[number];

const byDepartment: Record<string, Region> = {
  // Caribe
  "08": "caribe", // Atlántico: Barranquilla
  "13": "caribe", // Bolívar: Cartagena de Indias
  "20": "caribe", // Cesar: Valledupar
  "23": "caribe", // Córdoba: Montería
  "44": "caribe", // La Guajira: Riohacha
  "47": "caribe", // Magdalena: Santa Marta
  "70": "caribe", // Sucre: Sincelejo
  // Andina
  "05": "andina", // Antioquia: Medellín
  "11": "andina", // Bogotá D.C.
  "15": "andina", // Boyacá: Tunja
  "17": "andina", // Caldas: Manizales
  "41": "andina", // Huila: Neiva
  "54": "andina", // Norte de Santander: Cúcuta
  "63": "andina", // Quindío: Armenia
  "66": "andina", // Risaralda: Pereira
  "68": "andina", // Santander: Bucaramanga
  "73": "andina", // Tolima: Ibagué
  // Pacífica
  "19": "pacifica", // Cauca: Popayán
  "27": "pacifica", // Chocó: Quibdó
  "52": "pacifica", // Nariño: Pasto
  "76": "pacifica", // Valle del Cauca: Cali
  // Orinoquía
  "50": "orinoquia", // Meta: Villavicencio
  "81": "orinoquia", // Arauca: Arauca
  "85": "orinoquia", // Casanare: Yopal
  "99": "orinoquia", // Vichada: Puerto Carreño
  // Amazonía
  "18": "amazonia", // Caquetá: Florencia
  "86": "amazonia", // Putumayo: Mocoa
  "91": "amazonia", // Amazonas: Leticia
  "94": "amazonia", // Guainía: Inírida
  "95": "amazonia", // Guaviare: San José del Guaviare
  "97": "amazonia", // Vaupés: Mitú
  // Insular
  "88": "insular", // San Andrés, Providencia y Santa Catalina: San Andrés
};

/** The region of a capital, by its five-digit DANE code; null for a code of no department here. */
export function regionOf(dane: string): Region | null {
  return byDepartment[dane.slice(0, 2)] ?? null;
}

export function isRegion(value: string): value is Region {
  return (regions as readonly string[]).includes(value);
}

/** The cities of a region, in the order given. */
export function citiesInRegion<C extends { dane: string }>(cities: C[], region: Region): C[] {
  return cities.filter((c) => regionOf(c.dane) === region);
}
