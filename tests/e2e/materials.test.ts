import fs from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink";
import { assertChromium, launchBrowser, startApp, type RunningApp } from "./harness";
import { signInAsOrganizer } from "./helpers";

// An organizer uploads the guide for registered people and tells them by mail; a registered
// authority follows the link in the real mail and gets the file; an anonymous visitor finds the
// public guide; the organizer sees the receipt.

let app: RunningApp;
let browser: Browser;
let sink: SmtpSink;
const personUserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";

/** A small real PDF, built in memory. */
function guidePdf(): Buffer {
  const body = "BT /F1 18 Tf 56 780 Td (Guia practica) Tj ET";
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${body.length} >>\nstream\n${body}\nendstream`,
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

beforeAll(async () => {
  assertChromium();
  sink = await startSmtpSink();
  app = await startApp({ SMTP_URL: sink.url });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await sink?.close();
});

describe("guide materials in a real browser", () => {
  const pdf = guidePdf();
  const fileName = "Guía práctica año 2024.pdf";
  let materialUrl = "";

  it("an organizer uploads the guide for registered people and tells them by mail", async () => {
    const page = await browser.newPage({ locale: "es-CO" });
    await signInAsOrganizer(page, app.baseUrl);
    await page.getByRole("link", { name: "Materiales" }).first().click();
    await page.waitForURL(/\/admin\/materiales$/);
    await page.goto(`${app.baseUrl}/admin/encuentros/bogota-2024/materiales`);
    const form = page.locator("form", { has: page.getByRole("heading", { name: "Subir un material" }) });
    await form.getByLabel("Título").fill("Guía práctica para PDT y PISCC");
    await form.getByLabel(/Descripción/).fill("Pasos para incluir la prevención de la trata en los planes.");
    await form.getByLabel(/Personas inscritas/).check();
    await form.getByLabel("Archivo").setInputFiles({ name: fileName, mimeType: "application/pdf", buffer: pdf });
    await form.getByLabel("Avisar por correo a las personas inscritas").check();
    await form.getByRole("button", { name: "Subir el material" }).click();
    await page.waitForURL(/\/admin\/materiales\/\d+$/);
    const status = await page.getByRole("status").innerText();
    expect(status).toContain("El material quedó publicado.");
    expect(status).toMatch(/\d+ correos quedaron en la cola de envío/);
    materialUrl = page.url().split("?")[0];
    await page.getByRole("heading", { name: "Versiones" }).waitFor();
    expect(await page.locator("main").innerText()).toContain(fileName);
    await page.close();
  });

  it("a registered authority follows the link in the mail and gets the file", async () => {
    // Riohacha registered people for bogota-2024 and none had downloaded anything.
    const deadline = Date.now() + 20_000;
    let link: string | null = null;
    while (!link && Date.now() < deadline) {
      for (const mail of sink.received.filter((m) => m.to.some((to) => /\.44001@/.test(to)))) {
        const parsed = await sink.parse(mail);
        if (!parsed.subject?.startsWith("Materiales disponibles")) continue;
        link = /https?:\/\/[^\s<>"]+\/d\/[A-Za-z0-9_.-]+/.exec(parsed.text ?? "")?.[0] ?? null;
        if (link) break;
      }
      if (!link) await new Promise((r) => setTimeout(r, 200));
    }
    expect(link, "a materials mail for a Riohacha official").not.toBeNull();

    // Headless Chromium says "HeadlessChrome", which the receipt counts as a bot (a mail
    // scanner); a person's browser does not.
    const context = await browser.newContext({ locale: "es-CO", acceptDownloads: true, userAgent: personUserAgent });
    const page = await context.newPage();
    const [download] = await Promise.all([page.waitForEvent("download"), page.goto(link!).catch(() => null)]);
    expect(download.suggestedFilename()).toBe(fileName);
    const saved = await download.path();
    expect(fs.readFileSync(saved).equals(pdf)).toBe(true);
    await context.close();
  });

  it("an anonymous visitor downloads the public guide and is told how to reach the restricted one", async () => {
    const context = await browser.newContext({ locale: "es-CO", acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/encuentros/bogota-2024`);
    await page.getByRole("link", { name: "Materiales" }).click();
    await page.waitForURL(/\/encuentros\/bogota-2024\/materiales$/);
    const restricted = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Guía práctica para PDT y PISCC" }) });
    expect(await restricted.innerText()).toContain("Solo para personas inscritas en el encuentro");
    expect(await restricted.getByRole("link", { name: "Ingresar con un enlace a mi correo" }).getAttribute("href")).toBe(
      "/ingresar/enlace?redirectTo=%2Fencuentros%2Fbogota-2024%2Fmateriales",
    );
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: /^Descargar Guía para la elaboración de PDT y PISCC/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("Guía PDT y PISCC.pdf");
    expect(
      fs
        .readFileSync(await download.path())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    await context.close();
  });

  it("the organizer sees the receipt: who, which city, through the mail link", async () => {
    const page = await browser.newPage({ locale: "es-CO" });
    await signInAsOrganizer(page, app.baseUrl);
    await page.goto(materialUrl);
    const recent = page.locator("section", { has: page.getByRole("heading", { name: "Últimas descargas" }) });
    const row = recent.getByRole("row").filter({ hasText: "Riohacha" });
    await row.first().waitFor();
    expect(await row.first().innerText()).toContain("Enlace del correo");
    const byCity = page.locator("section", { has: page.getByRole("heading", { name: "Descargas por ciudad" }) });
    expect(await byCity.getByRole("row").filter({ hasText: "Riohacha" }).innerText()).toMatch(/Riohacha\s+3\s+1\s+1/);
    await page.close();
  });
});
