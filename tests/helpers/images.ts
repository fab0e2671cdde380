import { simplePng } from "~db/seed/simple-png";

// Real image files for upload tests, made here rather than shipped: a PNG any decoder opens
// (RGBA, with an alpha channel), and the head of a JPEG (its frame header, which is all a PDF
// writer reads from it; it is embedded as it is).

/** A width × height RGBA PNG: a navy band on transparency (so it has an alpha channel). */
export const pngImage = (width = 120, height = 40): Buffer => simplePng(width, height);

/** The head of a baseline JPEG of width × height (SOI, APP0, SOF0, EOI). */
export function jpegImage(width = 300, height = 100): Buffer {
  return Buffer.from([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0,
    16,
    0x4a,
    0x46,
    0x49,
    0x46,
    0,
    1,
    1,
    0,
    0,
    1,
    0,
    1,
    0,
    0,
    0xff,
    0xc0,
    0,
    17,
    8,
    height >> 8,
    height & 255,
    width >> 8,
    width & 255,
    3,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
    0xff,
    0xd9,
  ]);
}

export const svgImage = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
export const gifImage = Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1");
