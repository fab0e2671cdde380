import fs from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messagesFor } from "~/i18n/catalog.server";
import { createDb } from "~db/client";
import { assertChromium, launchBrowser, startApp, type RunningApp } from "./harness";
import { desk, download, lastMail, phone, readCsv, readXlsx, signInAsOrganizer } from "./helpers";

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
    await page.waitForURL(/\/admin\/encuentros\/caribe-2027$/);
    await page.getByRole("status").filter({ hasText: "El encuentro se creó como borrador." }).waitFor();
    const created = await inDb((db) =>
      db
        .selectFrom("encounters")
        .select(["title", "status", "capacity", "city_quota", "starts_at", "timezone"])
        .where("slug", "=", "caribe-2027")
        .executeTakeFirstOrThrow(),
    );
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
        .values({
          encounter_id: encounterId,
          starts_at: "2027-03-10T13:00:00.000Z",
          ends_at: "2027-03-10T14:00:00.000Z",
          title: "Instalación",
          kind: "plenary",
          position: 1,
        } as never)
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
    { name: "Luz Dary Cárdenas", email: "luz.cardenas@pasto.gov.co", dane: "52001" },
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
    const registered = () =>
      inDb((db) =>
        db
          .selectFrom("participants")
          .select("email")
          .where(
            "email",
            "in",
            invitees.map((p) => p.email),
          )
          .execute(),
      );
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
      expect(row![at("Estado")]).toBe(messagesFor("es").registration.statuses.confirmed);
    }
    const xlsxFile = await download(page, page.getByRole("link", { name: "Exportar Excel (XLSX)" }));
    const [sheet] = [...(await readXlsx(xlsxFile.body)).values()];
    const [xHeader, ...xRows] = sheet;
    expect(xHeader).toEqual(header);
    for (const p of invitees)
      expect(
        xRows.some((r) => r[xHeader.indexOf("Correo")] === p.email && r[xHeader.indexOf("Persona")] === p.name),
        p.email,
      ).toBe(true);
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
    await page
      .getByRole("status")
      .filter({ hasText: `El aviso va en camino a ${recipients} personas inscritas` })
      .waitFor();
    const mail = await lastMail(app, "agenda-changed", "luz.cardenas@pasto.gov.co");
    expect(JSON.stringify(mail)).toContain(second.title);
    // Nothing is left to announce.
    await page.getByText("No hay cambios sin avisar.").waitFor();
    // The public agenda shows the new order.
    await page.goto(`${app.baseUrl}/encuentros/seguimiento/agenda`);
    const text = await page.locator("main").innerText();
    expect(text.indexOf(second.title)).toBeLessThan(text.indexOf(first.title));
  });
});

describe("organizer accounts at a desk", () => {
  const colleague = { name: "Rafael Ortiz Benítez", email: "rafael.ortiz@asocapitales.test" };
  const ownPassword = "una frase larga para el encuentro";

  async function signIn(target: Page, email: string, password: string): Promise<void> {
    await target.goto(`${app.baseUrl}/ingresar`);
    await target.locator("main").getByLabel("Correo electrónico").fill(email);
    await target.locator("main").getByLabel("Contraseña").fill(password);
    await target.locator("main").getByRole("button", { name: "Ingresar" }).click();
  }
  const account = () =>
    inDb((db) => db.selectFrom("organizers").select(["role", "disabled_at"]).where("email", "=", colleague.email).executeTakeFirstOrThrow());

  it("an admin creates an account; its holder signs in and changes their own password", async () => {
    await page.goto(`${app.baseUrl}/admin/organizadores`);
    const create = page.locator("main form").filter({ has: page.getByRole("button", { name: "Crear la cuenta" }) });
    await create.getByLabel("Nombre completo").fill(colleague.name);
    await create.getByLabel("Correo electrónico").fill(colleague.email);
    await create.getByLabel("Rol").selectOption("organizer");
    await create.getByRole("button", { name: "Crear la cuenta" }).click();
    const created = page.getByRole("status").filter({ hasText: `Se creó la cuenta de ${colleague.name}` });
    await created.waitFor();
    const initial = (await created.locator("code").innerText()).trim();
    expect(initial.length).toBeGreaterThanOrEqual(12);
    expect(await account()).toMatchObject({ role: "organizer", disabled_at: null });

    const theirs = await browser.newContext(desk);
    const their = await theirs.newPage();
    await signIn(their, colleague.email, initial);
    await their.waitForURL(/\/admin/);
    // An organizer (not an admin) does not see the accounts page.
    expect(await their.getByRole("link", { name: "Cuentas de organizadores" }).count()).toBe(0);
    await their.goto(`${app.baseUrl}/admin/cuenta`);
    await their.getByLabel("Contraseña actual").fill(initial);
    await their.getByLabel("Nueva contraseña", { exact: true }).fill(ownPassword);
    await their.getByLabel("Repita la nueva contraseña").fill(ownPassword);
    await their.getByRole("button", { name: "Cambiar la contraseña" }).click();
    await their.getByRole("status").filter({ hasText: "Su contraseña se cambió." }).waitFor();
    // Shown once (a flash cookie): the next page, reached without a reload, no longer says it.
    await their.getByRole("link", { name: "Área de organizadores" }).click();
    await their.waitForURL(/\/admin$/);
    await their.getByRole("status").filter({ hasText: "Su contraseña se cambió." }).waitFor({ state: "detached" });

    // The old password no longer opens the account; the new one does.
    const fresh = await browser.newContext(desk);
    const check = await fresh.newPage();
    await signIn(check, colleague.email, initial);
    await check.getByRole("alert").filter({ hasText: "El correo o la contraseña no son correctos." }).waitFor();
    await signIn(check, colleague.email, ownPassword);
    await check.waitForURL(/\/admin/);
    await fresh.close();

    // The admin gives them the admin role: the accounts page appears for them.
    await page.goto(`${app.baseUrl}/admin/organizadores`);
    const row = page.locator("main tr").filter({ hasText: colleague.email });
    await row.getByLabel(`Rol de ${colleague.name}`).selectOption("admin");
    await row.getByRole("button", { name: "Cambiar rol" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `La cuenta de ${colleague.name} ahora tiene el rol Administración.` })
      .waitFor();
    expect((await account()).role).toBe("admin");
    await their.goto(`${app.baseUrl}/admin`);
    await their.getByRole("link", { name: "Cuentas de organizadores" }).waitFor();

    // Disabled: their open session ends at once.
    await page
      .locator("main tr")
      .filter({ hasText: colleague.email })
      .getByRole("button", { name: `Desactivar: ${colleague.name}` })
      .click();
    await page
      .getByRole("status")
      .filter({ hasText: `Se desactivó la cuenta de ${colleague.name}` })
      .waitFor();
    expect((await account()).disabled_at).not.toBeNull();
    await their.goto(`${app.baseUrl}/admin`);
    await their.waitForURL(/\/ingresar/);
    await signIn(their, colleague.email, ownPassword);
    await their.getByRole("alert").waitFor();
    expect(their.url()).toContain("/ingresar");
    await theirs.close();
  });
});

describe("a person's data at a desk", () => {
  const email = "wilmer.pabon@bucaramanga.gov.co";

  it("finds a person by email, downloads a copy of their data and deletes it", async () => {
    await page.goto(`${app.baseUrl}/admin/personas`);
    await page.getByLabel("Correo electrónico de la persona").fill(email);
    await page.getByRole("button", { name: "Buscar" }).click();
    await page.getByText("Wilmer Andrés Pabón").waitFor();
    const file = await download(page, page.getByRole("link", { name: "Descargar una copia de sus datos (JSON)" }));
    const copy = JSON.parse(file.body.toString("utf8")) as {
      participant: { email: string; full_name: string };
      registrations: Array<{ encounter: string }>;
      mail: unknown[];
    };
    expect(copy.participant).toMatchObject({ email, full_name: "Wilmer Andrés Pabón" });
    expect(copy.registrations.map((r) => r.encounter)).toEqual(["Encuentro de seguimiento de compromisos de las Ciudades Capitales"]);
    expect(copy.mail.length).toBeGreaterThan(0);

    // A mistyped confirmation deletes nothing.
    await page.getByLabel("Escriba el correo de la persona para confirmar").fill("wilmer.pabon@bucaramanga.gov.com");
    await page.getByRole("button", { name: "Eliminar definitivamente" }).click();
    await page.getByRole("alert").filter({ hasText: "El correo escrito no coincide." }).waitFor();
    const person = () => inDb((db) => db.selectFrom("participants").select("id").where("email", "=", email).executeTakeFirst());
    expect(await person()).toBeDefined();

    await page.getByLabel("Escriba el correo de la persona para confirmar").fill(email);
    await page.getByRole("button", { name: "Eliminar definitivamente" }).click();
    await page.getByRole("status").filter({ hasText: "Los datos de la persona se eliminaron." }).waitFor();
    expect(await person()).toBeUndefined();
    const kept = await inDb((db) => db.selectFrom("email_outbox").select("id").where("recipient", "=", email).execute());
    expect(kept).toEqual([]);
    // Searching again finds nothing.
    await page.goto(`${app.baseUrl}/admin/personas?email=${encodeURIComponent(email)}`);
    await page.getByText("No hay datos de esa persona en Convoca.").waitFor();
  });
});

describe("commitments, the organizers' side, at a desk", () => {
  const newResponsible = { name: "Andrés Felipe Gaitán", email: "andres.gaitan@medellin.gov.co" };
  let validatedId: number;
  let reassignedId: number;

  const commitmentRow = (id: number) =>
    inDb((db) =>
      db
        .selectFrom("commitments")
        .select(["validated_at", "reminders_stopped_at", "responsible_email", "status"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow(),
    );

  it("validates a commitment the city marked as done", async () => {
    validatedId = (
      await inDb((db) =>
        db.selectFrom("commitments").select("id").where("status", "=", "done").where("validated_at", "is", null).orderBy("id").executeTakeFirstOrThrow(),
      )
    ).id;
    await page.goto(`${app.baseUrl}/admin/compromisos/${validatedId}`);
    const validate = page.getByRole("region", { name: "Validar el cumplimiento" });
    await validate.getByLabel(/Nota/).fill("El acta del consejo de gobierno muestra la meta incluida en el plan.");
    await validate.getByRole("button", { name: "Validar" }).click();
    await page.getByText("Compromiso validado.").waitFor();
    await page.getByRole("heading", { name: /Validado por la organización el/ }).waitFor();
    expect((await commitmentRow(validatedId)).validated_at).not.toBeNull();
  });

  it("hands a commitment to another responsible official, who stops the reminders from the mailed link on a phone", async () => {
    reassignedId = (
      await inDb((db) =>
        db
          .selectFrom("commitments")
          .select("id")
          .where("status", "=", "in_progress")
          .where("reminders_stopped_at", "is", null)
          .orderBy("id")
          .executeTakeFirstOrThrow(),
      )
    ).id;
    await page.goto(`${app.baseUrl}/admin/compromisos/${reassignedId}`);
    await page.getByRole("link", { name: "Cambiar los datos" }).click();
    await page.getByRole("heading", { level: 1, name: "Cambiar los datos del compromiso" }).waitFor();
    await page.getByLabel("Nombre de la persona responsable").fill(newResponsible.name);
    await page.getByLabel("Correo de la persona responsable").fill(newResponsible.email);
    await page.getByRole("button", { name: "Guardar los cambios" }).click();
    await page.waitForURL(new RegExp(`/admin/compromisos/${reassignedId}`));
    expect((await commitmentRow(reassignedId)).responsible_email).toBe(newResponsible.email);
    const mail = await inDb((db) =>
      db.selectFrom("email_outbox").select(["template", "data"]).where("recipient", "=", newResponsible.email).orderBy("id", "desc").executeTakeFirstOrThrow(),
    );
    const links = JSON.parse(mail.data) as { updateUrl: string; stopUrl?: string };
    const stopUrl = links.stopUrl ?? `${links.updateUrl}/detener`;

    const official = await browser.newContext(phone);
    const their = await official.newPage();
    await their.goto(stopUrl);
    await their.getByRole("heading", { level: 1, name: "Detener los recordatorios" }).waitFor();
    // Opening the link (as a mail scanner would) stops nothing.
    expect((await commitmentRow(reassignedId)).reminders_stopped_at).toBeNull();
    await their.getByRole("button", { name: "Sí, detener los recordatorios" }).click();
    await their.getByText(/Listo: no le enviaremos más recordatorios/).waitFor();
    expect((await commitmentRow(reassignedId)).reminders_stopped_at).not.toBeNull();
    expect(await their.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await official.close();

    // The organizers see it in the list, filtered by stopped reminders.
    await page.goto(`${app.baseUrl}/admin/compromisos?sinRecordatorios=1`);
    const rows = page.locator("main table.commitments-table tbody tr");
    await rows.first().waitFor();
    const listed = await rows.allInnerTexts();
    expect(listed.filter((text) => text.includes(newResponsible.name)).length).toBe(1);
    for (const text of listed) expect(text).toContain(messagesFor("es").commitments.columns.remindersStopped);
  });

  it("shows each city's focal points from its roster and renews the city's calendar link", async () => {
    await page.goto(`${app.baseUrl}/admin/compromisos/puntos-focales`);
    const row = page.locator("main tr").filter({ has: page.getByRole("rowheader", { name: "Bogotá D.C.", exact: true }) });
    // The demo names a focal point for Bogotá on its roster; the page lists it and leads to the roster.
    const focal = await inDb((db) =>
      db
        .selectFrom("city_roster")
        .innerJoin("participants", "participants.id", "city_roster.participant_id")
        .innerJoin("cities", "cities.id", "city_roster.city_id")
        .select("participants.full_name")
        .where("cities.dane", "=", "11001")
        .where("city_roster.role", "=", "focal_point")
        .where("city_roster.withdrawn_at", "is", null)
        .executeTakeFirstOrThrow(),
    );
    await row.getByText(focal.full_name).waitFor();
    expect(await row.getByRole("link", { name: "Directorio de Bogotá D.C." }).getAttribute("href")).toBe("/admin/ciudades/11001");

    const feedOf = async () =>
      new URL(
        String(
          await page
            .locator("main tr")
            .filter({ has: page.getByRole("rowheader", { name: "Bogotá D.C.", exact: true }) })
            .getByRole("link", { name: /Calendario/ })
            .getAttribute("href"),
        ),
        app.baseUrl,
      ).href;
    const oldFeed = await feedOf();
    const calendar = await fetch(oldFeed);
    expect(calendar.status).toBe(200);
    expect(await calendar.text()).toContain("BEGIN:VCALENDAR");
    await page
      .locator("main tr")
      .filter({ has: page.getByRole("rowheader", { name: "Bogotá D.C.", exact: true }) })
      .getByRole("button", { name: "Cambiar el enlace" })
      .click();
    await page.getByText("Nuevo enlace del calendario de Bogotá D.C.").waitFor();
    // The notice can show while the page's data is still being reloaded: wait for the new link.
    await expect.poll(feedOf).not.toBe(oldFeed);
    const newFeed = await feedOf();
    expect((await fetch(oldFeed)).status).toBe(404);
    expect((await fetch(newFeed)).status).toBe(200);
  });

  it("exports the commitments as CSV and XLSX with what just happened", async () => {
    await page.goto(`${app.baseUrl}/admin/compromisos`);
    const total = Number(
      (
        await inDb((db) =>
          db
            .selectFrom("commitments")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow(),
        )
      ).n,
    );
    const c = messagesFor("es").commitments.columns;

    const csvFile = await download(page, page.getByRole("link", { name: "Descargar CSV" }));
    const [header, ...rows] = readCsv(csvFile.body);
    expect(rows.length).toBe(total);
    const byId = (id: number) => rows.find((r) => r[header.indexOf(c.id)] === String(id));
    expect(byId(validatedId)![header.indexOf(c.validated)]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const reassigned = byId(reassignedId)!;
    expect(reassigned[header.indexOf(c.responsibleEmail)]).toBe(newResponsible.email);
    expect(reassigned[header.indexOf(c.responsible)]).toBe(newResponsible.name);
    expect(reassigned[header.indexOf(c.remindersStopped)]).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const xlsxFile = await download(page, page.getByRole("link", { name: "Descargar Excel (XLSX)" }));
    const sheets = await readXlsx(xlsxFile.body);
    const t = messagesFor("es").commitments;
    const [xHeader, ...xRows] = sheets.get(t.sheets.commitments)!;
    expect(xHeader).toEqual(header);
    expect(xRows.length).toBe(total);
    expect(xRows.find((r) => r[xHeader.indexOf(c.id)] === String(reassignedId))![xHeader.indexOf(c.responsibleEmail)]).toBe(newResponsible.email);
    // The history sheet holds the validation just made, with its note.
    const [hHeader, ...history] = sheets.get(t.sheets.history)!;
    const validation = history.filter(
      (r) => r[hHeader.indexOf(c.id)] === String(validatedId) && r[hHeader.indexOf(c.note)].includes("acta del consejo de gobierno"),
    );
    expect(validation.length).toBe(1);
  });
});
