import { describe, expect, it } from "vitest";
import { createDb } from "~db/client";
import { postRegistrationForm } from "./harness";
import { desk, lastMail, signInAsOrganizer, signInByLink, withAppAndBrowser } from "./helpers";

// The city roster end to end (issue 16, item 1): an organizer puts a person on Leticia's roster
// and makes them its focal point (enlace); the focal point signs in by a mailed link on a phone and
// adds an official; that official signs in and records a commitment for the city; a stranger who
// registered for Leticia on the public form, and signed in the same way, still cannot.

const run = withAppAndBrowser();
const focal = { name: "Rosa Ahumada", email: "rosa.ahumada@leticia.gov.co" };
const official = { name: "Jairo Tananta", email: "jairo.tananta@leticia.gov.co" };
const stranger = { name: "Persona Desconocida", email: "desconocida@example.org" };
const title = "Ruta de atención a víctimas de trata en la frontera amazónica";

async function inDb<T>(fn: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const db = createDb(run.app.databaseUrl);
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

describe("the city roster", () => {
  it("an organizer names a focal point, who adds an official that can then record for the city, while a stranger cannot", async () => {
    // An organizer at a desk: Leticia has no focal point in the demo.
    const organizerContext = await run.browser.newContext(desk);
    const admin = await organizerContext.newPage();
    await signInAsOrganizer(admin, run.app.baseUrl);
    await admin.getByRole("link", { name: "Ciudades", exact: true }).click();
    await admin.getByRole("heading", { level: 1, name: "Ciudades capitales" }).waitFor();
    const leticiaRow = admin.locator("main tr").filter({ has: admin.getByRole("link", { name: "Leticia" }) });
    await leticiaRow.getByText("Sin enlace").waitFor();
    await leticiaRow.getByRole("link", { name: "Leticia" }).click();
    await admin.getByRole("heading", { level: 1, name: "Leticia" }).waitFor();

    const add = admin.locator("form", { has: admin.getByRole("button", { name: "Agregar al directorio" }) });
    await add.getByLabel("Nombre completo").fill(focal.name);
    await add.getByLabel("Correo electrónico").fill(focal.email);
    await add.getByLabel("Entidad").fill("Secretaría de Gobierno");
    await add.getByLabel("Cargo").fill("Secretaria de Gobierno");
    await add.getByRole("button", { name: "Agregar al directorio" }).click();
    await admin.getByText(`${focal.name} quedó en el directorio de Leticia`).waitFor();
    await admin.getByRole("button", { name: `Nombrar enlace: ${focal.name}` }).click();
    await admin.getByText(`${focal.name} es ahora enlace de Leticia.`).waitFor();
    await admin.getByRole("button", { name: `Quitar el papel de enlace: ${focal.name}` }).waitFor();
    expect((await lastMail(run.app, "roster-change", focal.email)).change).toBe("focalGiven");
    const audited = await inDb((db) =>
      db.selectFrom("audit_log").select("action").where("action", "like", "city_roster.%").orderBy("id", "desc").limit(2).execute(),
    );
    expect(audited.map((a) => a.action)).toEqual(["city_roster.role", "city_roster.add"]);

    // The focal point, on a phone, signs in by the mailed link and adds an official.
    const focalPage = await signInByLink(run.app, run.browser, focal.email, "/mi-ciudad/directorio");
    await focalPage.getByRole("heading", { level: 1, name: "Directorio de Leticia" }).waitFor();
    const addOfficial = focalPage.locator("form", { has: focalPage.getByRole("button", { name: "Agregar al directorio" }) });
    await addOfficial.getByLabel("Nombre completo").fill(official.name);
    await addOfficial.getByLabel("Correo electrónico").fill(official.email);
    await addOfficial.getByLabel("Entidad").fill("Secretaría de Salud");
    await addOfficial.getByLabel("Cargo").fill("Referente de migración");
    await addOfficial.getByRole("button", { name: "Agregar al directorio" }).click();
    await focalPage.getByText(`${official.name} quedó en el directorio de Leticia`).waitFor();
    await focalPage.getByRole("button", { name: `Retirar: ${official.name}` }).waitFor();
    expect(await focalPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const added = await lastMail(run.app, "roster-change", official.email);
    expect(added).toMatchObject({ change: "added", by: focal.name, city: "Leticia" });
    await focalPage.context().close();

    // The official signs in by link and records a commitment of Leticia.
    const officialPage = await signInByLink(run.app, run.browser, official.email, "/mi-ciudad/compromisos");
    await officialPage.getByRole("heading", { level: 1, name: "Compromisos de Leticia" }).waitFor();
    await officialPage.getByRole("link", { name: /Registrar un compromiso en «Encuentro de seguimiento/ }).click();
    await officialPage.getByRole("heading", { level: 1, name: "Nuevo compromiso de Leticia" }).waitFor();
    await officialPage.getByLabel("¿A qué se compromete la ciudad?").fill(title);
    await officialPage.getByText("PISCC", { exact: true }).click();
    await officialPage.getByLabel("Tema").selectOption("trafficking");
    await officialPage.getByRole("button", { name: "Registrar el compromiso" }).click();
    await officialPage.getByText(/Compromiso registrado/).waitFor();
    await officialPage.getByRole("heading", { level: 1, name: title }).waitFor();
    await officialPage.context().close();

    // A stranger registers for Leticia on the public form and signs in the same way: nothing of the city.
    expect(await postRegistrationForm(run.app, "seguimiento", { fullName: stranger.name, email: stranger.email, cityDane: "91001" })).toBe(200);
    const strangerPage = await signInByLink(run.app, run.browser, stranger.email, "/encuentros/seguimiento/compromisos/nuevo");
    await strangerPage.getByRole("heading", { level: 1, name: "Su ciudad aún no lo ha confirmado" }).waitFor();
    expect(await strangerPage.getByRole("button", { name: "Registrar el compromiso" }).count()).toBe(0);
    // Posting the form anyway is refused, and writes nothing.
    const refused = await strangerPage.evaluate(async (commitment) => {
      const body = new URLSearchParams({
        title: commitment,
        instrument: "PDT",
        theme: "smuggling",
        dueDate: "2031-12-31",
        responsibleName: "X",
        responsibleEmail: "x@example.org",
      });
      return (await fetch("/encuentros/seguimiento/compromisos/nuevo", { method: "POST", body })).status;
    }, "Compromiso de un desconocido");
    expect(refused).toBe(403);
    await strangerPage.goto(`${run.app.baseUrl}/mi-ciudad/directorio`);
    await strangerPage.getByRole("heading", { level: 1, name: "Su ciudad aún no lo ha confirmado" }).waitFor();
    await strangerPage.context().close();

    const leticia = await inDb((db) =>
      db
        .selectFrom("commitments")
        .innerJoin("cities", "cities.id", "commitments.city_id")
        .select("commitments.title")
        .where("cities.dane", "=", "91001")
        .execute(),
    );
    expect(leticia).toContainEqual({ title });
    expect(leticia).not.toContainEqual({ title: "Compromiso de un desconocido" });

    // The organizers' list of cities now shows Leticia's focal point and its two verified people (and the demo's two).
    await admin.goto(`${run.app.baseUrl}/admin/ciudades`);
    const row = admin.locator("main tr").filter({ has: admin.getByRole("link", { name: "Leticia" }) });
    await row.getByText(focal.name).waitFor();
    expect(await row.locator("td.num").innerText()).toBe("4");
    await organizerContext.close();
  });
});
