// Web addresses of encounters: "Encuentro de Ciudades Capitales: Bogotá 2024" -> "encuentro-de-ciudades-capitales-bogota-2024".

export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const maxSlugLength = 80;
/** Taken by the organizer area's own pages (/admin/encuentros/nuevo). */
export const reservedSlugs = new Set(["nuevo", "new", "admin"]);

export function slugify(text: string, max = 60): string {
  const slug = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/ñ/g, "n")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= max) return slug || "encuentro";
  // Cut at a word boundary when there is one close enough.
  const cut = slug.slice(0, max);
  const lastDash = cut.lastIndexOf("-");
  return (lastDash > max / 2 ? cut.slice(0, lastDash) : cut).replace(/-+$/, "");
}
