import { describe, expect, it } from "vitest";
import { messagesFor } from "~/i18n/catalog.server";
import { signInAsOrganizer, withAppAndBrowser } from "./helpers";

const run = withAppAndBrowser();

describe("agenda in a real browser", () => {
  it("the public agenda in Spanish downloads no English and no organizer-area messages", async () => {
    const context = await run.browser.newContext({ locale: "es-CO" });
    const page = await context.newPage();
    const scripts: Promise<string>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") scripts.push(response.text());
    });
    await page.goto(`${run.app.baseUrl}/encuentros/bogota-2024/agenda`, { waitUntil: "networkidle" });
    await page.getByRole("button", { name: "Imprimir la agenda" }).waitFor(); // the light script ran; in Spanish
    const javascript = (await Promise.all(scripts)).join("\n");
    const html = await page.content();
    const [es, en] = [messagesFor("es"), messagesFor("en")];
    expect(javascript.length).toBeGreaterThan(0);
    for (const text of [en.organizers.intro, es.organizers.intro, en.scheduling.public.print, en.nav.skip]) expect(javascript).not.toContain(text);
    // The page's own messages come with its data, in Spanish only.
    expect(html).toContain(es.scheduling.public.subscribeHint);
    for (const text of [en.scheduling.public.subscribeHint, es.organizers.intro]) expect(html).not.toContain(text);
    await context.close();
  });

  it("a first visit loads only the light script, which marks the session in progress by the browser's clock and moves on", async () => {
    const context = await run.browser.newContext({ locale: "es-CO" });
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
    });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    // 09:30 in Bogotá on the day of the demo encounter: its panel (09:00-10:30) is on.
    await page.clock.install({ time: new Date("2024-02-29T14:30:00.000Z") });
    await page.goto(`${run.app.baseUrl}/encuentros/bogota-2024/agenda`, { waitUntil: "load" });
    expect(scripts).toEqual(["/light.js"]);
    const current = page.locator('.agenda-card[aria-current="time"]');
    await expect.poll(() => current.locator(".agenda-card__title").allInnerTexts()).toEqual(["Panel: Política Integral Migratoria con enfoque territorial"]);
    expect(await current.locator(".badge--now").isVisible()).toBe(true);
    expect(await page.locator(".badge--now:visible").count()).toBe(1);
    expect(await page.locator(".timeline__slot--now").count()).toBe(1);
    // The print button needs a script: the light one shows it, and it prints once.
    await page.evaluate(() => Object.assign(window, { prints: 0, print: () => (window as unknown as { prints: number }).prints++ }));
    await page.getByRole("button", { name: "Imprimir la agenda" }).click();
    expect(await page.evaluate(() => (window as unknown as { prints: number }).prints)).toBe(1);
    // An hour later (10:30-10:45 is the break) the mark has moved by itself, without a reload.
    await page.clock.runFor(60 * 60_000);
    await expect.poll(() => current.locator(".agenda-card__title").allInnerTexts()).toEqual(["Receso"]);
    expect(await page.locator(".badge--now:visible").count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("reached from a page that runs the app, the agenda renders inside it, its print button and mark in React", async () => {
    const context = await run.browser.newContext({ locale: "es-CO" });
    const page = await context.newPage();
    await page.clock.install({ time: new Date("2024-02-29T14:30:00.000Z") });
    await page.goto(`${run.app.baseUrl}/encuentros/bogota-2024/registro`);
    await page.waitForFunction(() => "__remixRouter" in window); // the app runs (registration is closed: no form here)
    await page.evaluate(() => Object.assign(window, { sameDocument: true, prints: 0, print: () => (window as unknown as { prints: number }).prints++ }));
    await page
      .locator("main")
      .getByRole("link", { name: /Encuentro de Ciudades Capitales/ })
      .click();
    await page.getByRole("link", { name: "Ver la agenda" }).click();
    await page.getByRole("heading", { level: 1, name: /^Agenda: / }).waitFor();
    await page.getByRole("button", { name: "Imprimir la agenda" }).click();
    const state = await page.evaluate(() => {
      const { sameDocument, prints } = window as unknown as { sameDocument?: boolean; prints: number };
      return { sameDocument, prints };
    });
    expect(state).toEqual({ sameDocument: true, prints: 1 });
    await expect
      .poll(() => page.locator('.agenda-card[aria-current="time"] .agenda-card__title').allInnerTexts())
      .toEqual(["Panel: Política Integral Migratoria con enfoque territorial"]);
    expect(await page.locator(".badge--now:visible").count()).toBe(1);
    await context.close();
  });

  it("an organizer in Tokyo adds a session at 12:15 Bogotá time; the public agenda, the print and the calendar show 12:15", async () => {
    // The browser's own zone is Tokyo: times typed and shown must still be the encounter's.
    const context = await run.browser.newContext({ locale: "es-CO", timezoneId: "Asia/Tokyo", viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    // Server and browser render the same text (no hydration mismatch from zones or locales).
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    await signInAsOrganizer(page, run.app.baseUrl);
    await page.goto(`${run.app.baseUrl}/admin/encuentros/bogota-2024/agenda`);
    await page.getByRole("heading", { level: 1, name: /^Agenda: Encuentro de Ciudades Capitales/ }).waitFor();

    const form = page.locator("form.agenda-form");
    await form.getByLabel("Título").fill("Almuerzo de trabajo por regiones");
    await form.getByLabel("Tipo").selectOption("working_table");
    await form.getByLabel("Fecha").fill("2024-02-29");
    await form.getByLabel("Hora de inicio").fill("12:15");
    await form.getByLabel("Hora de fin").fill("13:00");
    // Salón 1 is taken then by the working table of the demo: the warning shows while typing.
    await form.getByLabel(/^Sala/).fill("Salón 1");
    const warning = form.locator(".schedule-warnings");
    await warning.getByText(/La sala «Salón 1» está ocupada a esa hora/).waitFor();
    await form.getByLabel(/^Sala/).fill("Salón 2");
    await warning.waitFor({ state: "detached" });
    await form.getByLabel("Nombre").first().fill("Laura Gómez");
    await form.getByLabel("Organización").first().fill("Alcaldía de Cali");
    await form.getByRole("button", { name: "Añadir a la agenda" }).click();
    await page.getByRole("status").filter({ hasText: "La sesión se añadió a la agenda." }).waitFor();
    const row = page.locator("tr", { hasText: "Almuerzo de trabajo por regiones" });
    expect(await row.locator(".agenda-table__time").innerText()).toBe("12:15–13:00");

    // The public agenda, as anyone sees it (signed out, still in Tokyo).
    const visitor = await run.browser.newContext({ locale: "es-CO", timezoneId: "Asia/Tokyo" });
    const reader = await visitor.newPage();
    reader.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    await reader.goto(`${run.app.baseUrl}/encuentros/bogota-2024/agenda`);
    await reader.getByRole("button", { name: "Imprimir la agenda" }).waitFor(); // its script ran
    const slot = reader.locator(".timeline__slot", { hasText: "Almuerzo de trabajo por regiones" });
    expect(await slot.locator(".timeline__time").innerText()).toBe("12:15–13:00");
    expect(await slot.innerText()).toContain("Mesa de trabajo: prevención y atención"); // in parallel
    expect(await slot.innerText()).toContain("Laura Gómez (Alcaldía de Cali)");
    expect(await reader.getByRole("link", { name: "Suscribirse (Apple, Outlook…)" }).getAttribute("href")).toMatch(
      /^webcal:\/\/.+\/encuentros\/bogota-2024\/agenda\.ics$/,
    );

    // On paper: still one A4 sheet.
    const pdf = await reader.pdf({ format: "A4" });
    expect(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);

    // In a calendar: the item's own .ics, read as text, says 12:15 in Bogotá.
    const href = await slot.getByRole("link", { name: /^Agregar al calendario\s+«Almuerzo de trabajo por regiones» \(\.ics\)$/ }).getAttribute("href");
    const ics = await reader.evaluate(async (url) => (await fetch(url!)).text(), href);
    expect(ics).toContain("DTSTART;TZID=America/Bogota:20240229T121500");
    expect(ics).toContain("SUMMARY:Almuerzo de trabajo por regiones");
    expect(consoleErrors).toEqual([]);
    await visitor.close();
    await context.close();
  });
});
