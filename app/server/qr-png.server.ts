import { deflateSync } from "node:zlib";
import QRCode from "qrcode";

// A QR code as a PNG: qrcode lays out the modules (and picks the mask), this writes the image.
// qrcode's own PNG output goes through pngjs, eight bits per pixel in streams: about 3 ms of a
// registration's 4. One bit per pixel, black on white, compressed at once: a twentieth of that,
// and a smaller file. The registration mail carries one per confirmed person.

export interface QrPngOptions {
  errorCorrectionLevel: QRCode.QRCodeErrorCorrectionLevel;
  /** Quiet zone around the code, in modules. */
  margin: number;
  /** Pixels per module. */
  scale: number;
}

export function qrPng(text: string, options: QrPngOptions): Buffer {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: options.errorCorrectionLevel });
  const side = (modules.size + 2 * options.margin) * options.scale;
  const rowBytes = Math.ceil(side / 8);
  // Each row: filter byte 0 (none), then the pixels, 1 bit each, most significant first; 1 is white.
  const raw = Buffer.alloc((rowBytes + 1) * side, 0);
  const cells = modules.size + 2 * options.margin;
  for (let cy = 0; cy < cells; cy++) {
    // One row of pixels per row of modules, then copied down `scale` times.
    const first = cy * options.scale * (rowBytes + 1);
    const my = cy - options.margin;
    for (let cx = 0; cx < cells; cx++) {
      const mx = cx - options.margin;
      const dark = my >= 0 && mx >= 0 && my < modules.size && mx < modules.size && modules.get(my, mx) === 1;
      if (dark) continue;
      for (let x = cx * options.scale; x < (cx + 1) * options.scale; x++) raw[first + 1 + (x >> 3)] |= 0x80 >> (x & 7);
    }
    for (let k = 1; k < options.scale; k++) raw.copy(raw, first + k * (rowBytes + 1), first, first + rowBytes + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, grayscale, deflate, no filter method, no interlace
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

// CRC-32 (ISO 3309, as PNG asks) by table; zlib.crc32 came only with Node 20.15.
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
