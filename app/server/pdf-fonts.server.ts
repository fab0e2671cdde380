import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import fontkit from "@pdf-lib/fontkit";
import type { PDFDocument, PDFFont } from "pdf-lib";

// pdf-lib's standard fonts encode WinAnsi only: a Vietnamese, Cyrillic or emoji name makes them
// throw. Certificates embed DejaVu Sans instead (Latin with Vietnamese, Greek, Cyrillic; the
// npm package dejavu-fonts-ttf, under its free licence), subset to the letters used so each PDF
// stays small. What the font cannot draw (most emoji, CJK) is dropped rather than failing the PDF.

const fontFile = (name: string) => createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}`);

interface FontData {
  regular: Uint8Array;
  bold: Uint8Array;
  covers: (codePoint: number) => boolean;
  /** fontkit with the two faces parsed once: pdf-lib asks it to parse the bytes for each PDF. */
  parsed: typeof fontkit;
}

let cached: FontData | undefined;
function fontData(): FontData {
  if (!cached) {
    const regular = readFileSync(fontFile("DejaVuSans.ttf"));
    const bold = readFileSync(fontFile("DejaVuSans-Bold.ttf"));
    const faces = [fontkit.create(regular), fontkit.create(bold)].map(memoizeLayout);
    // Parsing DejaVu is most of a certificate's time; a parsed face is read-only to pdf-lib
    // (each PDF makes its own subset of it), so one parse serves every PDF of the process.
    const parsed = {
      ...fontkit,
      create: (data: Uint8Array, postscriptName?: string) => (data === regular ? faces[0] : data === bold ? faces[1] : fontkit.create(data, postscriptName)),
    };
    cached = { regular, bold, covers: (codePoint) => faces.every((face) => face.hasGlyphForCodePoint(codePoint)), parsed: parsed as typeof fontkit };
  }
  return cached;
}

/**
 * Shaping (fontkit's layout) is the largest part of a certificate's time, and most of what a
 * certificate says is the same for everyone of an encounter: the face remembers the last few
 * thousand texts it shaped. pdf-lib reads a glyph run and never changes it.
 */
function memoizeLayout<F extends { layout: (...args: never[]) => unknown }>(face: F): F {
  const layout = face.layout.bind(face) as (text: string, features?: unknown) => unknown;
  const runs = new Map<string, unknown>();
  (face as { layout: unknown }).layout = (text: string, features?: unknown) => {
    const key = `${JSON.stringify(features ?? null)}\u0000${text}`;
    let run = runs.get(key);
    if (run === undefined) {
      if (runs.size >= 5_000) runs.clear();
      run = layout(text, features);
      runs.set(key, run);
    }
    return run;
  };
  return face;
}

export interface UnicodeFonts {
  regular: PDFFont;
  bold: PDFFont;
  /** The text as it can be drawn: composed letters, without characters the font lacks. */
  printable: (text: string) => string;
}

export async function embedUnicodeFonts(pdf: PDFDocument): Promise<UnicodeFonts> {
  const data = fontData();
  pdf.registerFontkit(data.parsed);
  // No ligatures: a reader copying or searching the text then finds "fi", not a ligature glyph.
  const features = { liga: false, rlig: false, clig: false, dlig: false };
  const [regular, bold] = await Promise.all([pdf.embedFont(data.regular, { subset: true, features }), pdf.embedFont(data.bold, { subset: true, features })]);
  // Joiners and variation selectors only mean something to a shaping engine, which pdf-lib is
  // not: without them an emoji sequence falls apart into the pieces the font has, if any.
  const printable = (text: string) =>
    Array.from(text.normalize("NFC").replace(/[\p{Cf}\uFE00-\uFE0F]/gu, ""))
      .filter((char) => /\s/.test(char) || data.covers(char.codePointAt(0)!))
      .join("")
      .replace(/\s+/g, " ")
      .trim();
  return { regular, bold, printable };
}
