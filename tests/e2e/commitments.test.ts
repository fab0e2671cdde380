import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "~db/client";
import { lastMail, phone, signInAsOrganizer, withAppAndBrowser } from "./helpers";

// On a phone-sized screen: an authority of Bogotá (checked in at the demo encounter, so on the
// city's roster) signs in with a mailed link, records a commitment of the city at the working
// table; an organizer confirms the responsible it named; and the responsible official, with no
// account, updates it from the link in the mail it received. Mail is read from the app's own outbox.

const run = withAppAndBrowser();
const artifacts = "tests/e2e/artifacts";

async function commitmentRow(title: string): Promise<{ status: string; progress: number; dane: string } | undefined> {
  const db = createDb(run.app.databaseUrl);
  try {
    return await db
      .selectFrom("commitments as c")
      .innerJoin("cities as ci", "ci.id", "c.city_id")
      .select(["c.status", "c.progress", "ci.dane"])
      .where("c.title", "=", title)
      .executeTakeFirst();
  } finally {
    await db.destroy();
  }
}

beforeAll(() => {
  fs.mkdirSync(artifacts, { recursive: true });
});

describe("commitments on a phone", () => {
  it("an authority records its city's commitment and the responsible official updates it from the mailed link", async () => {
    const authority = "persona1.11001@demo.convoca.test";
    const responsible = "laura.mendez@bogota.example.org";
    const title = "Mesa de trabajo distrital sobre tráfico de migrantes en terminales";

    const context = await run.browser.newContext(phone);
    const page = await context.newPage();
    // Sign in with a mailed link: the GET shows a button, the POST signs in.
    await page.goto(`${run.app.baseUrl}/ingresar/enlace?redirectTo=${encodeURIComponent("/mi-ciudad/compromisos")}`);
    await page
      .locator("main")
      .getByLabel(/Correo electrónico/)
      .fill(authority);
    await page.locator("main").getByRole("button").click();
    await page
      .locator("main")
      .getByText(/le llegará un enlace/)
      .waitFor();
    await page.goto(String((await lastMail(run.app, "sign-in-link", authority)).url));
    await page.locator("main").getByRole("button").click();
    await page.waitForURL(/\/mi-ciudad\/compromisos$/);
    await page.getByRole("heading", { level: 1, name: "Compromisos de Bogotá D.C." }).waitFor();

    // The working table: one short form, the city already chosen.
    await page.getByRole("link", { name: /Registrar un compromiso en «Encuentro de Ciudades Capitales/ }).click();
    await page.getByRole("heading", { level: 1, name: "Nuevo compromiso de Bogotá D.C." }).waitFor();
    expect(await page.locator("select[name=cityDane]").count()).toBe(0);
    await page.getByLabel("¿A qué se compromete la ciudad?").fill(title);
    await page.getByText("PISCC", { exact: true }).click();
    await page.getByLabel("Tema").selectOption("smuggling");
    await page.getByLabel("Fecha límite").fill("2024-12-31");
    await page.getByLabel("Nombre de la persona responsable").fill("Laura Méndez");
    await page.getByLabel("Correo de la persona responsable").fill(responsible);
    // Nothing on the page is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${artifacts}/compromiso-registro.png`, fullPage: true });
    await page.getByRole("button", { name: "Registrar el compromiso" }).click();
    await page.getByText(/Compromiso registrado/).waitFor();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    expect(await commitmentRow(title)).toEqual({ status: "proposed", progress: 0, dane: "11001" });
    await context.close();

    // The responsible is not a verified person of Bogotá: a notice without the commitment's words
    // went out, and an organizer at a desk confirms them before the details do.
    const notice = await lastMail(run.app, "commitment-pending-responsible", responsible);
    expect(JSON.stringify(notice)).not.toContain(title);
    const desk = await run.browser.newContext({ locale: "es-CO", viewport: { width: 1280, height: 900 } });
    const organizer = await desk.newPage();
    await signInAsOrganizer(organizer, run.app.baseUrl);
    await organizer.goto(`${run.app.baseUrl}/admin/compromisos/responsables`);
    await organizer.getByRole("button", { name: `Confirmar responsable: ${responsible}` }).click();
    await organizer.getByText(/Responsable confirmado/).waitFor();
    await desk.close();

    // The responsible official, on another phone and without an account, opens the mailed link.
    const mail = await lastMail(run.app, "commitment-recorded", responsible);
    const official = await run.browser.newContext(phone);
    const linkPage = await official.newPage();
    await linkPage.goto(String(mail.updateUrl));
    await linkPage.getByRole("heading", { level: 1, name: "Avance de su compromiso" }).waitFor();
    expect(await linkPage.locator("main").innerText()).toContain(title);
    // Opening the link changed nothing.
    expect(await commitmentRow(title)).toEqual({ status: "proposed", progress: 0, dane: "11001" });
    // Marking it done without a note or evidence is refused with a clear message.
    await linkPage.getByText("Cumplido", { exact: true }).click();
    await linkPage.getByRole("button", { name: "Guardar el avance" }).click();
    await linkPage
      .getByText(/Para marcarlo como cumplido, escriba una nota/)
      .first()
      .waitFor();
    expect((await commitmentRow(title))?.status).toBe("proposed");

    await linkPage.getByText("En curso", { exact: true }).click();
    await linkPage.getByRole("spinbutton", { name: "Avance (%)" }).fill("50");
    await linkPage.getByLabel("Nota").fill("Se instaló la mesa con Migración Colombia y la terminal de transportes.");
    await linkPage.getByLabel("Enlace a la evidencia").fill("https://www.example.org/acta-mesa.pdf");
    await linkPage.getByRole("button", { name: "Guardar el avance" }).click();
    await linkPage.getByText("¡Gracias! Quedó registrado el avance.").waitFor();
    expect(await commitmentRow(title)).toEqual({ status: "in_progress", progress: 50, dane: "11001" });
    await linkPage
      .locator(".history")
      .getByText(/Se instaló la mesa/)
      .waitFor();
    expect(await linkPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await linkPage.screenshot({ path: `${artifacts}/compromiso-enlace.png`, fullPage: true });
    await official.close();
  });
});
