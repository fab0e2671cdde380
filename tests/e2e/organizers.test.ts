import fs from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "~db/client";
import { assertChromium, launchBrowser, startApp, type RunningApp } from "./harness";
import { demoOrganizer, desk, download, lastMail, phone, readCsv, readXlsx, signInAsOrganizer } from "./helpers";

// At a desk (1280 × 800), what organizers do between encounters: create, edit and duplicate an
// encounter; import invitees from a CSV and export the list; reorder an agenda and tell the
// registered people; manage organizer accounts and one's own password; answer a person's data
// request (copy and deletion); and follow commitments (validation, focal points, exports). A
// responsible official then stops reminders from the link in the mail, on a phone. Every file
// downloaded is read back by an independent reader (csv-parse, ExcelJS, JSON.parse).

let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const artifacts = "tests/e2e/artifacts";

async function inDb<T>(work: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const db = createDb(app.databaseUrl);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

beforeAll(async () => {
  assertChromium();
  app = await startApp();
  browser = await launchBrowser();
  fs.mkdirSync(artifacts, { recursive: true });
  context = await browser.newContext(desk);
  page = await context.newPage();
  await signInAsOrganizer(page, app.baseUrl);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("encounters at a desk", () => {
  const title = "Encuentro regional del Caribe sobre trata de personas";

  it("creates an encounter as a draft, edits it and duplicates it with its agenda", async () => {
    await page.goto(`${app.baseUrl}/admin`);
    await page.getByRole("link", { name: /Nuevo encuentro/ }).click();
    await page.getByRole("heading", { level: 1, name: "Nuevo encuentro" }).waitFor();
    const form = page.locator("main form");
    await form.getByLabel("Título").fill(title);
    await form.getByLabel("Dirección web").fill("caribe-2027");
    await form.getByLabel("Resumen").fill("Ciudades del Caribe revisan sus rutas de atención a víctimas.");
    await form.getByLabel("Lugar").fill("Centro de Convenciones Julio César Turbay");
    await form.getByLabel("Ciudad anfitriona").selectOption({ label: "Cartagena de Indias (Bolívar)" });
    await form.getByLabel("Fecha de inicio").fill("2027-03-10");
    await form.getByLabel("Hora de inicio").fill("08:00");
    await form.getByLabel("Fecha de fin").fill("2027-03-10");
    await form.getByLabel("Hora de fin").fill("17:00");
    await form.getByLabel("Cupo total (personas)").fill("80");
    await form.getByLabel("Cupos por ciudad").fill("4");
    await form.getByRole("button", { name: "Crear el borrador" }).click();
    await page.waitForURL(/\/admin\/encuentros\/caribe-2027\?hecho=created$/);
    await page.getByRole("status").filter({ hasText: "El encuentro se creó como borrador." }).waitFor();
    const created = await inDb((db) => db.selectFrom("encounters").select(["title", "status", "capacity", "city_quota", "starts_at", "timezone"]).where("slug", "=", "caribe-2027").executeTakeFirstOrThrow());
    // 08:00 in Bogotá is 13:00 UTC.
    expect(created).toMatchObject({ title, status: "draft", capacity: 80, city_quota: 4, timezone: "America/Bogota" });
    expect(new Date(created.starts_at).toISOString()).toBe("2027-03-10T13:00:00.000Z");

    // Edit: a bigger room, and one session on the agenda for the copy to carry.
    const settings = page.locator("main form").filter({ has: page.getByLabel("Cupo total (personas)") });
    await settings.getByLabel("Cupo total (personas)").fill("100");
    await settings.getByRole("button", { name: "Guardar los cambios" }).click();
    await page.getByRole("status").filter({ hasText: "Los cambios se guardaron." }).waitFor();
    expect((await inDb((db) => db.selectFrom("encounters").select("capacity").where("slug", "=", "caribe-2027").executeTakeFirstOrThrow())).capacity).toBe(100);
    const encounterId = (await inDb((db) => db.selectFrom("encounters").select("id").where("slug", "=", "caribe-2027").executeTakeFirstOrThrow())).id;
    await inDb((db) =>
      db
        .insertInto("agenda_items")
        .values({ encounter_id: encounterId, starts_at: "2027-03-10T13:00:00.000Z", ends_at: "2027-03-10T14:00:00.000Z", title: "Instalación", kind: "plenary", position: 1 } as never)
        .execute(),
    );

    // Duplicate a year later.
    await page.goto(`${app.baseUrl}/admin/encuentros/caribe-2027`);
    const duplicate = page.getByRole("region", { name: "Duplicar el encuentro" });
    await duplicate.getByLabel("Título de la copia").fill("Encuentro regional del Caribe 2028");
    await duplicate.getByLabel("Fecha de inicio de la copia").fill("2028-03-08");
    await duplicate.getByRole("button", { name: "Duplicar" }).click();
    await page.getByRole("status").filter({ hasText: "Esta es la copia, como borrador." }).waitFor();
    await page.getByRole("heading", { level: 1, name: "Encuentro regional del Caribe 2028" }).waitFor();
    const slug = new URL(page.url()).pathname.split("/")[3];
    const copy = await inDb(async (db) => {
      const e = await db.selectFrom("encounters").select(["id", "status", "capacity", "starts_at"]).where("slug", "=", slug).executeTakeFirstOrThrow();
      const items = await db.selectFrom("agenda_items").select(["title", "starts_at"]).where("encounter_id", "=", e.id).execute();
      return { ...e, items };
    });
    expect(copy).toMatchObject({ status: "draft", capacity: 100 });
    expect(new Date(copy.starts_at).toISOString()).toBe("2028-03-08T13:00:00.000Z");
    expect(copy.items.map((i) => [i.title, new Date(i.starts_at).toISOString()])).toEqual([["Instalación", "2028-03-08T13:00:00.000Z"]]);
    await page.screenshot({ path: `${artifacts}/escritorio-copia.png` });
  });
});

describe("invitees from a CSV at a desk", () => {
  const invitees = [
    { name: "Luz Dary Cárdenas", email: "luz.cardenas@ibague.gov.co", dane: "73001" },
    { name: "Wilmer Andrés Pabón", email: "wilmer.pabon@bucaramanga.gov.co", dane: "68001" },
  ];

  it("previews the file, refuses bad rows with their reasons, imports the rest and exports the list", async () => {
    const csv = [
      "nombre;correo;dane;entidad;cargo",
      ...invitees.map((p) => `${p.name};${p.email};${p.dane};Secretaría de Gobierno;Profesional universitario`),
      "Persona Sin Correo;no-es-un-correo;05001;Alcaldía;Asesora",
      "Ciudad Inventada;inventada@example.org;99999;Alcaldía;Asesor",
    ].join("\r\n");
    await page.goto(`${app.baseUrl}/admin/encuentros/seguimiento/registros`);
    await page.getByRole("link", { name: "Importar invitados (CSV)" }).click();
    await page.getByLabel("Archivo CSV").setInputFiles({ name: "invitados.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
    await page.getByRole("button", { name: "Ver vista previa" }).click();
    await page.getByRole("heading", { name: "Vista previa de invitados.csv" }).waitFor();
    expect(await page.locator("main").innerText()).toContain("2 de 4 filas se pueden importar; 2 se rechazan.");
    const refused = page.getByRole("region", { name: "Filas rechazadas" });
    expect(await refused.locator("tbody tr").count()).toBe(2);
    expect(await refused.innerText()).toContain("no-es-un-correo");
    expect(await refused.innerText()).toContain("inventada@example.org");
    // Nothing is saved by the preview.
    const registered = () => inDb((db) => db.selectFrom("participants").select("email").where("email", "in", invitees.map((p) => p.email)).execute());
    expect(await registered()).toEqual([]);

    await page.getByRole("button", { name: "Importar 2 personas" }).click();
    await page.getByRole("heading", { name: "Importación terminada" }).waitFor();
    expect(await page.getByRole("status").filter({ hasText: "Confirmadas: 2." }).innerText()).toContain("No importadas: 0.");
    expect((await registered()).map((r) => r.email).sort()).toEqual(invitees.map((p) => p.email).sort());

    // The list, exported both ways, holds them with their city and entity.
    await page.goto(`${app.baseUrl}/admin/encuentros/seguimiento/registros`);
    const csvFile = await download(page, page.getByRole("link", { name: "Exportar CSV" }));
    const [header, ...rows] = readCsv(csvFile.body);
    const at = (column: string) => header.indexOf(column);
    expect(at("Correo")).toBeGreaterThanOrEqual(0);
    for (const p of invitees) {
      const row = rows.find((r) => r[at("Correo")] === p.email);
      expect(row, p.email).toBeDefined();
      expect(row![at("Persona")]).toBe(p.name);
      expect(row![at("Entidad")]).toBe("Secretaría de Gobierno");
      expect(row![at("Estado")]).toBe("Confirmada");
    }
    const xlsxFile = await download(page, page.getByRole("link", { name: "Exportar Excel (XLSX)" }));
    const [sheet] = [...(await readXlsx(xlsxFile.body)).values()];
    const [xHeader, ...xRows] = sheet;
    expect(xHeader).toEqual(header);
    for (const p of invitees) expect(xRows.some((r) => r[xHeader.indexOf("Correo")] === p.email && r[xHeader.indexOf("Persona")] === p.name), p.email).toBe(true);
    expect(xRows.length).toBe(rows.length);
  });
});

describe("the agenda at a desk", () => {
  it("moves a session up and tells the registered people of the change", async () => {
    const agendaOf = () =>
      inDb((db) =>
        db
          .selectFrom("agenda_items as a")
          .innerJoin("encounters as e", "e.id", "a.encounter_id")
          .select(["a.title", "a.starts_at"])
          .where("e.slug", "=", "seguimiento")
          .orderBy("a.starts_at")
          .execute(),
      );
    const before = await agendaOf();
    expect(before.length).toBeGreaterThanOrEqual(3);
    const [first, second] = before;
    await page.goto(`${app.baseUrl}/admin/encuentros/seguimiento/agenda`);
    await page.getByRole("button", { name: `Subir «${second.title}» (pasa antes de la sesión anterior)` }).click();
    await page.getByRole("status").filter({ hasText: "La sesión cambió de lugar." }).waitFor();
    const after = await agendaOf();
    expect(after.slice(0, 2).map((i) => i.title)).toEqual([second.title, first.title]);
    // The session that moved up starts when the first one used to.
    expect(new Date(after[0].starts_at).toISOString()).toBe(new Date(first.starts_at).toISOString());

    // The change waits to be announced; the organizer sends it.
    const notice = page.getByRole("button", { name: /^Avisar a \d+ personas inscritas$/ });
    const recipients = Number(/\d+/.exec(await notice.innerText())![0]);
    expect(recipients).toBeGreaterThanOrEqual(2);
    await notice.click();
    await page.getByRole("status").filter({ hasText: `El aviso va en camino a ${recipients} personas inscritas` }).waitFor();
    const mail = await lastMail(app, "agenda-changed", "luz.cardenas@ibague.gov.co");
    expect(JSON.stringify(mail)).toContain(second.title);
    // Nothing is left to announce.
    await page.getByText("No hay cambios sin avisar.").waitFor();
    // The public agenda shows the new order.
    await page.goto(`${app.baseUrl}/encuentros/seguimiento/agenda`);
    const text = await page.locator("main").innerText();
    expect(text.indexOf(second.title)).toBeLessThan(text.indexOf(first.title));
  });
});
