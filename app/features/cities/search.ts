// The city picker's search: accents and case ignored, any part of the city's or department's
// name (or its DANE code) matches, and the best matches come first: cities whose name starts
// with the text ("valle" gives Valledupar), then those with a word of the name that does, then
// names that contain it, then the rest (Cali, in Valle del Cauca), each group in list order.

export function foldForSearch(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

export function searchCities<City extends { name: string; department: string; dane: string }>(cities: City[], typed: string): City[] {
  const query = foldForSearch(typed.trim());
  if (!query) return cities;
  const ranked: Array<{ city: City; rank: number; index: number }> = [];
  cities.forEach((city, index) => {
    const name = foldForSearch(city.name);
    if (!foldForSearch(`${city.name} ${city.department} ${city.dane}`).includes(query)) return;
    const rank = name.startsWith(query) ? 0 : name.split(/[\s.-]+/).some((word) => word.startsWith(query)) ? 1 : name.includes(query) ? 2 : 3;
    ranked.push({ city, rank, index });
  });
  return ranked.sort((a, b) => a.rank - b.rank || a.index - b.index).map((r) => r.city);
}
