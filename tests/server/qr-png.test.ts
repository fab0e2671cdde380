import { crc32, inflateSync } from "node:zlib";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { qrPng } from "~/server/qr-png.server";

// The check-in QR of the confirmation mail is written by our own small PNG encoder: read back
// here with Node's zlib, every chunk's CRC checks and every module is the colour qrcode laid out.

function readPng(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length), type).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    chunks.push({ type, data });
    at += 12 + length;
  }
  expect(chunks.map((c) => c.type)).toEqual(["IHDR", "IDAT", "IEND"]);
  const header = chunks[0].data;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  expect([...header.subarray(8)]).toEqual([1, 0, 0, 0, 0]); // 1 bit, grayscale, deflate, filter 0, no interlace
  const raw = inflateSync(chunks[1].data);
  const rowBytes = Math.ceil(width / 8);
  expect(raw.length).toBe(height * (rowBytes + 1));
  const white = (x: number, y: number) => {
    expect(raw[y * (rowBytes + 1)]).toBe(0); // no row filter
    return (raw[y * (rowBytes + 1) + 1 + (x >> 3)] & (0x80 >> (x & 7))) !== 0;
  };
  return { width, height, white };
}

describe("qrPng", () => {
  it("draws the modules qrcode lays out, with the quiet zone, at the scale asked", () => {
    const text = "https://convoca.example.org/admin/encuentros/seguimiento/acreditacion?codigo=K7QXM-2PA9R";
    const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
    const margin = 2;
    const scale = 4;
    const png = readPng(qrPng(text, { errorCorrectionLevel: "M", margin, scale }));
    expect(png.width).toBe((modules.size + 2 * margin) * scale);
    expect(png.height).toBe(png.width);
    for (let y = 0; y < png.height; y++) {
      for (let x = 0; x < png.width; x++) {
        const [my, mx] = [Math.floor(y / scale) - margin, Math.floor(x / scale) - margin];
        const inside = my >= 0 && mx >= 0 && my < modules.size && mx < modules.size;
        expect(png.white(x, y), `${x},${y}`).toBe(!inside || modules.get(my, mx) === 0);
      }
    }
  });

  it("draws a code whose rows do not end on a whole byte", () => {
    // 21 modules (version 1) + 2 × 1 of margin, scale 3: 69 pixels, 9 bytes a row.
    const png = readPng(qrPng("A", { errorCorrectionLevel: "L", margin: 1, scale: 3 }));
    expect(png.width).toBe(69);
    expect(png.white(0, 0)).toBe(true);
    expect(png.white(3, 3)).toBe(false); // the finder pattern's corner
  });
});
