import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

// The text a PDF reader shows, as Mozilla's PDF.js extracts it (an independent reader, not the
// code that wrote the file): one line per line of text, pages in order.
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  let text = "";
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    for (const item of content.items) {
      if (!("str" in item)) continue;
      text += item.str + (item.hasEOL ? "\n" : "");
    }
    text += "\n";
  }
  await doc.destroy();
  return text;
}
