import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zoneLabel } from "~/lib/time";
import { createDb } from "~db/client";
import { assertChromium, launchBrowser, postRegistrationForm, startApp, type RunningApp } from "./harness";
import { download, freeDemoPlaces, horizontalOverflow, lastMail, phone, readCsv, signInAsOrganizer, citySearchBox } from "./helpers";

// On a phone (390 × 844), the pages officials and check-in staff open at the venue: the
// personal page of someone on the waiting list, the public progress of commitments, the
// organizers' tables, and check-in itself (code, search, undo, walk-in, the attendance CSV);
// then what an official does afterwards from the personal link: correct their registration,
// download the certificate, and anyone checks it at /verificar. Personal links come from the
// kept mail (the outbox), as a person would take them from their inbox.

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
  // One place at `seguimiento` (its demo registrants' places given back), so the second person
  // waits; the demo's public progress on.
  await inDb(async (db) => {
    await freeDemoPlaces(db);
    const one = await db.updateTable("encounters").set({ capacity: 1 }).where("slug", "=", "seguimiento").where("confirmed_count", "=", 0).executeTakeFirst();
    expect(one.numUpdatedRows).toBe(1n);
    await db.updateTable("encounters").set({ commitments_public: 1 }).where("slug", "=", "bogota-2024").execute();
  });
  // The form answers every registration with the same page (200); the links go by mail.
  expect(await postRegistrationForm(app, "seguimiento", arrived)).toBe(200);
  expect(await postRegistrationForm(app, "seguimiento", waiting)).toBe(200);
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
    const paths = [
      "/admin/encuentros/bogota-2024/registros",
      "/admin/compromisos",
      "/admin/encuentros/bogota-2024/agenda",
      "/admin/encuentros/bogota-2024/acreditacion/asistencia",
      "/admin/correo",
    ];
    for (const path of paths) {
      await page.goto(app.baseUrl + path);
      await page.locator("main table.data").first().waitFor({ state: "attached" });
      expect(await horizontalOverflow(page), path).toBe(0);
      // Every table on view sits in a box no wider than the screen that scrolls sideways by itself.
      const boxes = await page.locator("main table.data").evaluateAll((tables) =>
        tables
          .filter((t) => t.getBoundingClientRect().width > 0)
          .map((t) => {
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
        (
          await db
            .selectFrom("registrations as r")
            .innerJoin("participants as p", "p.id", "r.participant_id")
            .select("r.checkin_code")
            .where("p.email", "=", arrived.email)
            .executeTakeFirstOrThrow()
        ).checkin_code,
      ),
    );
    await page.getByLabel("Código de la persona").fill(code.toLowerCase());
    await page.getByRole("button", { name: "Buscar código" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Llegada registrada: ${arrived.fullName}` })
      .waitFor();

    const checkedInAt = await inDb(async (db) =>
      String((await db.selectFrom("registrations").select("checked_in_at").where("checkin_code", "=", code).executeTakeFirstOrThrow()).checked_in_at),
    );
    const bogotaTime = new Intl.DateTimeFormat("es-CO", { timeZone: "America/Bogota", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
      new Date(checkedInAt),
    );

    // The same code again, typed: an alert at the top of the screen with the arrival time.
    await page.getByLabel("Código de la persona").fill(code);
    await page.getByRole("button", { name: "Buscar código" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "ya había llegado" });
    await alert.waitFor();
    expect(await alert.innerText()).toContain(arrived.fullName);
    // The time is the encounter's (Bogotá), and says so.
    expect(await alert.innerText()).toContain(`${bogotaTime} (${zoneLabel(checkedInAt, "America/Bogota", "es")})`);
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

describe("check-in flows on a phone", () => {
  let page: Page;
  const walkIn = { fullName: "Yuli Andrea Mosquera", email: "yuli.mosquera@quibdo.gov.co", citySearch: "quibd", city: "Quibdó" };

  async function arrivalOf(email: string): Promise<{ checked_in_at: string | null; status: string; source: string } | undefined> {
    return inDb((db) =>
      db
        .selectFrom("registrations as r")
        .innerJoin("participants as p", "p.id", "r.participant_id")
        .innerJoin("encounters as e", "e.id", "r.encounter_id")
        .select(["r.checked_in_at", "r.status", "r.source"])
        .where("p.email", "=", email)
        .where("e.slug", "=", "seguimiento")
        .executeTakeFirst(),
    );
  }

  beforeAll(async () => {
    // Room for the person who turns up without registering.
    await inDb((db) => db.updateTable("encounters").set({ capacity: 10 }).where("slug", "=", "seguimiento").execute());
    const context = await browser.newContext(phone);
    page = await context.newPage();
    await signInAsOrganizer(page, app.baseUrl);
  });

  afterAll(async () => {
    await page?.context().close();
  });

  it("finds a person by name, undoes an arrival and marks it again", async () => {
    await page.goto(`${app.baseUrl}/admin/encuentros/seguimiento/acreditacion`);
    await page.getByLabel("Buscar por nombre, correo o entidad").fill("rangel");
    await page.getByRole("button", { name: "Buscar", exact: true }).click();
    const results = page.locator(".checkin__people");
    await results.getByText(arrived.fullName).waitFor();
    expect(await results.locator("li").count()).toBe(1);
    await results.getByRole("button", { name: "Deshacer llegada" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Se deshizo la llegada de ${arrived.fullName}` })
      .waitFor();
    expect((await arrivalOf(arrived.email))?.checked_in_at).toBeNull();

    await page.getByRole("button", { name: `Registrar llegada: ${arrived.fullName}` }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Llegada registrada: ${arrived.fullName}` })
      .waitFor();
    expect((await arrivalOf(arrived.email))?.checked_in_at).not.toBeNull();

    // Someone on the waiting list is found, shown as such, and cannot be let in from here.
    await page.getByLabel("Buscar por nombre, correo o entidad").fill("villamizar");
    await page.getByRole("button", { name: "Buscar", exact: true }).click();
    const waitingRow = page.locator(".checkin__people li").filter({ hasText: waiting.fullName });
    await waitingRow.getByText("En lista de espera").waitFor();
    expect(await waitingRow.getByRole("button").count()).toBe(0);
    expect(await horizontalOverflow(page)).toBe(0);
  });

  it("an unknown code is refused in plain words", async () => {
    await page.goto(`${app.baseUrl}/admin/encuentros/seguimiento/acreditacion`);
    await page.getByLabel("Código de la persona").fill("ZZZZZ-ZZZZZ");
    await page.getByRole("button", { name: "Buscar código" }).click();
    await page.getByRole("alert").filter({ hasText: "Ese código no corresponde a ninguna inscripción de este encuentro." }).waitFor();
  });

  it("registers a walk-in and checks them in at once", async () => {
    await page.goto(`${app.baseUrl}/admin/encuentros/seguimiento/acreditacion`);
    await page.getByText("Persona sin inscripción").click();
    const form = page.locator("details form");
    await form.getByLabel("Nombre completo").fill(walkIn.fullName);
    await form.getByLabel(/Correo electrónico/).fill(walkIn.email);
    const city = citySearchBox(form);
    await city.fill(walkIn.citySearch);
    await page
      .getByRole("option", { name: new RegExp(walkIn.city) })
      .first()
      .waitFor();
    await city.press("ArrowDown");
    await city.press("Enter");
    await form.getByLabel("Entidad").fill("Secretaría de Gobierno");
    await form.getByLabel("Cargo").fill("Enlace de migración");
    await form.getByLabel(/leyó el aviso de privacidad/).check();
    await form.getByRole("button", { name: "Inscribir y registrar llegada" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Inscripción de ${walkIn.fullName} hecha` })
      .waitFor();
    const row = await arrivalOf(walkIn.email);
    expect(row).toMatchObject({ status: "confirmed", source: "walk_in" });
    expect(row?.checked_in_at).not.toBeNull();
  });

  it("the attendance list downloads as a CSV that lists who arrived and when", async () => {
    await page.goto(`${app.baseUrl}/admin/encuentros/seguimiento/acreditacion/asistencia`);
    const file = await download(page, page.getByRole("link", { name: "Exportar asistencia (CSV)" }));
    expect(file.name).toMatch(/\.csv$/);
    const [header, ...rows] = readCsv(file.body);
    expect(header.length).toBeGreaterThan(3);
    const lineOf = (name: string) => rows.find((r) => r.includes(name));
    for (const name of [arrived.fullName, walkIn.fullName]) {
      const line = lineOf(name);
      expect(line, name).toBeDefined();
      // Each arrival carries a time of day.
      expect(
        line!.some((cell) => /\b\d{2}:\d{2}\b/.test(cell)),
        name,
      ).toBe(true);
    }
    // The place freed for the walk-in promoted the waiting list: a confirmed person, not arrived.
    const notArrived = lineOf(waiting.fullName);
    expect(notArrived).toBeDefined();
    expect(notArrived!.some((cell) => /\b\d{2}:\d{2}\b/.test(cell))).toBe(false);
  });
});

describe("an official's personal link on a phone", () => {
  it("corrects their registration", async () => {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(String((await lastMail(app, "registration-waitlisted", waiting.email)).manageUrl));
    await page.getByRole("heading", { level: 1, name: "Su inscripción" }).waitFor();
    const form = page.locator("main form").first();
    await form.getByLabel("Entidad").fill("Secretaría de Seguridad y Convivencia");
    await form.getByLabel("Cargo").fill("Asesor de derechos humanos");
    await form.getByLabel(/Teléfono/).fill("+57 607 5784040");
    await form.getByLabel(/Necesidades/).fill("Rampa de acceso");
    await form.getByRole("button", { name: "Guardar cambios" }).click();
    await page.getByRole("status").filter({ hasText: "Guardamos sus cambios." }).waitFor();
    const person = await inDb((db) =>
      db.selectFrom("participants").select(["full_name", "entity", "position", "phone"]).where("email", "=", waiting.email).executeTakeFirstOrThrow(),
    );
    expect(person).toEqual({
      full_name: waiting.fullName,
      entity: "Secretaría de Seguridad y Convivencia",
      position: "Asesor de derechos humanos",
      phone: "+57 607 5784040",
    });
    // The page shows what was kept after a reload.
    await page.reload();
    expect(await page.locator("main form").first().getByLabel("Cargo").inputValue()).toBe("Asesor de derechos humanos");
    expect(await horizontalOverflow(page)).toBe(0);
    await context.close();
  });

  it("downloads the attendance certificate, and /verificar confirms its code", async () => {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(String((await lastMail(app, "registration-confirmed", arrived.email)).manageUrl));
    await page.getByText(/Registró su llegada el/).waitFor();
    const file = await download(page, page.getByRole("link", { name: "Descargar el certificado de asistencia (PDF)" }));
    expect(file.body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(file.name).toMatch(/\.pdf$/);
    const code = await inDb(async (db) =>
      String(
        (
          await db
            .selectFrom("certificates as c")
            .innerJoin("registrations as r", "r.id", "c.registration_id")
            .innerJoin("participants as p", "p.id", "r.participant_id")
            .select("c.code")
            .where("p.email", "=", arrived.email)
            .executeTakeFirstOrThrow()
        ).code,
      ),
    );

    // Anyone, on another phone, checks the code.
    const other = await browser.newContext(phone);
    const check = await other.newPage();
    await check.goto(`${app.baseUrl}/verificar`);
    await check.getByLabel("Código de verificación").fill(code);
    await check.getByRole("button", { name: "Verificar" }).click();
    const valid = check.getByRole("status").filter({ hasText: "Certificado válido" });
    await valid.waitFor();
    expect(await valid.innerText()).toContain(arrived.fullName);
    expect(await valid.innerText()).toContain("Encuentro de seguimiento de compromisos");

    await check.goto(`${app.baseUrl}/verificar`);
    await check.getByLabel("Código de verificación").fill("AAAA-BBBB-CCCC");
    await check.getByRole("button", { name: "Verificar" }).click();
    await check.getByRole("alert").filter({ hasText: "No existe un certificado con ese código." }).waitFor();
    expect(await horizontalOverflow(check)).toBe(0);
    await other.close();
    await context.close();
  });
});
