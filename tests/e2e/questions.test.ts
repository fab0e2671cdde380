import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createDb } from "~db/client";
import { desk, phone, signInAsOrganizer, withAppAndBrowser } from "./helpers";

// Registration questions in Chromium (issue 16, item 4), with JavaScript off as on a phone whose
// scripts have not loaded: an organizer adds a question to the open demo encounter; a person
// answers it on the registration form with the disaggregation set and its separate consent,
// at phone size; the report shows the disaggregated figures with small counts withheld.

const env = withAppAndBrowser();

async function withDb<T>(fn: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const db = createDb(env.app.databaseUrl);
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

async function shot(page: Page, name: string) {
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/${name}.png`, fullPage: true });
}

describe("registration questions without JavaScript", () => {
  it("an organizer adds a question, a person answers it at phone size, and the answers are kept", async () => {
    const organizer = await env.browser.newContext({ ...desk, javaScriptEnabled: false });
    const admin = await organizer.newPage();
    await signInAsOrganizer(admin, env.app.baseUrl);
    await admin.goto(`${env.app.baseUrl}/admin/encuentros/seguimiento/preguntas`);
    const add = admin.locator("main form").filter({ has: admin.getByRole("button", { name: "Agregar la pregunta" }) });
    await add.getByLabel("Tipo de respuesta").selectOption("one_choice");
    await add.getByLabel("Pregunta en español").fill("¿Cómo llega al encuentro?");
    await add.getByLabel("Opción 1 en español").fill("En bus");
    await add.getByLabel("Opción 2 en español").fill("En avión");
    await add.getByRole("button", { name: "Agregar la pregunta" }).click();
    await admin.getByText("Pregunta agregada.").waitFor();
    // Added last (the twelfth), moved above the disaggregation set with the plain "up" buttons.
    await admin.getByText("12. ¿Cómo llega al encuentro?").waitFor();
    for (let i = 0; i < 8; i++) await admin.getByRole("button", { name: "Subir «¿Cómo llega al encuentro?»" }).click();
    await admin.getByText("4. ¿Cómo llega al encuentro?").waitFor();
    await shot(admin, "questions-admin");
    await organizer.close();

    const person = await env.browser.newContext({ ...phone, javaScriptEnabled: false });
    const page = await person.newPage();
    await page.goto(`${env.app.baseUrl}/encuentros/seguimiento/registro`);
    const form = page.locator("main form").filter({ has: page.getByRole("button", { name: "Inscribirme" }) });
    await form.getByLabel("Nombre completo").fill("Yaneth Murillo");
    await form.getByLabel("Correo electrónico institucional").fill("yaneth.murillo@quibdo.gov.co");
    await form.locator("select[name=cityDane]").selectOption("27001");
    await form.getByLabel("Entidad", { exact: true }).fill("Secretaría de Gobierno");
    await form.getByLabel("Cargo", { exact: true }).fill("Profesional");
    await form
      .getByRole("group", { name: /¿Cómo llega al encuentro\?/ })
      .getByLabel("En avión")
      .check();
    // The disaggregation set, behind its own consent.
    const sensitive = form.getByRole("group", { name: "Información para estadísticas (opcional)" });
    await sensitive.getByLabel(/Autorizo de manera expresa/).check();
    await sensitive
      .getByRole("group", { name: /Sexo al nacer/ })
      .getByLabel("Mujer")
      .check();
    await sensitive
      .getByRole("group", { name: /^De acuerdo con su cultura/ })
      .getByLabel(/afrocolombiano/)
      .check();
    await form.getByLabel(/Autorizo el tratamiento/).check();
    await shot(page, "questions-form-phone");
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await form.getByRole("button", { name: "Inscribirme" }).click();
    await page.getByRole("heading", { name: "Revise su correo" }).waitFor();

    const kept = await withDb((db) =>
      db
        .selectFrom("registration_answers")
        .innerJoin("registrations", "registrations.id", "registration_answers.registration_id")
        .innerJoin("participants", "participants.id", "registrations.participant_id")
        .innerJoin("registration_questions", "registration_questions.id", "registration_answers.question_id")
        .select(["registration_questions.wording_es", "registration_answers.value", "registrations.sensitive_consent_at"])
        .where("participants.email", "=", "yaneth.murillo@quibdo.gov.co")
        .orderBy("registration_questions.position")
        .execute(),
    );
    expect(kept.map((k) => [k.wording_es, k.value])).toEqual([
      ["¿Cómo llega al encuentro?", "en_avion"],
      ["Sexo al nacer", "mujer"],
      ["De acuerdo con su cultura, pueblo o rasgos físicos, usted se reconoce como", "afro"],
    ]);
    expect(kept[0].sensitive_consent_at).not.toBeNull();
    await person.close();
  });

  it("the report shows the disaggregated figures, small counts as '< 5'", async () => {
    const context = await env.browser.newContext({ ...phone, javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAsOrganizer(page, env.app.baseUrl);
    await page.goto(`${env.app.baseUrl}/admin/encuentros/bogota-2024/informe`);
    await page.getByRole("heading", { name: "Datos de desagregación" }).waitFor();
    const byCity = page.getByRole("table", { name: "Sexo al nacer: por ciudad" });
    await byCity.waitFor();
    expect(await byCity.getByText("< 5").count()).toBeGreaterThan(0);
    await shot(page, "questions-report-phone");
    await context.close();
  });
});
