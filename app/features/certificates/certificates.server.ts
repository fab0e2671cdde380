import { randomInt } from "node:crypto";
import { zipSync } from "fflate";
import { PDFDocument, rgb } from "pdf-lib";
import type { DB } from "~db/client";
import { embedUnicodeFonts } from "~/server/pdf-fonts.server";
import { formatDate } from "~/lib/time";

// Attendance certificates: a one-page PDF per checked-in person, with a code that the public
// page /verificar/:code confirms. Codes avoid look-alike characters so they can be typed.

const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export function newCertificateCode(): string {
  const pick = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join("");
  return `${pick()}-${pick()}-${pick()}`;
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

function certificateQuery(db: DB) {
  return db
    .selectFrom("registrations")
    .innerJoin("participants", "participants.id", "registrations.participant_id")
    .innerJoin("cities", "cities.id", "participants.city_id")
    .innerJoin("encounters", "encounters.id", "registrations.encounter_id")
    .leftJoin("certificates", "certificates.registration_id", "registrations.id")
    .select([
      "registrations.id as registrationId",
      "registrations.checked_in_at",
      "registrations.participant_id",
      "certificates.code",
      "participants.full_name as fullName",
      "participants.entity",
      "cities.name as city",
      "encounters.id as encounterId",
      "encounters.title as encounterTitle",
      "encounters.slug as encounterSlug",
      "encounters.starts_at as startsAt",
      "encounters.timezone",
      "encounters.venue",
    ]);
}

/** The certificate of one registration, issuing its code the first time; null unless checked in. */
export async function issueCertificate(db: DB, registrationId: number): Promise<CertificateFacts | null> {
  const row = await certificateQuery(db).where("registrations.id", "=", registrationId).executeTakeFirst();
  if (!row || !row.checked_in_at) return null;
  let code = row.code;
  if (!code) {
    code = newCertificateCode();
    await db.insertInto("certificates").values({ registration_id: registrationId, code }).onConflict((oc) => oc.column("registration_id").doNothing()).execute();
    code = (await db.selectFrom("certificates").select("code").where("registration_id", "=", registrationId).executeTakeFirstOrThrow()).code;
  }
  return { ...row, code };
}

export async function findCertificateByCode(db: DB, code: string) {
  const normalized = normalizeCode(code);
  if (!normalized) return null;
  const row = await certificateQuery(db).where("certificates.code", "=", normalized).where("registrations.checked_in_at", "is not", null).executeTakeFirst();
  return row ?? null;
}

export async function registrationOwner(db: DB, registrationId: number) {
  return db.selectFrom("registrations").select(["id", "participant_id", "manage_token_hash", "checked_in_at", "encounter_id"]).where("id", "=", registrationId).executeTakeFirst();
}

export async function certificatePdf(facts: CertificateFacts, appUrl: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const { regular, bold, printable } = await embedUnicodeFonts(pdf);
  pdf.setTitle(`Certificado de asistencia - ${facts.fullName}`);
  pdf.setSubject(`${facts.encounterTitle} (${facts.code})`);
  pdf.setAuthor("Convoca");
  pdf.setCreator("Convoca");
  const page = pdf.addPage([842, 595]); // A4 landscape
  const navy = rgb(0.043, 0.239, 0.431);
  const ink = rgb(0.1, 0.12, 0.16);
  page.drawRectangle({ x: 24, y: 24, width: 794, height: 547, borderColor: navy, borderWidth: 3 });
  page.drawRectangle({ x: 24, y: 540, width: 794, height: 31, color: navy });
  page.drawText("Convoca · Encuentros de las ciudades capitales de Colombia", { x: 44, y: 551, size: 12, font: bold, color: rgb(1, 1, 1) });

  const centered = (text: string, y: number, size: number, font = regular, color = ink) => {
    const lines = wrap(printable(text), font, size, 700);
    lines.forEach((line, i) => page.drawText(line, { x: (842 - font.widthOfTextAtSize(line, size)) / 2, y: y - i * (size + 6), size, font, color }));
    return y - lines.length * (size + 6);
  };
  let y = centered("CERTIFICADO DE ASISTENCIA", 480, 26, bold, navy);
  y = centered("Se certifica que", y - 14, 14);
  y = centered(facts.fullName, y - 8, 24, bold);
  y = centered(`${facts.entity} · ${facts.city}`, y - 4, 13);
  y = centered("asistió al", y - 10, 14);
  y = centered(facts.encounterTitle, y - 6, 16, bold);
  centered(`realizado el ${formatDate(facts.startsAt, facts.timezone, "es")}${facts.venue ? ` en ${facts.venue}` : ""}.`, y - 6, 13);

  page.drawText(`Código de verificación: ${facts.code}`, { x: 44, y: 60, size: 12, font: bold, color: ink });
  page.drawText(printable(`Verifíquelo en ${appUrl}/verificar/${facts.code}`), { x: 44, y: 42, size: 10, font: regular, color: ink });
  return pdf.save();
}

function wrap(text: string, font: { widthOfTextAtSize: (t: string, s: number) => number }, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) > maxWidth && line) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

export function certificateFileName(facts: Pick<CertificateFacts, "fullName" | "code">): string {
  const base = facts.fullName.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^\w]+/g, "-").replace(/^-|-$/g, "");
  return `certificado-${base || "asistente"}-${facts.code}.pdf`;
}

/** Every checked-in person's certificate in one ZIP (stored, not compressed: PDFs are already compact). */
export async function certificatesZip(db: DB, encounterId: number, appUrl: string): Promise<{ zip: Uint8Array; count: number }> {
  // One read of every attendee with their facts, codes issued in one insert to those without.
  const attendees = () =>
    certificateQuery(db).where("registrations.encounter_id", "=", encounterId).where("registrations.checked_in_at", "is not", null).orderBy("registrations.id").execute();
  let rows = await attendees();
  const missing = rows.filter((r) => !r.code);
  for (let i = 0; i < missing.length; i += 500) {
    const values = missing.slice(i, i + 500).map((r) => ({ registration_id: r.registrationId, code: newCertificateCode() }));
    await db.insertInto("certificates").values(values).onConflict((oc) => oc.column("registration_id").doNothing()).execute();
  }
  if (missing.length > 0) rows = await attendees();
  const files: Record<string, Uint8Array> = {};
  const unmade: string[] = [];
  for (const row of rows) {
    const facts = { ...row, code: row.code! };
    // One person's certificate that cannot be made never costs the others theirs: the ZIP
    // says who is missing, and the server log says why.
    try {
      files[certificateFileName(facts)] = await certificatePdf(facts, appUrl);
    } catch (error) {
      console.error(`certificate of registration ${row.registrationId} not made:`, error);
      unmade.push(`${row.fullName} (${facts.code})`);
    }
  }
  const count = Object.keys(files).length;
  if (unmade.length > 0) files["certificados-no-generados.txt"] = new TextEncoder().encode(`Certificados que no se pudieron generar:\r\n${unmade.join("\r\n")}\r\n`);
  return { zip: zipSync(files, { level: 0 }), count };
}
