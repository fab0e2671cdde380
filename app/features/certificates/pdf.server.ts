import { zipSync } from "fflate";
import { PDFDocument, rgb } from "pdf-lib";
import { certificateFileName, type CertificateFacts } from "~/features/certificates/rules";
import { formatDate } from "~/lib/time";
import { embedUnicodeFonts } from "~/server/pdf-fonts.server";

// Attendance certificates as files: a one-page PDF per checked-in person, and all of an
// encounter's in one ZIP.

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

/** Every checked-in person's certificate in one ZIP (stored, not compressed: PDFs are already compact). */
export async function certificatesZip(attendees: CertificateFacts[], appUrl: string): Promise<{ zip: Uint8Array; count: number }> {
  const files: Record<string, Uint8Array> = {};
  const unmade: string[] = [];
  for (const facts of attendees) {
    // One person's certificate that cannot be made never costs the others theirs: the ZIP
    // says who is missing, and the server log says why.
    try {
      files[certificateFileName(facts)] = await certificatePdf(facts, appUrl);
    } catch (error) {
      console.error(`certificate of registration ${facts.registrationId} not made:`, error);
      unmade.push(`${facts.fullName} (${facts.code})`);
    }
  }
  const count = Object.keys(files).length;
  if (unmade.length > 0)
    files["certificados-no-generados.txt"] = new TextEncoder().encode(`Certificados que no se pudieron generar:\r\n${unmade.join("\r\n")}\r\n`);
  return { zip: zipSync(files, { level: 0 }), count };
}
