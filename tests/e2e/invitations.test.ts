import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "~db/client";
import { makeParticipant, makeRosterEntry } from "../factories";
import { assertChromium, launchBrowser, postRegistrationForm, startApp, type RunningApp } from "./harness";
import { desk, lastMail, phone, signInAsOrganizer, signInByLink } from "./helpers";

// Issue 16 in Chromium: an organizer invites three cities (one through its focal point, two
// through typed addresses); Yopal's focal point opens the link and registers a delegation of
// three; one delegate opens their personal link and consents; the grid shows each city's
// state. A second run does Villavicencio's delegation with JavaScript disabled, adding a row
// with the plain "add another row" button, one person beyond the city's places, after a row
// with an address on another city's roster is refused. Mocoa opens its link and declines; a
// forged link and a withdrawn one get the styled refusal with the organizers' contact. Then
// Yopal's focal point adds an official to the city's roster, who records a commitment for
// Yopal, while a stranger who registered for Yopal on the public form still cannot.

let app: RunningApp;
let browser: Browser;
let organizer: BrowserContext;

async function inDb<T>(fn: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const db = createDb(app.databaseUrl);
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

const focal = { email: "enlace.yopal@yopal-casanare.gov.co", name: "Rocío Barrera" };
const typed = { villavicencio: "enlace@villavicencio.gov.co", mocoa: "enlace@mocoa-putumayo.gov.co" };

beforeAll(async () => {
  assertChromium();
  app = await startApp({ MAIL_WORKER: "off" });
  browser = await launchBrowser();
  organizer = await browser.newContext(desk);
  // Yopal's focal point, on its roster (the roster's own pages name focal points).
  await inDb(async (db) => {
    const person = await makeParticipant(db, {
      email: focal.email,
      full_name: focal.name,
      cityDane: "85001",
      entity: "Alcaldía de Yopal",
      position: "Enlace de migración",
    });
    await makeRosterEntry(db, { participant_id: person.id, role: "focal_point" });
  });
});

afterAll(async () => {
  await organizer?.close();
  await browser?.close();
  await app?.stop();
});

const gridRow = (page: Page, dane: string) => page.locator(`#ciudad-${dane}`);

async function fillRow(page: Page, index: number, person: { name: string; email: string; entity: string; position: string }) {
  await page.locator(`input[name="delegates[${index}].fullName"]`).fill(person.name);
  await page.locator(`input[name="delegates[${index}].email"]`).fill(person.email);
  await page.locator(`input[name="delegates[${index}].entity"]`).fill(person.entity);
  await page.locator(`input[name="delegates[${index}].position"]`).fill(person.position);
}

const yopal = [
  { name: "Camila Rodríguez", email: "camila.rodriguez@yopal-casanare.gov.co", entity: "Secretaría de Gobierno", position: "Secretaria" },
  { name: "Hernán Pérez", email: "hernan.perez@yopal-casanare.gov.co", entity: "Secretaría de Seguridad", position: "Asesor" },
  { name: "Diana Suárez", email: "diana.suarez@yopal-casanare.gov.co", entity: "Secretaría de la Mujer", position: "Profesional" },
];

describe("invitations and a delegation, in Chromium", () => {
  it("an organizer invites three cities: one to its focal point, two to typed addresses", async () => {
    const page = await organizer.newPage();
    await signInAsOrganizer(page, app.baseUrl);
    await page.goto(`${app.baseUrl}/admin/encuentros/seguimiento`);
    await page.getByRole("link", { name: "Invitaciones" }).click();
    await page.getByRole("heading", { name: "Invitaciones", level: 1 }).waitFor();
    for (const city of ["Yopal", "Villavicencio", "Mocoa"]) await page.getByRole("checkbox", { name: `Elegir ${city}` }).check();
    await page.getByLabel("Correo para Villavicencio").fill(typed.villavicencio);
    await page.getByLabel("Correo para Mocoa").fill(typed.mocoa);
    await page.getByRole("button", { name: "Invitar a las ciudades elegidas" }).click();
    await page.getByRole("status").filter({ hasText: "Invitamos a 3 ciudades." }).waitFor();
    for (const dane of ["85001", "50001", "86001"]) expect(await gridRow(page, dane).getAttribute("data-state")).toBe("sent");
    expect(await gridRow(page, "85001").innerText()).toContain(focal.name);
    // The demo's round is there too, in every state.
    expect(await gridRow(page, "15001").innerText()).toContain("Declinó");
    expect(await gridRow(page, "73001").innerText()).toContain("Delegación inscrita");
    await page.close();
  });

  it("Yopal's focal point opens the link on a phone and registers a delegation of three", async () => {
    const mail = await lastMail(app, "invitation", focal.email);
    expect(mail).toMatchObject({ name: focal.name, city: "Yopal", places: 3 });
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(String(mail.url));
    await page.getByRole("heading", { name: "Delegación de Yopal" }).waitFor();
    expect(await page.locator("main").innerText()).toContain("La ciudad tiene 3 cupos: 0 asignados y 3 libres.");
    for (const [i, person] of yopal.entries()) await fillRow(page, i, person);
    await page.getByRole("button", { name: "Inscribir a la delegación" }).click();
    await page.getByRole("status").filter({ hasText: "3 personas con cupo" }).waitFor();
    const list = page.locator(".delegation-list");
    for (const person of yopal) expect(await list.innerText()).toContain(person.name);
    expect(await list.getByText("Autorización pendiente").count()).toBe(3);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await context.close();
  });

  it("one delegate opens their personal link and gives their own consent", async () => {
    const mail = await lastMail(app, "registration-confirmed", yopal[0].email);
    expect(mail.delegation).toEqual({ city: "Yopal" });
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(String(mail.manageUrl));
    await page.getByText("La persona enlace de su ciudad lo inscribió en la delegación").waitFor();
    await page.getByLabel(/Autorizo el tratamiento/).check();
    await page.getByRole("button", { name: "Dar mi autorización y continuar" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: /autorización/i })
      .first()
      .waitFor();
    const consent = await inDb((db) =>
      db
        .selectFrom("registrations")
        .innerJoin("participants", "participants.id", "registrations.participant_id")
        .select(["registrations.consent_pending", "participants.email"])
        .where("registrations.source", "=", "delegation")
        .where(
          "participants.email",
          "in",
          yopal.map((p) => p.email),
        )
        .execute(),
    );
    expect(Object.fromEntries(consent.map((c) => [c.email, c.consent_pending]))).toEqual({ [yopal[0].email]: 0, [yopal[1].email]: 1, [yopal[2].email]: 1 });
    await context.close();
  });

  it("with JavaScript disabled, Villavicencio adds a row and registers four: three places and one on the waiting list", async () => {
    const mail = await lastMail(app, "invitation", typed.villavicencio);
    const context = await browser.newContext({ ...phone, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(String(mail.url));
    await page.getByRole("heading", { name: "Delegación de Villavicencio" }).waitFor();
    expect(await page.locator('input[name$=".fullName"]').count()).toBe(3);
    const people = ["Ana", "Bruno", "Carla", "Dario"].map((n) => ({
      name: `${n} Meta`,
      email: `${n.toLowerCase()}@villavicencio.gov.co`,
      entity: "Alcaldía",
      position: "Asesor",
    }));
    // First with Yopal's focal point in a row: refused, naming the city whose roster has them.
    await fillRow(page, 0, people[0]);
    await fillRow(page, 1, { ...people[1], email: focal.email });
    await page.getByRole("button", { name: "Inscribir a la delegación" }).click();
    await page.getByText("Este correo está en el directorio de Yopal").waitFor();
    expect(await page.locator('input[name="delegates[0].fullName"]').inputValue()).toBe(people[0].name);
    expect(await page.locator(".delegation-list").count()).toBe(0);
    const written = await inDb((db) =>
      db
        .selectFrom("registrations")
        .innerJoin("invitations", "invitations.id", "registrations.invitation_id")
        .innerJoin("cities", "cities.id", "invitations.city_id")
        .select("registrations.id")
        .where("cities.dane", "=", "50001")
        .execute(),
    );
    expect(written).toEqual([]);
    for (const [i, person] of people.slice(0, 3).entries()) await fillRow(page, i, person);
    await page.getByRole("button", { name: "Añadir otra fila" }).click();
    await page.locator('input[name="delegates[3].fullName"]').waitFor();
    // What was typed came back with the new row.
    expect(await page.locator('input[name="delegates[0].fullName"]').inputValue()).toBe(people[0].name);
    await fillRow(page, 3, people[3]);
    await page.getByRole("button", { name: "Inscribir a la delegación" }).click();
    await page.getByRole("status").filter({ hasText: "1 en lista de espera porque no quedan cupos de la ciudad" }).waitFor();
    const list = page.locator(".delegation-list");
    expect(await list.getByText("En lista de espera").count()).toBe(1);
    expect(await list.getByText("Confirmada").count()).toBe(3);
    await context.close();
  });

  it("Mocoa opens its link, and the grid shows it opened; then it declines with a reason", async () => {
    const mail = await lastMail(app, "invitation", typed.mocoa);
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(String(mail.url));
    await page.getByRole("heading", { name: "Delegación de Mocoa" }).waitFor();
    const grid = await organizer.newPage();
    await grid.goto(`${app.baseUrl}/admin/encuentros/seguimiento/invitaciones`);
    expect(await gridRow(grid, "86001").getAttribute("data-state")).toBe("opened");
    await grid.close();
    await page.getByLabel("Motivo").fill("La alcaldía está en empalme de gobierno.");
    await page.getByRole("button", { name: "Declinar la invitación" }).click();
    await page.getByRole("status").filter({ hasText: "Registramos que la ciudad declina la invitación." }).waitFor();
    await page.getByText("La ciudad declinó la invitación. Motivo: «La alcaldía está en empalme de gobierno.»").waitFor();
    await context.close();
  });

  it("the grid shows each city's state", async () => {
    const page = await organizer.newPage();
    await page.goto(`${app.baseUrl}/admin/encuentros/seguimiento/invitaciones`);
    expect(await gridRow(page, "85001").getAttribute("data-state")).toBe("registered");
    expect(await gridRow(page, "85001").innerText()).toContain("3 personas de la delegación");
    expect(await gridRow(page, "50001").getAttribute("data-state")).toBe("registered");
    expect(await gridRow(page, "50001").innerText()).toContain("1 en lista de espera");
    expect(await gridRow(page, "50001").innerText()).toContain("3 de 3 cupos de la ciudad");
    expect(await gridRow(page, "86001").getAttribute("data-state")).toBe("declined");
    expect(await gridRow(page, "86001").innerText()).toContain("Motivo: La alcaldía está en empalme de gobierno.");
    expect(await gridRow(page, "20001").getAttribute("data-state")).toBe("opened");
    expect(await gridRow(page, "11001").getAttribute("data-state")).toBe("not_invited");
    await page.close();
  });

  it("a forged link and a withdrawn one show the styled page with the organizers' contact", async () => {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    const yopalUrl = String((await lastMail(app, "invitation", focal.email)).url);
    const forged = await page.goto(yopalUrl.slice(0, -2) + (yopalUrl.endsWith("AA") ? "BB" : "AA"));
    expect(forged?.status()).toBe(404);
    await page.getByRole("heading", { name: "Este enlace de invitación no sirve" }).waitFor();
    expect(await page.locator("main a[href^='mailto:']").count()).toBeGreaterThan(0);
    expect(await page.locator("main input").count()).toBe(0);

    // The organizer withdraws Mocoa's invitation: its link stops working at once.
    const grid = await organizer.newPage();
    await grid.goto(`${app.baseUrl}/admin/encuentros/seguimiento/invitaciones`);
    await grid.getByRole("button", { name: "Retirar la invitación de Mocoa" }).click();
    await grid.getByRole("status").filter({ hasText: "Retiramos la invitación de Mocoa" }).waitFor();
    expect(await gridRow(grid, "86001").getAttribute("data-state")).toBe("not_invited");
    await grid.close();
    const withdrawn = await page.goto(String((await lastMail(app, "invitation", typed.mocoa)).url));
    expect(withdrawn?.status()).toBe(410);
    await page.getByRole("heading", { name: "Este enlace de invitación ya no está vigente" }).waitFor();
    await page.getByRole("link", { name: "Ver el encuentro" }).waitFor();
    const contact = await inDb((db) => db.selectFrom("encounters").select("contact_email").where("slug", "=", "seguimiento").executeTakeFirstOrThrow());
    expect(contact.contact_email).toBeTruthy();
    await page.locator(`main a[href="mailto:${contact.contact_email}"]`).waitFor();
    await context.close();
  });

  it("the same focal point adds an official, who records a commitment for Yopal, while a self-registered stranger cannot", async () => {
    const official = { name: "Julián Cárdenas", email: "julian.cardenas@yopal-casanare.gov.co" };
    const title = "Ruta de atención a población migrante en el terminal de Yopal";
    const focalPage = await signInByLink(app, browser, focal.email, "/mi-ciudad/directorio");
    await focalPage.getByRole("heading", { level: 1, name: "Directorio de Yopal" }).waitFor();
    const add = focalPage.locator("form", { has: focalPage.getByRole("button", { name: "Agregar al directorio" }) });
    await add.getByLabel("Nombre completo").fill(official.name);
    await add.getByLabel("Correo electrónico").fill(official.email);
    await add.getByLabel("Entidad").fill("Secretaría de Gobierno");
    await add.getByLabel("Cargo").fill("Asesor de migración");
    await add.getByRole("button", { name: "Agregar al directorio" }).click();
    await focalPage.getByText(`${official.name} quedó en el directorio de Yopal`).waitFor();
    await focalPage.context().close();

    const officialPage = await signInByLink(app, browser, official.email, "/mi-ciudad/compromisos");
    await officialPage.getByRole("heading", { level: 1, name: "Compromisos de Yopal" }).waitFor();
    await officialPage.getByRole("link", { name: /Registrar un compromiso en «Encuentro de seguimiento/ }).click();
    await officialPage.getByRole("heading", { level: 1, name: "Nuevo compromiso de Yopal" }).waitFor();
    await officialPage.getByLabel("¿A qué se compromete la ciudad?").fill(title);
    await officialPage.getByText("PISCC", { exact: true }).click();
    await officialPage.getByLabel("Tema").selectOption("trafficking");
    await officialPage.getByRole("button", { name: "Registrar el compromiso" }).click();
    await officialPage.getByText(/Compromiso registrado/).waitFor();
    await officialPage.context().close();

    const stranger = { fullName: "Persona Desconocida", email: "desconocida.yopal@example.org", cityDane: "85001" };
    expect(await postRegistrationForm(app, "seguimiento", stranger)).toBe(200);
    const strangerPage = await signInByLink(app, browser, stranger.email, "/encuentros/seguimiento/compromisos/nuevo");
    await strangerPage.getByRole("heading", { level: 1, name: "Su ciudad aún no lo ha confirmado" }).waitFor();
    expect(await strangerPage.getByRole("button", { name: "Registrar el compromiso" }).count()).toBe(0);
    const refused = await strangerPage.evaluate(async () => {
      const body = new URLSearchParams({
        title: "Compromiso de un desconocido",
        instrument: "PDT",
        theme: "smuggling",
        dueDate: "2031-12-31",
        responsibleName: "X",
        responsibleEmail: "x@example.org",
      });
      return (await fetch("/encuentros/seguimiento/compromisos/nuevo", { method: "POST", body })).status;
    });
    expect(refused).toBe(403);
    await strangerPage.context().close();

    const yopal = await inDb((db) =>
      db
        .selectFrom("commitments")
        .innerJoin("cities", "cities.id", "commitments.city_id")
        .select("commitments.title")
        .where("cities.dane", "=", "85001")
        .execute(),
    );
    expect(yopal).toEqual([{ title }]);
  });
});
