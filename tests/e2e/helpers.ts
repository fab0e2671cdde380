import type { Page } from "playwright-core";

export const demoOrganizer = { email: "organizadora@convoca.test", password: "convoca-demo" };

/** Signs the demo organizer in through the real form and waits for the organizer area. */
export async function signInAsOrganizer(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/ingresar`);
  await page.locator("main").getByLabel(/Correo electrónico|Email/).fill(demoOrganizer.email);
  await page.locator("main").getByLabel(/Contraseña|Password/).fill(demoOrganizer.password);
  await page.locator("main").getByRole("button", { name: /Ingresar|Sign in/ }).click();
  await page.waitForURL(/\/admin/);
}
