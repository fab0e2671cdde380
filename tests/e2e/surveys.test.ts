import { describe, expect, it } from "vitest";
import { desk, horizontalOverflow, phone, signInAsOrganizer, withAppAndBrowser } from "./helpers";

// Surveys in Chromium (issue 18, section 1), JavaScript off as on a phone whose scripts have not
// loaded: an organizer creates an anonymous survey of bogota-2024 open now; a person opens its
// address at phone size (as from the room's QR code), answers, and the results chart counts the
// answer; the same browser comes back and edits it: still one answer, the chart moved.

const env = withAppAndBrowser();

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe("a survey from the room's QR code", () => {
  it("is answered at phone size, counted in the results, and edited on a second visit", async () => {
    const organizer = await env.browser.newContext({ ...desk, javaScriptEnabled: false });
    const admin = await organizer.newPage();
    await signInAsOrganizer(admin, env.app.baseUrl);
    await admin.goto(`${env.app.baseUrl}/admin/encuentros/bogota-2024/encuestas`);
    // The demo's survey, closed in 2024, is listed with its answers.
    await admin.getByRole("link", { name: "Encuesta de satisfacción" }).waitFor();
    const create = admin.locator("main form").filter({ has: admin.getByRole("button", { name: "Crear la encuesta" }) });
    await create.getByLabel("Título (español)").fill("Encuesta en la sala");
    await create.getByLabel(/^Anónima/).check();
    await create.getByLabel("Abre el día").fill(isoDay(-1));
    await create.getByLabel("Cierra el día").fill(isoDay(7));
    await create.getByRole("button", { name: "Crear la encuesta" }).click();
    await admin.getByText("La encuesta quedó creada.").waitFor();
    const address = await admin.locator("main a[href*='/encuentros/bogota-2024/encuesta/']").first().getAttribute("href");
    expect(address).toMatch(/\/encuentros\/bogota-2024\/encuesta\/\d+$/);

    const person = await env.browser.newContext({ ...phone, javaScriptEnabled: false });
    const page = await person.newPage();
    await page.goto(address!);
    await page.getByRole("heading", { name: "Encuesta en la sala" }).waitFor();
    await page.getByText(/Es anónima: no guardamos quién responde/).waitFor();
    await page
      .getByRole("group", { name: /qué tan satisfecho/ })
      .getByLabel("4 · Bien")
      .check();
    await page.getByRole("radiogroup", { name: "Instalación" }).getByLabel("Instalación: 5 · Excelente").check();
    await page.getByLabel(/Qué fue lo más útil/).fill("El taller de la guía.");
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole("button", { name: "Enviar respuestas" }).click();
    await page.getByText("¡Gracias! Su respuesta quedó guardada.").waitFor();

    await admin.reload();
    await expect.poll(() => admin.locator("#results-count").textContent()).toMatch(/^1 respuesta/);
    const satisfaction = admin.locator("figure.chart").filter({ hasText: "qué tan satisfecho" });
    await expect.poll(() => satisfaction.locator(".bars__row").filter({ hasText: "4 · Bien" }).locator(".bars__value").textContent()).toBe("1");
    await admin.getByText("El taller de la guía.").waitFor();

    // The same browser again: its answer, to edit.
    await page.goto(address!);
    await page.getByText(/Ya respondió el/).waitFor();
    expect(
      await page
        .getByRole("group", { name: /qué tan satisfecho/ })
        .getByLabel("4 · Bien")
        .isChecked(),
    ).toBe(true);
    await page
      .getByRole("group", { name: /qué tan satisfecho/ })
      .getByLabel("5 · Excelente")
      .check();
    await page.getByRole("button", { name: "Guardar cambios" }).click();
    await page.getByText("Sus cambios quedaron guardados.").waitFor();

    await admin.reload();
    await expect.poll(() => admin.locator("#results-count").textContent()).toMatch(/^1 respuesta/);
    await expect.poll(() => satisfaction.locator(".bars__row").filter({ hasText: "5 · Excelente" }).locator(".bars__value").textContent()).toBe("1");
    expect(await satisfaction.locator(".bars__row").filter({ hasText: "4 · Bien" }).locator(".bars__value").textContent()).toBe("0");
    await person.close();
    await organizer.close();
  });
});
