import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getEnv } from "~/server/env.server";
import { multipartBoundary, splitParams } from "~/server/multipart.server";
import { cleanFileName, keepUpload, receiveUpload, sniffKind, typeFor } from "~/server/uploads.server";
import { filesUnder, multipartBody, multipartRequest, pdfBytes, sha256Hex, streamedRequest, testBoundary } from "../helpers/multipart";

const uploadsDir = () => getEnv().uploadsDir;
const url = "/admin/materiales";

describe("multipart reading", () => {
  it("reads the boundary and quoted parameters, semicolons and equals signs included", () => {
    expect(multipartBoundary(`multipart/form-data; boundary=${testBoundary}`)).toBe(testBoundary);
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe("a b");
    expect(multipartBoundary("application/x-www-form-urlencoded")).toBeNull();
    expect(multipartBoundary("multipart/form-data")).toBeNull();
    expect(splitParams('form-data; name="file"; filename="a;b=c %22d%22.pdf"; x=1')).toEqual([
      "form-data",
      ["name", "file"],
      ["filename", "a;b=c %22d%22.pdf"],
      ["x", "1"],
    ]);
    expect(splitParams('form-data; name="f"; filename="C:\\fakepath\\a.pdf"')[2]).toEqual(["filename", "C:\\fakepath\\a.pdf"]);
  });

  it("receives fields and a file whatever the chunk sizes, with size and SHA-256", async () => {
    const pdf = pdfBytes("Guía de prueba", 5000);
    const parts = [
      { name: "title", value: "Guía PDT — versión 2" },
      { name: "file", filename: "Guía PDT; versión=2.pdf", content: pdf, contentType: "text/html" },
      { name: "after", value: "último" },
    ];
    for (const chunkSize of [undefined, 1, 7, 61, 4096]) {
      const outcome = await receiveUpload(multipartRequest(url, parts, { chunkSize }), { field: "file" });
      expect(outcome.ok, `chunk ${chunkSize}`).toBe(true);
      if (!outcome.ok || !outcome.file) throw new Error("no file");
      expect(outcome.fields.get("title")).toBe("Guía PDT — versión 2");
      expect(outcome.fields.get("after")).toBe("último");
      expect(outcome.file.originalName).toBe("Guía PDT; versión=2.pdf");
      // The browser said text/html; the bytes say PDF.
      expect(outcome.file.contentType).toBe("application/pdf");
      expect(outcome.file.size).toBe(pdf.length);
      expect(outcome.file.sha256).toBe(sha256Hex(pdf));
      expect(fs.readFileSync(outcome.file.path).equals(pdf)).toBe(true);
      // Stored under its random key, outside public/, named by nothing the person chose.
      expect(path.basename(outcome.file.path)).toBe(outcome.file.key);
      expect(outcome.file.path.startsWith(uploadsDir())).toBe(true);
      fs.rmSync(outcome.file.path);
    }
    expect(filesUnder(path.join(uploadsDir(), "tmp"))).toEqual([]);
  });

  it("decodes an RFC 5987 filename* and prefers it", async () => {
    const outcome = await receiveUpload(
      multipartRequest(url, [
        {
          name: "file",
          filename: "",
          content: pdfBytes(),
          rawDisposition: `form-data; name="file"; filename="x.pdf"; filename*=UTF-8''Gu%C3%ADa%20a%C3%B1o.pdf`,
        },
      ]),
      { field: "file" },
    );
    expect(outcome.ok && outcome.file?.originalName).toBe("Guía año.pdf");
  });
});

describe("upload refusals", () => {
  async function refusal(parts: Parameters<typeof multipartRequest>[1], options: { maxBytes?: number } = {}) {
    const before = filesUnder(uploadsDir()).length;
    const outcome = await receiveUpload(multipartRequest(url, parts, { chunkSize: 1000 }), { field: "file", ...options });
    // Nothing is left on disk after a refusal.
    expect(filesUnder(uploadsDir()).length).toBe(before);
    return outcome.ok ? "ok" : outcome.error;
  }

  it("refuses a forbidden type renamed .pdf, HTML and SVG with script, and an empty file", async () => {
    const exe = Buffer.concat([Buffer.from("MZ\x90\x00", "latin1"), Buffer.alloc(2000)]);
    expect(await refusal([{ name: "file", filename: "guia.pdf", content: exe, contentType: "application/pdf" }])).toBe("type");
    const html = Buffer.from("<!doctype html><script>alert(document.cookie)</script>");
    expect(await refusal([{ name: "file", filename: "guia.pdf", content: html, contentType: "application/pdf" }])).toBe("type");
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect(await refusal([{ name: "file", filename: "logo.png", content: svg, contentType: "image/png" }])).toBe("type");
    // A PDF signature hidden after a little padding is not a PDF either.
    expect(await refusal([{ name: "file", filename: "a.pdf", content: Buffer.concat([Buffer.from("  "), pdfBytes()]) }])).toBe("type");
    expect(await refusal([{ name: "file", filename: "vacío.pdf", content: Buffer.alloc(0) }])).toBe("empty");
    expect(await refusal([{ name: "file", filename: "tiny.pdf", content: Buffer.from("%PD") }])).toBe("type");
  });

  it("refuses names with a path, a NUL byte, control or bidi characters, or 500 characters", async () => {
    const pdf = pdfBytes();
    expect(await refusal([{ name: "file", filename: "../../etc/passwd.pdf", content: pdf }])).toBe("name");
    expect(await refusal([{ name: "file", filename: "..\\..\\boot.ini.pdf", content: pdf }])).toBe("name");
    expect(await refusal([{ name: "file", filename: "guia\u0000.pdf", content: pdf }])).toBe("name");
    expect(await refusal([{ name: "file", filename: "factura\u202Efdp.exe", content: pdf }])).toBe("name");
    expect(await refusal([{ name: "file", filename: `${"a".repeat(500)}.pdf`, content: pdf }])).toBe("name");
    expect(await refusal([{ name: "file", filename: "..", content: pdf }])).toBe("name");
    expect(cleanFileName("  Guía PDT.pdf ")).toBe("Guía PDT.pdf");
  });

  it("refuses a legacy Office container without an Office extension (an .msi is one too)", async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1000)]);
    expect(await refusal([{ name: "file", filename: "setup.msi", content: ole }])).toBe("type");
    const ok = await receiveUpload(multipartRequest(url, [{ name: "file", filename: "acta.doc", content: ole }]), { field: "file" });
    expect(ok.ok && ok.file?.contentType).toBe("application/msword");
  });

  it("names a file by what it is: a PDF called .html gets .pdf added; a .docx zip keeps its name", () => {
    expect(typeFor("pdf", "informe.html")).toEqual({ contentType: "application/pdf", name: "informe.html.pdf" });
    expect(typeFor("zip", "Plan.DOCX")?.contentType).toMatch(/wordprocessingml/);
    expect(typeFor("zip", "app.jar")?.name).toBe("app.jar.zip");
    expect(sniffKind(Buffer.from("RIFF\x00\x00\x00\x00WEBPVP8 ", "latin1"))).toBe("webp");
    expect(sniffKind(Buffer.from("RIFF\x00\x00\x00\x00WAVEfmt ", "latin1"))).toBeNull();
  });

  it("refuses a missing file, two files, a form that is not multipart, and a broken body", async () => {
    expect(await refusal([{ name: "title", value: "Sin archivo" }])).toBe("missing");
    expect(await refusal([{ name: "file", filename: "", content: Buffer.alloc(0) }])).toBe("missing");
    const pdf = pdfBytes();
    expect(
      await refusal([
        { name: "file", filename: "a.pdf", content: pdf },
        { name: "file", filename: "b.pdf", content: pdf },
      ]),
    ).toBe("tooMany");
    const optional = await receiveUpload(multipartRequest(url, [{ name: "note", value: "x" }]), { field: "file", required: false });
    expect(optional).toMatchObject({ ok: true, file: null });

    const urlencoded = new Request("http://localhost/x", { method: "POST", body: new URLSearchParams({ a: "b" }) });
    expect(await receiveUpload(urlencoded, { field: "file" })).toMatchObject({ ok: false, error: "notMultipart" });
    const truncated = multipartBody([{ name: "file", filename: "a.pdf", content: pdf }]).subarray(0, 400);
    const broken = new Request("http://localhost/x", {
      method: "POST",
      headers: { "Content-Type": `multipart/form-data; boundary=${testBoundary}` },
      body: new Uint8Array(truncated),
    });
    expect(await receiveUpload(broken, { field: "file" })).toMatchObject({ ok: false, error: "malformed" });
    expect(filesUnder(uploadsDir()).filter((f) => f.file.endsWith(".part"))).toEqual([]);
  });

  it("stops an oversize file while it streams: the temporary file never passes the limit", async () => {
    const maxBytes = 64 * 1024;
    const big = Buffer.concat([pdfBytes("grande", 1000), Buffer.alloc(1024 * 1024, 0x41)]);
    const body = multipartBody([
      { name: "title", value: "Grande" },
      { name: "file", filename: "grande.pdf", content: big },
    ]);
    let largestTemp = 0;
    let pulls = 0;
    const request = streamedRequest(url, body, 16 * 1024, { "Content-Type": `multipart/form-data; boundary=${testBoundary}` }, () => {
      pulls++;
      for (const f of filesUnder(path.join(uploadsDir(), "tmp"))) largestTemp = Math.max(largestTemp, f.size);
    });
    const outcome = await receiveUpload(request, { field: "file", maxBytes });
    expect(outcome).toMatchObject({ ok: false, error: "tooLarge", maxBytes });
    expect(pulls).toBeGreaterThan(4); // it was streaming, not handed a buffer
    expect(largestTemp).toBeGreaterThan(0);
    expect(largestTemp).toBeLessThanOrEqual(maxBytes);
    expect(filesUnder(uploadsDir()).filter((f) => f.file.endsWith(".part"))).toEqual([]);
    // The fields read before the file are kept, to show the form again.
    expect(outcome.fields.get("title")).toBe("Grande");
  });

  it("refuses a body declared far over the limit before reading it", async () => {
    let pulls = 0;
    const body = multipartBody([{ name: "file", filename: "a.pdf", content: pdfBytes() }]);
    const request = streamedRequest(
      url,
      body,
      256,
      { "Content-Type": `multipart/form-data; boundary=${testBoundary}`, "Content-Length": String(500 * 1024 * 1024) },
      () => pulls++,
    );
    expect(await receiveUpload(request, { field: "file", maxBytes: 1024 * 1024 })).toMatchObject({ ok: false, error: "tooLarge" });
    expect(pulls).toBeLessThanOrEqual(1);
  });

  it("keepUpload removes the file when the writes that name it fail", async () => {
    const outcome = await receiveUpload(multipartRequest(url, [{ name: "file", filename: "a.pdf", content: pdfBytes() }]), { field: "file" });
    if (!outcome.ok || !outcome.file) throw new Error("expected a file");
    const file = outcome.file;
    expect(fs.existsSync(file.path)).toBe(true);
    await expect(keepUpload(file, async () => Promise.reject(new Error("db down")))).rejects.toThrow("db down");
    expect(fs.existsSync(file.path)).toBe(false);
  });
});
