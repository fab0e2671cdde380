import type { ParsedMail } from "mailparser";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "~db/client";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink";
import { assertChromium, launchBrowser, startApp, type RunningApp } from "./harness";
import { signInAsOrganizer, citySearchBox, freeDemoPlaces } from "./helpers";

// Two officials register in Chromium for an encounter with one place left: the first gets it,
// the second the waiting list. The page answers both alike ("Revise su correo"); each opens
// the personal link from the real mail (SMTP). The first cancels; the second is promoted,
// told by mail, and the organizer sees both changes in the list.

let app: RunningApp;
let browser: Browser;
let sink: SmtpSink;

beforeAll(async () => {
  assertChromium();
  sink = await startSmtpSink();
  app = await startApp({ SMTP_URL: sink.url });
  browser = await launchBrowser();
  // The demo encounter with one place: set up directly in the app's database (either engine),
  // the places of its demo registrants given back first.
  const db = createDb(app.databaseUrl);
  try {
    await freeDemoPlaces(db);
    const result = await db
      .updateTable("encounters")
      .set({ capacity: 1 })
      .where("slug", "=", "seguimiento")
      .where("confirmed_count", "=", 0)
      .executeTakeFirst();
    expect(result.numUpdatedRows).toBe(1n);
  } finally {
    await db.destroy();
  }
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await sink?.close();
});

async function mailTo(address: string, subject: RegExp, timeoutMs = 20_000): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const mail of sink.received.filter((m) => m.to.includes(address))) {
      const parsed = await sink.parse(mail);
      if (subject.test(parsed.subject ?? "")) return parsed;
    }
    if (Date.now() > deadline) throw new Error(`No llegó a ${address} un correo ${subject}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function register(page: Page, person: { name: string; email: string; citySearch: string; city: string }) {
  await page.goto(`${app.baseUrl}/encuentros/seguimiento`);
  await page.getByRole("link", { name: "Inscribirse" }).click();
  await page.waitForURL(/\/encuentros\/seguimiento\/registro$/);
  const form = page.locator("main form");
  await form.getByLabel("Nombre completo").fill(person.name);
  await form.getByLabel("Correo electrónico institucional").fill(person.email);
  // The city is a searchable combobox once the page runs its script.
  const city = citySearchBox(form);
  await city.fill(person.citySearch);
  await page
    .getByRole("option", { name: new RegExp(person.city) })
    .first()
    .waitFor();
  await city.press("ArrowDown");
  await city.press("Enter");
  expect(await city.inputValue()).toContain(person.city);
  await form.getByLabel("Entidad").fill("Secretaría de Gobierno");
  await form.getByLabel("Cargo").fill("Profesional especializada");
  await form.getByLabel(/Autorizo el tratamiento/).check();
  await form.getByRole("button", { name: "Inscribirme" }).click();
  await page.getByRole("heading", { name: "Revise su correo" }).waitFor();
}

/** The personal link, from the mail only: the page never hands it out. */
async function personalLink(address: string, subject: RegExp): Promise<string> {
  const mail = await mailTo(address, subject);
  const link = /https?:\/\/[^\s<>"]+\/inscripcion\/[A-Za-z0-9_-]{43}/.exec(mail.text ?? "")?.[0];
  expect(link).toBeTruthy();
  return link!;
}

describe("registration in a real browser", () => {
  let waitingPage: Page;

  it("refuses a form with errors, field by field, and keeps what was typed", async () => {
    const page = await browser.newPage({ locale: "es-CO" });
    await page.goto(`${app.baseUrl}/encuentros/seguimiento/registro`);
    const form = page.locator("main form");
    await form.getByLabel("Nombre completo").fill("Nadia Prueba");
    await form.getByLabel("Correo electrónico institucional").fill("no-es-un-correo");
    await form.getByRole("button", { name: "Inscribirme" }).click();
    await page.getByRole("alert").waitFor();
    const email = form.getByLabel("Correo electrónico institucional");
    expect(await email.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await email.getAttribute("aria-describedby")) ?? "";
    expect(await page.locator(`[id="${describedBy.split(" ").pop()}"]`).innerText()).toContain("correo electrónico válido");
    expect(await form.getByLabel("Nombre completo").inputValue()).toBe("Nadia Prueba");
    expect(await page.getByRole("alert").innerText()).toContain("Para inscribirse debe autorizar");
    await page.close();
  });

  it("the first official gets the last place, the second the waiting list", async () => {
    const first = await browser.newPage({ locale: "es-CO" });
    await register(first, { name: "Camila Torres", email: "camila.torres@medellin.gov.co", citySearch: "medel", city: "Medellín" });
    const firstAnswer = await first.getByRole("status").first().innerText();
    expect(firstAnswer).toContain("Cupos libres de Medellín al recibir su inscripción: 3 de 3.");
    expect(await first.locator("main").innerHTML()).not.toContain("/inscripcion/");
    await first.goto(await personalLink("camila.torres@medellin.gov.co", /^Inscripción confirmada/));
    expect(await first.locator("main").innerText()).toContain("Confirmada");
    expect(await first.locator("main").innerText()).toMatch(/[A-Z0-9]{5}-[A-Z0-9]{5}/);
    await first.close();

    waitingPage = await browser.newPage({ locale: "es-CO" });
    await register(waitingPage, { name: "Jorge Ibáñez", email: "jorge.ibanez@cali.gov.co", citySearch: "valle del cau", city: "Cali" });
    expect(await waitingPage.getByRole("status").first().innerText()).toContain("El único cupo del encuentro ya está asignado");
    await waitingPage.goto(await personalLink("jorge.ibanez@cali.gov.co", /^Lista de espera/));
    expect(await waitingPage.locator("main").innerText()).toMatch(/Puesto en la lista de espera\s+1/);
  });

  it("the first receives the confirmation by mail, opens its link and cancels; the second is promoted", async () => {
    const confirmation = await mailTo("camila.torres@medellin.gov.co", /^Inscripción confirmada/);
    expect(confirmation.attachments.map((a) => a.contentType).sort()).toEqual(["image/png", "text/calendar"]);
    const link = await personalLink("camila.torres@medellin.gov.co", /^Inscripción confirmada/);

    // On a phone: the personal page is the official's home for the encounter.
    const page = await browser.newPage({ locale: "es-CO", viewport: { width: 390, height: 844 } });
    await page.goto(link!);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Su inscripción");
    expect(await page.getByRole("heading", { name: "Agenda" }).isVisible()).toBe(true);
    const calendar = page.getByRole("link", { name: "Agregar el encuentro a mi calendario (.ics)" });
    expect(await calendar.getAttribute("href")).toBe("/encuentros/seguimiento/agenda.ics");
    expect(await page.getByRole("heading", { name: "Materiales" }).isVisible()).toBe(true);
    expect(await page.getByRole("heading", { name: "Certificado de asistencia" }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.locator("main form").first().getByLabel("Nombre").inputValue()).toBe("Camila Torres");
    await page.getByRole("button", { name: "Sí, cancelar mi inscripción" }).click();
    // Said once, by the flash the redirect carries: the address stays the personal link.
    await page.getByRole("status").filter({ hasText: "Su inscripción quedó cancelada" }).waitFor();
    expect(new URL(page.url()).search).toBe("");
    await page.close();

    await mailTo("camila.torres@medellin.gov.co", /^Inscripción cancelada/);
    const promoted = await mailTo("jorge.ibanez@cali.gov.co", /^Se liberó un cupo/);
    expect(promoted.attachments.some((a) => a.contentType === "text/calendar")).toBe(true);
    await waitingPage.reload();
    expect(await waitingPage.locator("main").innerText()).toContain("Confirmada");
    await waitingPage.close();
  });

  it("the organizer sees the cancellation and the promotion in the list", async () => {
    const page = await browser.newPage({ locale: "es-CO" });
    await signInAsOrganizer(page, app.baseUrl);
    await page.goto(`${app.baseUrl}/admin/encuentros/seguimiento/registros`);
    // The list is the page's last table (the counts by city sit folded above it).
    const rows = page.locator("main table.data").last().locator("tbody tr");
    await rows.first().waitFor();
    const text = await page.locator("main table.data").last().innerText();
    expect(text).toMatch(/Jorge Ibáñez[\s\S]*Confirmada/);
    expect(text).toMatch(/Camila Torres[\s\S]*Cancelada/);
    await page.close();
  });
});
