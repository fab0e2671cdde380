import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "~db/client";
import { assertChromium, launchBrowser, startApp, type RunningApp } from "./harness";
import { demoOrganizer, signInAsOrganizer } from "./helpers";

// The whole path with JavaScript off in Chromium, as on a phone whose scripts have not loaded:
// an organizer signs in, a person registers, corrects the registration from the personal link
// in the mail, and the official responsible for a commitment updates it from the reminder link.
// Every form here is a plain HTML form post; the personal-link pages must accept them (their
// Referrer-Policy used to make the browser send "Origin: null", which the server refused).
// Links are read from the kept mail in the outbox, as a person reads them from the mail.

let app: RunningApp;
let browser: Browser;
let context: BrowserContext;

async function withDb<T>(fn: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const db = createDb(app.databaseUrl);
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

/** The newest kept mail to `to` whose data has `field` (a link), as the mail viewer shows it. */
async function linkFromMail(to: string, field: string): Promise<string> {
  const rows = await withDb((db) => db.selectFrom("email_outbox").select(["data", "template"]).where("recipient", "=", to).orderBy("id", "desc").execute());
  for (const row of rows) {
    const value = (JSON.parse(row.data) as Record<string, unknown>)[field];
    if (typeof value === "string" && value.startsWith(app.baseUrl)) return value;
  }
  throw new Error(`No hay correo para ${to} con ${field} (${rows.map((r) => r.template).join(", ")})`);
}

beforeAll(async () => {
  assertChromium();
  app = await startApp();
  browser = await launchBrowser();
  context = await browser.newContext({ javaScriptEnabled: false, locale: "es-CO", viewport: { width: 390, height: 844 } });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.stop();
});

describe("with JavaScript disabled", () => {
  it("signs in, registers, corrects the registration from its personal link and updates a commitment from its reminder link", async () => {
    const page = await context.newPage();
    // An organizer signs in through the plain form.
    await signInAsOrganizer(page, app.baseUrl);

    // A person registers for the upcoming encounter (the city is a native select without scripts).
    const email = "sin.javascript@leticia.gov.co";
    await page.goto(`${app.baseUrl}/encuentros/seguimiento/registro`);
    const form = page.locator("main form").filter({ has: page.getByRole("button", { name: "Inscribirme" }) });
    await form.getByLabel("Nombre completo").fill("Rosa Tikuna");
    await form.getByLabel("Correo electrónico institucional").fill(email);
    // The native select is there only because the page's scripts never ran (they swap in a combobox).
    await form.locator("select[name=cityDane]").selectOption("91001");
    await form.getByLabel("Entidad").fill("Secretaría de Gobierno");
    await form.getByLabel("Cargo").fill("Profesional");
    await form.getByLabel(/Autorizo el tratamiento/).check();
    await form.getByRole("button", { name: "Inscribirme" }).click();
    // The same answer for every registration: "check your email" (the link goes by mail).
    await page.getByRole("heading", { name: "Revise su correo" }).waitFor();
    const registered = await withDb((db) => db.selectFrom("participants").select(["id", "position"]).where("email", "=", email).executeTakeFirst());
    expect(registered?.position).toBe("Profesional");

    // The personal link from the mail: correct the position, a plain form post.
    const manageUrl = await linkFromMail(email, "manageUrl");
    await page.goto(manageUrl);
    const response = await page.request.get(manageUrl);
    expect(response.headers()["referrer-policy"]).toBe("same-origin");
    await page.locator("main").getByLabel("Cargo").fill("Profesional especializada");
    await page.locator("main").getByRole("button", { name: "Guardar cambios" }).click();
    await page.locator("main").getByText("Guardamos sus cambios.").waitFor();
    expect(await withDb((db) => db.selectFrom("participants").select("position").where("email", "=", email).executeTakeFirst())).toEqual({
      position: "Profesional especializada",
    });

    // The organizer records a commitment; its responsible official gets the reminder link.
    const responsible = "oficial.sin.js@leticia.gov.co";
    const title = "Ruta de atención a víctimas de trata en la frontera";
    await page.goto(`${app.baseUrl}/encuentros/bogota-2024/compromisos/nuevo`);
    const main = page.locator("main");
    await main.locator("select[name=cityDane]").selectOption("91001");
    await main.getByLabel("¿A qué se compromete la ciudad?").fill(title);
    await main.getByText("PISCC", { exact: true }).click();
    await main.getByLabel("Fecha límite").fill("2027-06-30");
    await main.getByLabel("Nombre de la persona responsable").fill("Jairo Cuellar");
    await main.getByLabel("Correo de la persona responsable").fill(responsible);
    await main.getByRole("button", { name: "Registrar el compromiso" }).click();
    await main.getByText(/Compromiso registrado/).waitFor();

    // The official, on a phone without scripts, updates it from the link in the mail.
    const updateUrl = await linkFromMail(responsible, "updateUrl");
    const official = await browser.newContext({ javaScriptEnabled: false, locale: "es-CO", viewport: { width: 390, height: 844 } });
    const linkPage = await official.newPage();
    await linkPage.goto(updateUrl);
    await linkPage.getByRole("heading", { level: 1, name: "Avance de su compromiso" }).waitFor();
    await linkPage.getByText("En curso", { exact: true }).click();
    await linkPage.getByRole("spinbutton", { name: "Avance (%)" }).fill("40");
    await linkPage.getByLabel("Nota").fill("Se acordó la ruta con la Personería y Migración Colombia.");
    await linkPage.getByRole("button", { name: "Guardar el avance" }).click();
    await linkPage.getByText("¡Gracias! Quedó registrado el avance.").waitFor();
    const row = await withDb((db) => db.selectFrom("commitments").select(["status", "progress"]).where("title", "=", title).executeTakeFirst());
    expect(row).toEqual({ status: "in_progress", progress: 40 });
    await official.close();
  });

  it("changes an organizer's password through the field kit: errors, then a banner shown once", async () => {
    const own = await browser.newContext({ javaScriptEnabled: false, locale: "es-CO", viewport: { width: 390, height: 844 } });
    const page = await own.newPage();
    await signInAsOrganizer(page, app.baseUrl);
    const change = async (current: string, next: string) => {
      await page.goto(`${app.baseUrl}/admin/cuenta`);
      await page.getByLabel("Contraseña actual").fill(current);
      await page.getByLabel("Nueva contraseña", { exact: true }).fill(next);
      await page.getByLabel("Repita la nueva contraseña").fill(next);
      await page.getByRole("button", { name: "Cambiar la contraseña" }).click();
    };
    const changed = page.getByRole("status").filter({ hasText: "Su contraseña se cambió." });

    // A wrong current password: the server's page says so at the field, and echoes no password.
    await change("no-es-la-clave", "una frase nueva y larga");
    await page.getByRole("alert").waitFor();
    const current = page.getByLabel("Contraseña actual");
    expect(await current.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await current.getAttribute("aria-describedby")) ?? "";
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe("La contraseña actual no es correcta.");
    expect(await current.inputValue()).toBe("");
    expect(await changed.count()).toBe(0);

    // The right one: back at the page, the banner once; a reload no longer shows it.
    await change(demoOrganizer.password, "una frase nueva y larga");
    await changed.waitFor();
    expect(new URL(page.url()).search).toBe("");
    await page.reload();
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await changed.count()).toBe(0);

    // And back to the demo password, for whoever signs in next.
    await change("una frase nueva y larga", demoOrganizer.password);
    await changed.waitFor();
    await own.close();
  });
});
