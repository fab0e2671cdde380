import type { Page } from "playwright-core";
import { createDb } from "~db/client";
import type { RunningApp } from "./harness";

export const demoOrganizer = { email: "organizadora@convoca.test", password: "convoca-demo" };

/** Signs the demo organizer in through the real form and waits for the organizer area. */
export async function signInAsOrganizer(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/ingresar`);
  await page.locator("main").getByLabel(/Correo electrónico|Email/).fill(demoOrganizer.email);
  await page.locator("main").getByLabel(/Contraseña|Password/).fill(demoOrganizer.password);
  await page.locator("main").getByRole("button", { name: /Ingresar|Sign in/ }).click();
  await page.waitForURL(/\/admin/);
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
