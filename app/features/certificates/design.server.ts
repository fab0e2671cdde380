import fs from "node:fs";
import type { DB } from "~db/client";
import { certificatePdf, certificatesZipStream, prepareImage, type CertificateDesign, type PreparedImage } from "~/features/certificates/pdf.server";
import { certificateLogos, certificateSettings, certificateSignatories, hoursAttended } from "~/features/certificates/queries.server";
import type { CertificateFacts } from "~/features/certificates/rules";
import { filePathForKey } from "~/server/storage.server";

// An encounter's certificate as organizers set it, with its images read from storage and made
// ready once; and the files made with it: one person's PDF, everyone's ZIP, the preview.

async function image(key: string, type: string, uploadsDir?: string): Promise<PreparedImage | null> {
  try {
    const bytes = await fs.promises.readFile(filePathForKey(key, uploadsDir));
    return await prepareImage(bytes, type === "image/jpeg" ? "image/jpeg" : "image/png");
  } catch (error) {
    // A file gone from storage (a restore without uploads) costs the certificate that image,
    // not the certificate.
    console.error(`certificate image ${key} not usable:`, error);
    return null;
  }
}

export async function loadCertificateDesign(db: DB, encounterId: number, uploadsDir?: string): Promise<CertificateDesign> {
  const [settings, logoRows, signatoryRows] = await Promise.all([
    certificateSettings(db, encounterId),
    certificateLogos(db, encounterId),
    certificateSignatories(db, encounterId),
  ]);
  const logos: CertificateDesign["logos"] = [];
  for (const row of logoRows) {
    const prepared = await image(row.file_key, row.content_type, uploadsDir);
    if (prepared) logos.push({ institution: row.institution, image: prepared });
  }
  const signatories: CertificateDesign["signatories"] = [];
  for (const row of signatoryRows) {
    const signature = row.signature_key && row.signature_type ? await image(row.signature_key, row.signature_type, uploadsDir) : null;
    signatories.push({ name: row.name, title: row.title, signature });
  }
  return { ...settings, logos, signatories };
}

/** One person's certificate with the encounter's design and their hours. */
export async function personalCertificatePdf(db: DB, facts: CertificateFacts & { encounterId: number }, appUrl: string): Promise<Uint8Array> {
  const design = await loadCertificateDesign(db, facts.encounterId);
  const hours = (await hoursAttended(db, facts.encounterId, [facts.registrationId])).get(facts.registrationId) ?? null;
  return certificatePdf(facts, { appUrl, design, hours });
}

/** Every attendee's certificate, as a ZIP streamed one person at a time. */
export async function encounterCertificatesZip(
  db: DB,
  encounterId: number,
  attendees: readonly CertificateFacts[],
  appUrl: string,
): Promise<ReadableStream<Uint8Array>> {
  const design = await loadCertificateDesign(db, encounterId);
  const hours = await hoursAttended(
    db,
    encounterId,
    attendees.map((a) => a.registrationId),
  );
  return certificatesZipStream(attendees, (facts) => certificatePdf(facts, { appUrl, design, hours: hours.get(facts.registrationId) ?? null }));
}
