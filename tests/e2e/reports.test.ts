import fs from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertChromium, launchBrowser, startApp, type RunningApp } from "./harness";
import { signInAsOrganizer } from "./helpers";

let app: RunningApp;
let browser: Browser;
const artifacts = "tests/e2e/artifacts";

beforeAll(async () => {
  assertChromium();
  app = await startApp();
  browser = await launchBrowser();
  fs.mkdirSync(artifacts, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("reports in a real browser", () => {
  it("shows the demo encounter's report with its map and charts, and a screenshot is taken", async () => {
    const page = await browser.newPage({ locale: "es-CO", viewport: { width: 1280, height: 900 } });
    await signInAsOrganizer(page, app.baseUrl);
    await page.goto(`${app.baseUrl}/admin/encuentros/bogota-2024/informe`);
    await page.getByRole("heading", { level: 1, name: /Informe del encuentro/ }).waitFor();
    expect(await page.locator("svg.map circle").count()).toBe(32);
    const attended = await page.locator(".stat", { hasText: "Asistieron" }).locator("dd").innerText();
    expect(Number(attended)).toBeGreaterThan(0);
    expect(await page.locator("figure.chart").count()).toBeGreaterThanOrEqual(6);
    await page.screenshot({ path: `${artifacts}/informe-encuentro.png`, fullPage: true });
    await page.locator("figure.chart--map").screenshot({ path: `${artifacts}/mapa.png` });
    expect(fs.statSync(`${artifacts}/mapa.png`).size).toBeGreaterThan(5_000);

    await page.goto(`${app.baseUrl}/admin/informes?instrument=PDT`);
    await page.getByRole("heading", { level: 1, name: "Informe de las ciudades capitales" }).waitFor();
    expect(await page.locator("#instrument").inputValue()).toBe("PDT");
    await page.screenshot({ path: `${artifacts}/informe-ciudades.png`, fullPage: true });
    await page.close();
  });
});
