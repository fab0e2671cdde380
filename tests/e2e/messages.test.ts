import { describe, expect, it } from "vitest";
import { createDb } from "~db/client";
import { utcToWallTime, addDays } from "~/lib/time";
import { desk, horizontalOverflow, phone, signInAsOrganizer, withAppAndBrowser } from "./helpers";

// Messages in Chromium against the built app (its background work running): on a phone with
// JavaScript off, an organizer writes to the people who attended bogota-2024, reviews it and
// sends it now; it goes; one of them stops messages from the link in the mail. With JavaScript
// on, a message scheduled for tomorrow is cancelled before it goes.

const env = withAppAndBrowser();
const base = "/admin/encuentros/bogota-2024/mensajes";

async function messageMails(messageId: number) {
  const db = createDb(env.app.databaseUrl);
  try {
    return await db.selectFrom("email_outbox").select(["recipient", "data"]).where("idempotency_key", "like", `message:${messageId}:%`).execute();
  } finally {
    await db.destroy();
  }
}

describe("messages to the people who come", () => {
  it("an organizer writes, reviews and sends one from a phone without JavaScript; a recipient stops them", async () => {
    const context = await env.browser.newContext({ ...phone, javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAsOrganizer(page, env.app.baseUrl);
    await page.goto(`${env.app.baseUrl}${base}`);
    expect(await horizontalOverflow(page)).toBe(0);
    const form = page.locator("form", { has: page.getByRole("button", { name: "Guardar y revisar" }) });
    await form.getByLabel("Asunto").fill("Gracias por venir");
    await form.getByLabel("Mensaje", { exact: true }).fill("Gracias por participar.\n\nPronto les enviaremos la relatoría.");
    await form.getByLabel("Personas con cupo confirmado").uncheck();
    await form.getByLabel("Personas que asistieron").check();
    await form.getByRole("button", { name: "Guardar y revisar" }).click();
    await page.waitForURL(/\/mensajes\/\d+$/);
    const messageId = Number(/\/mensajes\/(\d+)$/.exec(page.url())![1]);
    await expect.poll(() => page.getByText(/^\d+ personas lo recibirán\.$/).textContent()).toMatch(/^\d+ personas lo recibirán\.$/);
    expect(await page.locator("iframe[title='Vista previa del mensaje']").count()).toBe(1);
    expect(await horizontalOverflow(page)).toBe(0);

    await page.getByRole("button", { name: "Enviar ahora" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toMatch(/Mensaje en camino/);
    // The scheduler in the server's background work sends it within moments.
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.locator("main").textContent();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toMatch(/Enviado el/);
    const mails = await messageMails(messageId);
    expect(mails.length).toBeGreaterThan(0);
    expect(new Set(mails.map((m) => m.recipient)).size).toBe(mails.length);

    // One of them follows the link in the mail, on a phone without JavaScript.
    const stopUrl = String(JSON.parse(mails[0].data).stopUrl);
    expect(stopUrl.startsWith(`${env.app.baseUrl}/mensajes/detener/`)).toBe(true);
    const person = await context.newPage();
    await person.goto(stopUrl);
    await person.getByRole("button", { name: "Dejar de recibirlos" }).click();
    await expect.poll(() => person.getByRole("status").first().textContent()).toMatch(/ya no recibirá mensajes ni recordatorios/);
    expect(await person.getByRole("button", { name: "Volver a recibirlos" }).count()).toBe(1);
    expect(await horizontalOverflow(person)).toBe(0);
    await context.close();
  });

  it("with JavaScript on, a message scheduled for tomorrow at 09:00 is cancelled before it goes", async () => {
    const context = await env.browser.newContext(desk);
    const page = await context.newPage();
    await signInAsOrganizer(page, env.app.baseUrl);
    await page.goto(`${env.app.baseUrl}${base}`);
    const form = page.locator("form", { has: page.getByRole("button", { name: "Guardar y revisar" }) });
    await form.getByLabel("Asunto").fill("Recordatorio de la encuesta");
    await form.getByLabel("Mensaje", { exact: true }).fill("Respondan la encuesta, por favor.");
    await form.getByRole("button", { name: "Guardar y revisar" }).click();
    await page.waitForURL(/\/mensajes\/\d+$/);
    const tomorrow = utcToWallTime(addDays(new Date(), 1).toISOString(), "America/Bogota").date;
    await page.getByLabel("Fecha").fill(tomorrow);
    await page.getByLabel("Hora", { exact: true }).fill("09:00");
    await page.getByRole("button", { name: "Programar" }).click();
    await expect.poll(() => page.locator("main").textContent()).toMatch(/Programado para el .*09:00/);
    await page.getByRole("button", { name: "Cancelar el mensaje" }).click();
    await expect.poll(() => page.locator("main").textContent()).toMatch(/Cancelado el/);
    expect(await page.getByRole("button", { name: "Enviar ahora" }).count()).toBe(0);
    await context.close();
  });
});
