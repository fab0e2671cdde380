import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "~db/client";
import { assertChromium, launchBrowser, postRegistrationForm, startApp, type RunningApp } from "./harness";
import { horizontalOverflow, lastMail, phone, signInAsOrganizer } from "./helpers";

// On a phone (390 × 844), the pages officials and check-in staff open at the venue: the
// personal page of someone on the waiting list, the public progress of commitments, the
// organizers' tables, and check-in itself.

let app: RunningApp;
let browser: Browser;
const artifacts = "tests/e2e/artifacts";
const arrived = { fullName: "Marta Lucía Rangel", email: "marta.rangel@pasto.gov.co", cityDane: "52001" };
const waiting = { fullName: "Óscar Eduardo Villamizar", email: "oscar.villamizar@cucuta.gov.co", cityDane: "54001" };

async function inDb<T>(work: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const db = createDb(app.databaseUrl);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/** Every visible element's right edge, in CSS pixels, past the screen's width (none is the goal). */
async function boxesPastTheScreen(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((elements) =>
    elements
      .filter((e) => e.getBoundingClientRect().width > 0)
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${Math.round(e.getBoundingClientRect().right)}`),
  );
}

beforeAll(async () => {
  assertChromium();
  app = await startApp();
  browser = await launchBrowser();
  fs.mkdirSync(artifacts, { recursive: true });
  // One place at `seguimiento`, so the second person waits; the demo's public progress on.
  await inDb(async (db) => {
    const one = await db.updateTable("encounters").set({ capacity: 1 }).where("slug", "=", "seguimiento").where("confirmed_count", "=", 0).executeTakeFirst();
    expect(one.numUpdatedRows).toBe(1n);
    await db.updateTable("encounters").set({ commitments_public: 1 }).where("slug", "=", "bogota-2024").execute();
  });
  expect(await postRegistrationForm(app, "seguimiento", arrived)).toBe(303);
  expect(await postRegistrationForm(app, "seguimiento", waiting)).toBe(303);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("phone layouts at 390 px", () => {
  it("the waiting list's personal page shows each value on its own lines, not one word per line", async () => {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(String((await lastMail(app, "registration-waitlisted", waiting.email)).manageUrl));
    await page.getByRole("heading", { level: 1, name: "Su inscripción" }).waitFor();
    await page.screenshot({ path: `${artifacts}/telefono-lista-de-espera.png`, fullPage: true });
    expect(await horizontalOverflow(page)).toBe(0);
    // The encounter's title, the first value, is as wide as the screen allows: a column of
    // single words would be a fraction of it.
    const facts = page.locator("main dl.facts").first();
    const value = facts.locator("dd").first();
    const [factsBox, valueBox] = [await facts.boundingBox(), await value.boundingBox()];
    expect(valueBox!.width).toBeGreaterThan(factsBox!.width * 0.8);
    expect(await facts.innerText()).toMatch(/Puesto en la lista de espera\s+1/);
    await context.close();
  });

  it("the public progress page keeps status and progress on the screen", async () => {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/encuentros/bogota-2024/compromisos`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.screenshot({ path: `${artifacts}/telefono-avance-publico.png`, fullPage: true });
    expect(await horizontalOverflow(page)).toBe(0);
    const first = page.locator("main section").first();
    // Each commitment's status and progress are inside the screen's width, without scrolling.
    for (const text of [/Cumplido|En curso|Propuesto|En riesgo|Descartado/, /\d+ ?%/]) {
      const box = await first.getByText(text).first().boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    }
    expect(await boxesPastTheScreen(page, "main *")).toEqual([]);
    await context.close();
  });

  it("an organizers' table scrolls inside its own box, never the page", async () => {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await signInAsOrganizer(page, app.baseUrl);
    const paths = ["/admin/encuentros/bogota-2024/registros", "/admin/compromisos", "/admin/encuentros/bogota-2024/agenda", "/admin/encuentros/bogota-2024/acreditacion/asistencia", "/admin/correo"];
    for (const path of paths) {
      await page.goto(app.baseUrl + path);
      await page.locator("main table.data").first().waitFor({ state: "attached" });
      expect(await horizontalOverflow(page), path).toBe(0);
      // Every table on view sits in a box no wider than the screen that scrolls sideways by itself.
      const boxes = await page.locator("main table.data").evaluateAll((tables) =>
        tables.filter((t) => t.getBoundingClientRect().width > 0).map((t) => {
          const box = t.parentElement!;
          return { right: box.getBoundingClientRect().right, overflowX: getComputedStyle(box).overflowX };
        }),
      );
      expect(boxes.length, path).toBeGreaterThan(0);
      for (const box of boxes) {
        expect(box.right, path).toBeLessThanOrEqual(390);
        expect(["auto", "scroll"], path).toContain(box.overflowX);
      }
    }
    await page.screenshot({ path: `${artifacts}/telefono-tabla-admin.png` });
    await context.close();
  });
});

describe("check-in on a phone", () => {
  let page: Page;
  let code: string;

  it("puts the code and search fields within the first screen", async () => {
    const context = await browser.newContext(phone);
    page = await context.newPage();
    await signInAsOrganizer(page, app.baseUrl);
    await page.goto(`${app.baseUrl}/admin/encuentros/seguimiento/acreditacion`);
    await page.getByRole("heading", { level: 1, name: /Acreditación/ }).waitFor();
    await page.screenshot({ path: `${artifacts}/telefono-acreditacion.png` });
    expect(await horizontalOverflow(page)).toBe(0);
    for (const label of ["Código de la persona", "Buscar por nombre, correo o entidad"]) {
      const box = await page.getByLabel(label).boundingBox();
      expect(box!.y + box!.height, label).toBeLessThanOrEqual(844);
    }
  });

  it("a second scan of the same person says loudly that they already arrived, and when", async () => {
    code = await inDb(async (db) =>
      String(
        (await db.selectFrom("registrations as r").innerJoin("participants as p", "p.id", "r.participant_id").select("r.checkin_code").where("p.email", "=", arrived.email).executeTakeFirstOrThrow()).checkin_code,
      ),
    );
    await page.getByLabel("Código de la persona").fill(code.toLowerCase());
    await page.getByRole("button", { name: "Buscar código" }).click();
    await page.getByRole("status").filter({ hasText: `Llegada registrada: ${arrived.fullName}` }).waitFor();

    const checkedInAt = await inDb(async (db) =>
      String((await db.selectFrom("registrations").select("checked_in_at").where("checkin_code", "=", code).executeTakeFirstOrThrow()).checked_in_at),
    );
    const bogotaTime = new Intl.DateTimeFormat("es-CO", { timeZone: "America/Bogota", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(checkedInAt));

    // The same code again, typed: an alert at the top of the screen with the arrival time.
    await page.getByLabel("Código de la persona").fill(code);
    await page.getByRole("button", { name: "Buscar código" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "ya había llegado" });
    await alert.waitFor();
    expect(await alert.innerText()).toContain(arrived.fullName);
    expect(await alert.innerText()).toContain(bogotaTime);
    const box = await alert.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    await page.screenshot({ path: `${artifacts}/telefono-ya-llego.png` });

    // The QR's link opened again by the phone's camera app: the same alert, before any tap.
    await page.goto(`${app.baseUrl}/admin/encuentros/seguimiento/acreditacion?codigo=${encodeURIComponent(code)}`);
    const again = page.getByRole("alert").filter({ hasText: "ya había llegado" });
    await again.waitFor();
    expect(await again.innerText()).toContain(bogotaTime);
    const againBox = await again.boundingBox();
    expect(againBox!.y).toBeGreaterThanOrEqual(0);
    expect(againBox!.y + againBox!.height).toBeLessThanOrEqual(844);
    await page.context().close();
  });
});
