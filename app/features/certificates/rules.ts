// Pure rules of attendance certificates: the code as typed and stored, the file's name, the
// hours an agenda fills, and what an uploaded logo or signature is.

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
  /** The language the person registered in: the certificate speaks it. */
  locale: "es" | "en";
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

// ---- hours ------------------------------------------------------------------------------

export interface TimedItem {
  starts_at: string;
  ends_at: string;
  kind: string;
}

/**
 * The hours an agenda fills: the time covered by its sessions (breaks left out, parallel
 * sessions counted once), rounded down to the quarter hour. An encounter without sessions
 * counts from its start to its end.
 */
export function agendaHours(items: TimedItem[], encounter: { starts_at: string; ends_at: string }): number {
  const spans = items
    .filter((item) => item.kind !== "break")
    .map((item) => [Date.parse(item.starts_at), Date.parse(item.ends_at)] as const)
    .filter(([start, end]) => Number.isFinite(start) && Number.isFinite(end) && end > start)
    .sort((a, b) => a[0] - b[0]);
  if (spans.length === 0) spans.push([Date.parse(encounter.starts_at), Date.parse(encounter.ends_at)]);
  let total = 0;
  let [from, to] = spans[0];
  for (const [start, end] of spans.slice(1)) {
    if (start <= to) to = Math.max(to, end);
    else {
      total += to - from;
      [from, to] = [start, end];
    }
  }
  total += Math.max(0, to - from);
  return Math.floor(total / (15 * 60_000)) / 4;
}

/** Hours as a person reads them: "5,25" in Spanish, "5.25" in English, no trailing zeros. */
export function formatHours(hours: number, locale: "es" | "en"): string {
  return new Intl.NumberFormat(locale === "es" ? "es-CO" : "en-GB", { maximumFractionDigits: 2 }).format(hours);
}

// ---- images -----------------------------------------------------------------------------

export const maxCertificateImageBytes = 2 * 1024 * 1024;
export const maxLogos = 4;
export const maxSignatories = 3;

export type ImageCheck = { ok: true; type: "image/png" | "image/jpeg"; width: number; height: number } | { ok: false; reason: "notImage" | "tooLarge" };

/**
 * What a logo or a signature file is, from its bytes: a PNG or a JPEG whose header gives its
 * size. Anything else (an SVG, a GIF, a PDF, text named .png, a truncated file) is not an image
 * the certificate can carry.
 */
export function inspectImage(bytes: Uint8Array): ImageCheck {
  if (bytes.byteLength > maxCertificateImageBytes) return { ok: false, reason: "tooLarge" };
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.byteLength >= 24 && png.every((b, i) => bytes[i] === b)) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (String.fromCharCode(...bytes.subarray(12, 16)) !== "IHDR") return { ok: false, reason: "notImage" };
    const width = view.getUint32(16);
    const height = view.getUint32(20);
    return width > 0 && height > 0 && width <= 10_000 && height <= 10_000 ? { ok: true, type: "image/png", width, height } : { ok: false, reason: "notImage" };
  }
  if (bytes.byteLength >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    // Walk the segments to the frame header (SOF0..SOF15 but DHT, JPG and DAC), which holds the size.
    let i = 2;
    while (i + 9 < bytes.byteLength) {
      if (bytes[i] !== 0xff) return { ok: false, reason: "notImage" };
      const marker = bytes[i + 1];
      if (marker === 0xff) {
        i++;
        continue;
      }
      const length = (bytes[i + 2] << 8) | bytes[i + 3];
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        const height = (bytes[i + 5] << 8) | bytes[i + 6];
        const width = (bytes[i + 7] << 8) | bytes[i + 8];
        return width > 0 && height > 0 ? { ok: true, type: "image/jpeg", width, height } : { ok: false, reason: "notImage" };
      }
      if (length < 2) return { ok: false, reason: "notImage" };
      i += 2 + length;
    }
  }
  return { ok: false, reason: "notImage" };
}

/** A box of at most maxWidth × maxHeight that keeps the image's proportions. */
export function fitInto(width: number, height: number, maxWidth: number, maxHeight: number): { width: number; height: number } {
  const scale = Math.min(maxWidth / width, maxHeight / height);
  return { width: width * scale, height: height * scale };
}
