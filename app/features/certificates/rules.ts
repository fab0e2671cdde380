// Pure rules of attendance certificates: the code as typed and stored, and the file's name.

export interface CertificateFacts {
  registrationId: number;
  code: string;
  fullName: string;
  entity: string;
  city: string;
  encounterTitle: string;
  encounterSlug: string;
  startsAt: string;
  timezone: string;
  venue: string;
}

/**
 * A code as a person types it, as stored: any case, with or without the hyphens (or spaces,
 * or the dash a phone's keyboard puts in their place). Null if it cannot be a code.
 */
export function normalizeCode(code: string): string | null {
  if (code.length > 100) return null;
  const bare = code.toUpperCase().replace(/[\s\-\u2010-\u2015\u2212]/g, "");
  return /^[A-HJ-NP-Z2-9]{12}$/.test(bare) ? `${bare.slice(0, 4)}-${bare.slice(4, 8)}-${bare.slice(8)}` : null;
}

export function certificateFileName(facts: Pick<CertificateFacts, "fullName" | "code">): string {
  const base = facts.fullName
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\w]+/g, "-")
    .replace(/^-|-$/g, "");
  return `certificado-${base || "asistente"}-${facts.code}.pdf`;
}
