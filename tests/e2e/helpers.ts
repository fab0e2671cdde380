import fs from "node:fs";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { createDb } from "~db/client";
import { assertChromium, launchBrowser, startApp, type RunningApp } from "./harness";

/**
 * Starts the app and Chromium once for the test file and stops both after it. Read `app` and
 * `browser` inside tests (they exist only once the file's beforeAll ran).
 */
export function withAppAndBrowser(): { readonly app: RunningApp; readonly browser: Browser } {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    assertChromium();
    app = await startApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  return {
    get app() {
      if (!app) throw new Error("The app starts in beforeAll: read it inside a test");
      return app;
    },
    get browser() {
      if (!browser) throw new Error("Chromium starts in beforeAll: read it inside a test");
      return browser;
    },
  };
}

export const demoOrganizer = { email: "organizadora@convoca.test", password: "convoca-demo" };

/** Signs the demo organizer in through the real form and waits for the organizer area. */
export async function signInAsOrganizer(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/ingresar`);
  await page
    .locator("main")
    .getByLabel(/Correo electrónico|Email/)
    .fill(demoOrganizer.email);
  await page
    .locator("main")
    .getByLabel(/Contraseña|Password/)
    .fill(demoOrganizer.password);
  await page
    .locator("main")
    .getByRole("button", { name: /Ingresar|Sign in/ })
    .click();
  await page.waitForURL(/\/admin/);
}

/**
 * Signs a person in by the email link, as they would, on a phone: ask for it, open the mailed
 * link (read from the app's outbox), press the button; answers the page at `redirectTo`.
 */
export async function signInByLink(app: RunningApp, browser: Browser, email: string, redirectTo: string): Promise<Page> {
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  await page.goto(`${app.baseUrl}/ingresar/enlace?redirectTo=${encodeURIComponent(redirectTo)}`);
  await page
    .locator("main")
    .getByLabel(/Correo electrónico/)
    .fill(email);
  await page.locator("main").getByRole("button").click();
  await page
    .locator("main")
    .getByText(/le llegará un enlace/)
    .waitFor();
  await page.goto(String((await lastMail(app, "sign-in-link", email)).url));
  await page.locator("main").getByRole("button").click();
  await page.waitForURL((url) => url.pathname === redirectTo);
  return page;
}

/** The sizes people use: officials and check-in staff on a phone, organizers at a desk. */
export const phone = { locale: "es-CO", viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } as const;
export const desk = { locale: "es-CO", viewport: { width: 1280, height: 800 } } as const;

/** How far the page itself scrolls sideways: 0 when nothing is wider than the screen. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The data of the last mail of a template kept for an address in the app's outbox (the kept mail). */
export async function lastMail(app: Pick<RunningApp, "databaseUrl">, template: string, to: string): Promise<Record<string, unknown>> {
  const db = createDb(app.databaseUrl);
  try {
    const row = await db
      .selectFrom("email_outbox")
      .select("data")
      .where("template", "=", template)
      .where("recipient", "=", to)
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    if (!row) throw new Error(`No hay correo ${template} para ${to}`);
    return JSON.parse(row.data) as Record<string, unknown>;
  } finally {
    await db.destroy();
  }
}

/** Clicks a download link or button as a person would and answers the file the browser saved. */
export async function download(page: Page, trigger: Locator): Promise<{ name: string; body: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), trigger.click()]);
  const saved = await file.path();
  return { name: file.suggestedFilename(), body: fs.readFileSync(saved) };
}

/**
 * A downloaded CSV read by an independent parser, as rows of cells (the header row first), the
 * way Excel in es-CO reads it: byte-order mark, `;` between fields (a comma is text: dates and
 * names hold commas).
 */
export function readCsv(body: Buffer): string[][] {
  return parse(body, { bom: true, delimiter: ";", relax_column_count: false }) as string[][];
}

/** A downloaded XLSX read by ExcelJS: each sheet's rows as text cells, the header row first. */
export async function readXlsx(body: Buffer): Promise<Map<string, string[][]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const sheets = new Map<string, string[][]>();
  book.eachSheet((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      rows.push(
        values.map((v) =>
          v === null || v === undefined
            ? ""
            : typeof v === "object" && v && "text" in v
              ? String((v as { text: unknown }).text)
              : v instanceof Date
                ? v.toISOString()
                : String(v),
        ),
      );
    });
    sheets.set(sheet.name, rows);
  });
  return sheets;
}

/**
 * The city search box of a registration form. Before the page's scripts run the field is a native
 * <select>, which is a combobox too; typing into it fails, so wait for the <input> that replaces it.
 */
export function citySearchBox(form: Locator): Locator {
  return form.getByRole("combobox", { name: /Ciudad capital/ }).and(form.page().locator("input"));
}

/**
 * The demo's open encounter with its demo registrants' places given back (their registrations
 * cancelled, its counters at zero), for a test that counts places from none. Call before
 * setting its capacity.
 */
export async function freeDemoPlaces(db: ReturnType<typeof createDb>, slug = "seguimiento"): Promise<void> {
  const encounter = await db.selectFrom("encounters").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  await db.updateTable("registrations").set({ status: "cancelled", cancelled_at: now, updated_at: now }).where("encounter_id", "=", encounter.id).execute();
  await db.updateTable("encounter_city_places").set({ confirmed_count: 0 }).where("encounter_id", "=", encounter.id).execute();
  await db.updateTable("encounters").set({ confirmed_count: 0 }).where("id", "=", encounter.id).execute();
}
