// Pure rules of the Ley 1581 requests: how the copy states consent, and what replaces the
// person's data when it is deleted.

/**
 * A registration's consent as the data copy states it: given by the person (and when), or
 * still pending because someone else entered the registration, and who.
 */
export function withConsent<
  R extends { consent_at: string; consent_pending: number; source: string; registered_by_organizer: string | null; delegation_city?: string | null },
>(row: R) {
  const { consent_at, consent_pending, registered_by_organizer, delegation_city, ...rest } = row;
  return {
    ...rest,
    registered_by:
      row.source === "form"
        ? "la persona (formulario público)"
        : row.source === "delegation"
          ? `enlace de la ciudad: delegación de ${delegation_city ?? "una ciudad"} (delegation)`
          : `organización: ${registered_by_organizer ?? "cuenta eliminada"} (${row.source})`,
    consent: consent_pending ? "pendiente: la persona aún no la ha dado" : "dada por la persona",
    consent_at: consent_pending ? null : consent_at,
  };
}

export const removedName = "Persona eliminada";
export const removedEmail = "eliminado@anonimo.invalid";
export const anonymousEmail = (id: number) => `persona-eliminada-${id}@anonimo.invalid`;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * An imported list's rows with the person's entries (those whose address `isTheirs`) blanked
 * field by field, the others left as the organizer's file had them.
 */
export function blankPersonInImport(value: Json, isTheirs: (address: string) => boolean): Json {
  if (Array.isArray(value)) return value.map((inner) => blankPersonInImport(inner, isTheirs));
  if (value === null || typeof value !== "object") return value;
  const entry: { [key: string]: Json } = {};
  for (const [key, inner] of Object.entries(value)) entry[key] = blankPersonInImport(inner, isTheirs);
  if (typeof entry.email !== "string" || !isTheirs(entry.email)) return entry;
  for (const key of Object.keys(entry)) {
    if (key === "email") entry[key] = removedEmail;
    else if (key === "fullName" || key === "name") entry[key] = removedName;
    else if (key === "phone" || key === "needs") entry[key] = null;
    else if (key === "position") entry[key] = "";
  }
  return entry;
}

/** A name as written inside JSON (and, the same, in plain text and HTML bodies); null when too short to replace safely. */
export function nameAsWritten(name: string): string | null {
  const inJson = JSON.stringify(name).slice(1, -1);
  return inJson.trim().length >= 3 ? inJson : null;
}
