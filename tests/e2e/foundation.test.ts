import { describe, expect, it } from "vitest";
import { withAppAndBrowser } from "./helpers";

const run = withAppAndBrowser();

describe("foundation in a real browser", () => {
  it("goes from the home page to the demo encounter and its agenda, in Spanish", async () => {
    const page = await run.browser.newPage({ locale: "es-CO" });
    await page.goto(run.app.baseUrl + "/");
    expect(await page.getAttribute("html", "lang")).toBe("es-CO");
    await page.getByRole("link", { name: /movilidad humana, trata de personas/ }).click();
    await page.waitForURL(/\/encuentros\/bogota-2024$/);
    // A client-side navigation changes the URL before React renders the new page: wait for the
    // page itself, not only its address, before reading it.
    const title = page.getByRole("heading", { level: 1, name: /Encuentro de Ciudades Capitales/ });
    await title.waitFor();
    await expect(title.textContent()).resolves.toContain("Encuentro de Ciudades Capitales");
    await page.getByRole("link", { name: "Ver la agenda" }).click();
    await page.waitForURL(/\/agenda$/);
    await page.getByRole("heading", { level: 1, name: /^Agenda: Encuentro de Ciudades Capitales/ }).waitFor();
    const agenda = await page.locator("main").innerText();
    expect(agenda).toContain("08:00");
    expect(agenda).toContain("Registro y bienvenida");
    expect(agenda).toContain("Taller: Guía para la elaboración de PDT y PISCC");
    await page.close();
  });

  it("switches to English with the visible switch", async () => {
    const page = await run.browser.newPage({ locale: "es-CO" });
    await page.goto(run.app.baseUrl + "/encuentros/bogota-2024");
    await page.getByRole("button", { name: /English/ }).click();
    await page.getByRole("link", { name: "See the agenda" }).waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await page.close();
  });

  it("refuses a wrong password without saying which part was wrong", async () => {
    const page = await run.browser.newPage({ locale: "es-CO" });
    await page.goto(run.app.baseUrl + "/ingresar");
    await page.getByLabel("Correo electrónico").fill("organizadora@convoca.test");
    await page.getByLabel("Contraseña").fill("no-es-la-clave");
    await page.getByRole("button", { name: "Ingresar" }).click();
    await page.getByRole("alert").filter({ hasText: "El correo o la contraseña no son correctos." }).waitFor();
    expect(page.url()).toContain("/ingresar");
    await page.close();
  });

  it("signs an organizer in and out", async () => {
    const page = await run.browser.newPage({ locale: "es-CO" });
    await page.goto(run.app.baseUrl + "/admin");
    await page.waitForURL(/\/ingresar\?redirectTo=%2Fadmin/);
    await page.getByLabel("Correo electrónico").fill("organizadora@convoca.test");
    await page.getByLabel("Contraseña").fill("convoca-demo");
    await page.getByRole("button", { name: "Ingresar" }).click();
    await page.waitForURL(/\/admin$/);
    await page.getByRole("heading", { name: "Encuentros" }).waitFor();
    expect(await page.locator("main").innerText()).toContain("Encuentro de seguimiento");
    await page.getByRole("button", { name: "Salir" }).click();
    await page.waitForURL(run.app.baseUrl + "/");
    await page.goto(run.app.baseUrl + "/admin");
    await page.waitForURL(/\/ingresar/);
    await page.close();
  });

  it("shows a friendly Spanish 404 for an unknown encounter", async () => {
    const page = await run.browser.newPage({ locale: "es-CO" });
    const response = await page.goto(run.app.baseUrl + "/encuentros/no-existe");
    expect(response?.status()).toBe(404);
    expect(await page.locator("main").innerText()).toContain("No encontramos esta página");
    await page.close();
  });
});
