import { deflateSync } from "node:zlib";
import { Zip, ZipPassThrough } from "fflate";
import {
  degrees,
  fill,
  JpegEmbedder,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingRgbColor,
  PDFImage,
  PngEmbedder,
  rgb,
  type PDFContext,
  type PDFFont,
  type PDFPage,
  type PDFRef,
} from "pdf-lib";
import QRCode from "qrcode";
import { certificateFileName, fitInto, formatHours, type CertificateFacts } from "~/features/certificates/rules";
import { plural, format } from "~/i18n/index";
import { messagesFor } from "~/i18n/catalog.server";
import { formatDate } from "~/lib/time";
import { embedUnicodeFonts } from "~/server/pdf-fonts.server";

// Attendance certificates as files: a one-page PDF per checked-in person, in their language,
// with the institutions' logos, the signatories, the hours and a QR code to /verificar/:code;
// and all of an encounter's in one ZIP streamed as it is made, one person at a time.

/** An image ready for any number of PDFs: decoded and compressed once, copied into each. */
export interface PreparedImage {
  width: number;
  height: number;
  embedInto(pdf: PDFDocument): PDFImage;
}

export interface CertificateDesign {
  textEs: string;
  textEn: string;
  showHours: boolean;
  logos: Array<{ institution: string; image: PreparedImage }>;
  signatories: Array<{ name: string; title: string; signature: PreparedImage | null }>;
}

/** The certificate without anything organizers set: Convoca's header, no signatories, hours stated. */
export const standardDesign: CertificateDesign = { textEs: "", textEn: "", showHours: true, logos: [], signatories: [] };

// pdf-lib decodes a PNG and compresses its pixels again for each document that embeds it; for
// a ZIP of hundreds that is most of the work. This does it once and hands each document the
// compressed streams.
type ImageEmbedder = { width: number; height: number; embedIntoContext(context: PDFContext, ref?: PDFRef): Promise<PDFRef> };

function prepared(embedder: ImageEmbedder): PreparedImage {
  return {
    width: embedder.width,
    height: embedder.height,
    embedInto(pdf) {
      const image = PDFImage.of(pdf.context.nextRef(), pdf, embedder as never);
      // What PDFDocument#embedPng does after decoding: the document embeds it when saved.
      (pdf as unknown as { images: PDFImage[] }).images.push(image);
      return image;
    },
  };
}

export async function prepareImage(bytes: Uint8Array, type: "image/png" | "image/jpeg"): Promise<PreparedImage> {
  if (type === "image/jpeg") return prepared(await JpegEmbedder.for(bytes)); // embedded as it is (DCT)
  const png = (await PngEmbedder.for(bytes)) as unknown as {
    image: { rgbChannel: Uint8Array; alphaChannel?: Uint8Array; bitsPerComponent: number; width: number; height: number };
  };
  const { width, height, bitsPerComponent } = png.image;
  const rgbData = deflateSync(png.image.rgbChannel);
  const alphaData = png.image.alphaChannel ? deflateSync(png.image.alphaChannel) : null;
  // PDFImage takes only pdf-lib's own embedders: this one is a PngEmbedder whose embedding
  // copies the streams compressed above.
  const embedder = Object.create(PngEmbedder.prototype) as ImageEmbedder;
  return prepared(
    Object.assign(embedder, {
      width,
      height,
      async embedIntoContext(context: PDFContext, ref?: PDFRef) {
        const common = { Type: "XObject", Subtype: "Image", Width: width, Height: height, BitsPerComponent: bitsPerComponent, Filter: "FlateDecode" };
        const sMask = alphaData ? context.register(context.stream(alphaData, { ...common, ColorSpace: "DeviceGray", Decode: [0, 1] })) : undefined;
        const xObject = context.stream(rgbData, { ...common, ColorSpace: "DeviceRGB", SMask: sMask });
        if (ref) {
          context.assign(ref, xObject);
          return ref;
        }
        return context.register(xObject);
      },
    }),
  );
}

export interface CertificateOptions {
  appUrl: string;
  design?: CertificateDesign;
  /** The person's hours attended (hoursAttended); stated only when the design says so. */
  hours?: number | null;
  /** A sample for the organizers: marked as a preview, not valid. */
  preview?: boolean;
}

const width = 842; // A4 landscape
const height = 595;
const navy = rgb(0.043, 0.239, 0.431);
const ink = rgb(0.1, 0.12, 0.16);
const muted = rgb(0.35, 0.38, 0.42);

export async function certificatePdf(facts: CertificateFacts, options: CertificateOptions): Promise<Uint8Array> {
  const design = options.design ?? standardDesign;
  const locale = facts.locale === "en" ? "en" : "es";
  const t = messagesFor(locale).certificates.pdf;
  const pdf = await PDFDocument.create();
  // pdf-lib compresses the font subsets with pako, in JavaScript; node's zlib does the same
  // deflate natively, several times faster.
  pdf.context.flateStream = (contents, dict = {}) => pdf.context.stream(deflateSync(contents as Uint8Array), { ...dict, Filter: "FlateDecode" });
  const { regular, bold, printable } = await embedUnicodeFonts(pdf);
  faceOf.set(regular, "regular");
  faceOf.set(bold, "bold");
  pdf.setTitle(`${locale === "en" ? "Certificate of attendance" : "Certificado de asistencia"} - ${printable(facts.fullName)}`);
  pdf.setSubject(`${facts.encounterTitle} (${facts.code})`);
  pdf.setAuthor(design.logos.map((l) => l.institution).join(", ") || "Convoca");
  pdf.setCreator("Convoca");
  pdf.setLanguage(locale === "en" ? "en" : "es-CO");
  const page = pdf.addPage([width, height]);
  page.drawRectangle({ x: 24, y: 24, width: width - 48, height: height - 48, borderColor: navy, borderWidth: 3 });

  let top = 500;
  if (design.logos.length > 0) drawLogos(page, pdf, design.logos);
  else {
    page.drawRectangle({ x: 24, y: 540, width: width - 48, height: 31, color: navy });
    page.drawText(printable(t.header), { x: 44, y: 551, size: 12, font: bold, color: rgb(1, 1, 1) });
    top = 480;
  }

  const centered = (text: string, y: number, size: number, font = regular, color = ink, maxLines = 3) => {
    const lines = wrap(printable(text), font, size, 700).slice(0, maxLines);
    lines.forEach((line, i) => page.drawText(line.text, { x: (width - line.width) / 2, y: y - i * (size + 6), size, font, color }));
    return y - lines.length * (size + 6);
  };
  const hours = design.showHours && options.hours ? plural(locale, t.hours, Number(options.hours), { count: formatHours(options.hours, locale) }) : "";
  const held = `${format(t.heldOn, { date: formatDate(facts.startsAt, facts.timezone, locale) })}${facts.venue ? format(t.at, { venue: facts.venue }) : ""}${hours}.`;
  const compact = design.signatories.length > 0;
  let y = centered(t.title, top - (compact ? 10 : 0), 24, bold, navy);
  y = centered(t.certifies, y - (compact ? 6 : 12), 13);
  y = centered(facts.fullName, y - 6, 22, bold, ink, 2);
  y = centered(`${facts.entity} · ${facts.city}`, y - 2, 12, regular, ink, 2);
  y = centered(t.attended, y - 6, 13);
  y = centered(facts.encounterTitle, y - 4, 15, bold, ink, 2);
  y = centered(held, y - 4, 12);
  const text = (locale === "en" ? design.textEn.trim() || design.textEs : design.textEs).trim();
  if (text) centered(text, y - 6, 11, regular, muted, compact ? 3 : 5);

  if (compact) drawSignatories(page, pdf, design.signatories, { regular, bold, printable });

  const url = `${options.appUrl}/verificar/${facts.code}`;
  page.drawText(printable(format(t.code, { code: facts.code })), { x: 44, y: 56, size: 11, font: bold, color: ink });
  page.drawText(printable(format(t.verifyAt, { url })), { x: 44, y: 40, size: 9, font: regular, color: ink });
  drawQr(page, url, { x: width - 44 - 64, y: 34, size: 64 });
  if (options.preview) {
    // A watermark across the page: a preview is never mistaken for a certificate.
    const mark = printable(t.preview);
    const size = 44;
    page.drawText(mark, { x: 150, y: 130, size, font: bold, color: rgb(0.75, 0.1, 0.1), opacity: 0.18, rotate: degrees(22) });
  }
  return pdf.save();
}

function drawLogos(page: PDFPage, pdf: PDFDocument, logos: CertificateDesign["logos"]) {
  const gap = 28;
  const boxes = logos.map((logo) => ({ image: logo.image.embedInto(pdf), ...fitInto(logo.image.width, logo.image.height, 150, 56) }));
  const total = boxes.reduce((sum, box) => sum + box.width, 0) + gap * (boxes.length - 1);
  let x = (width - total) / 2;
  for (const box of boxes) {
    page.drawImage(box.image, { x, y: 512 + (56 - box.height) / 2, width: box.width, height: box.height });
    x += box.width + gap;
  }
}

function drawSignatories(
  page: PDFPage,
  pdf: PDFDocument,
  signatories: CertificateDesign["signatories"],
  fonts: { regular: PDFFont; bold: PDFFont; printable: (s: string) => string },
) {
  const column = 220;
  const gap = 30;
  const total = signatories.length * column + (signatories.length - 1) * gap;
  signatories.forEach((signatory, i) => {
    const left = (width - total) / 2 + i * (column + gap);
    const lineY = 122;
    if (signatory.signature) {
      const box = fitInto(signatory.signature.width, signatory.signature.height, 170, 46);
      page.drawImage(signatory.signature.embedInto(pdf), { x: left + (column - box.width) / 2, y: lineY + 2, width: box.width, height: box.height });
    }
    page.drawLine({ start: { x: left + 10, y: lineY }, end: { x: left + column - 10, y: lineY }, thickness: 0.8, color: ink });
    const lines = [
      ...wrap(fonts.printable(signatory.name), fonts.bold, 10, column)
        .slice(0, 2)
        .map((line) => ({ ...line, font: fonts.bold, size: 10 })),
      ...wrap(fonts.printable(signatory.title), fonts.regular, 9, column)
        .slice(0, 2)
        .map((line) => ({ ...line, font: fonts.regular, size: 9 })),
    ];
    let y = lineY - 14;
    for (const { text, width: lineWidth, font, size } of lines) {
      page.drawText(text, { x: left + (column - lineWidth) / 2, y, size, font, color: ink });
      y -= size + 3;
    }
  });
}

/** The QR code of the verification address, drawn as one filled path of squares (no image). */
function drawQr(page: PDFPage, text: string, at: { x: number; y: number; size: number }) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const cell = at.size / modules.size;
  const ops = [pushGraphicsState(), setFillingRgbColor(0, 0, 0)];
  for (let row = 0; row < modules.size; row++) {
    // One rectangle per run of dark modules in a row.
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      ops.push(rectangle(at.x + start * cell, at.y + at.size - (row + 1) * cell, (col - start) * cell, cell));
    }
  }
  page.pushOperators(...ops, fill(), popGraphicsState());
}

// Shaping a text to measure it is most of a certificate's time; a word's width at size 1 is
// the same in every document (the faces are parsed once), so it is measured once per process.
const wordWidths = new Map<string, number>();
type Measured = { widthOfTextAtSize: (t: string, s: number) => number };
/** Which of the two faces a font is (its width cache key): pdf-lib names each subset anew. */
const faceOf = new WeakMap<Measured, string>();

function wordWidth(font: Measured, word: string, size: number): number {
  const key = `${faceOf.get(font) ?? "?"}\u0000${word}`;
  let width = wordWidths.get(key);
  if (width === undefined) {
    if (wordWidths.size > 50_000) wordWidths.clear();
    width = font.widthOfTextAtSize(word, 1);
    wordWidths.set(key, width);
  }
  return width * size;
}

/** The text in lines of at most maxWidth, each with its width. */
function wrap(text: string, font: Measured, size: number, maxWidth: number): Array<{ text: string; width: number }> {
  const lines: Array<{ text: string; width: number }> = [];
  const space = wordWidth(font, " ", size);
  let line = "";
  let lineWidth = 0;
  for (const word of text.split(/\s+/)) {
    if (!word) continue;
    const width = wordWidth(font, word, size);
    if (line && lineWidth + space + width > maxWidth) {
      lines.push({ text: line, width: lineWidth });
      line = word;
      lineWidth = width;
    } else {
      line = line ? `${line} ${word}` : word;
      lineWidth += (lineWidth ? space : 0) + width;
    }
  }
  if (line) lines.push({ text: line, width: lineWidth });
  return lines;
}

/**
 * Every checked-in person's certificate in one ZIP (stored, not compressed: PDFs are already
 * compact), streamed: one person's PDF is made when the reader asks for more, written out and
 * let go, so memory stays that of one certificate whatever the number of people.
 */
export function certificatesZipStream(
  attendees: readonly CertificateFacts[],
  render: (facts: CertificateFacts) => Promise<Uint8Array>,
): ReadableStream<Uint8Array> {
  const unmade: string[] = [];
  let next = 0;
  let ended = false;
  let zip: Zip;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        zip = new Zip((error, chunk, final) => {
          if (error) return controller.error(error);
          controller.enqueue(chunk);
          if (final) controller.close();
        });
      },
      async pull() {
        while (next < attendees.length) {
          const facts = attendees[next++];
          // One person's certificate that cannot be made never costs the others theirs: the
          // ZIP says who is missing, and the server log says why.
          try {
            addFile(zip, certificateFileName(facts), await render(facts));
            return;
          } catch (error) {
            console.error(`certificate of registration ${facts.registrationId} not made:`, error);
            unmade.push(`${facts.fullName} (${facts.code})`);
          }
        }
        if (ended) return;
        ended = true;
        if (unmade.length > 0)
          addFile(zip, "certificados-no-generados.txt", new TextEncoder().encode(`Certificados que no se pudieron generar:\r\n${unmade.join("\r\n")}\r\n`));
        zip.end();
      },
    },
    { highWaterMark: 1 },
  );
}

function addFile(zip: Zip, name: string, bytes: Uint8Array) {
  const file = new ZipPassThrough(name);
  zip.add(file);
  file.push(bytes, true);
}
