import { beforeAll, describe, expect, it } from "vitest";
import * as editPage from "~/routes/admin.encuentros.$slug._index";
import * as newPage from "~/routes/admin.encuentros.nuevo";
import * as publicPage from "~/routes/encuentros.$slug._index";
import { updateEncounter } from "~/features/encounters/commands.server";
import { encounterSchema } from "~/features/encounters/forms";
import { getDb } from "~/server/db.server";
import { parseFields } from "~/server/forms.server";
import { ensureParticipant, formRequest, getRequest, participantCookie } from "../helpers/auth";
import { flashOf } from "../helpers/flash";
import { call } from "../helpers/route";
import { dane, makeAgendaItem, makeBogotaDay, makeParticipant, makeRegistration, makeSignedInOrganizer } from "../factories";

// Organizers create, edit, publish, close and duplicate encounters; everyone else is turned away.

let organizer: string;
let authority: string;

// A signed-in organizer, and the published day of 29 February 2024 in Bogotá (seven sessions,
// speakers on the panel) with three people confirmed.
beforeAll(async () => {
  const db = getDb();
  organizer = (await makeSignedInOrganizer(db, { role: "admin" })).cookie;
  const { encounter } = await makeBogotaDay(db, { slug: "bogota-2024" });
  for (const cityDane of [dane.bogota, dane.medellin, dane.cali])
    await makeRegistration(db, { encounter_id: encounter.id, participant_id: (await makeParticipant(db, { cityDane })).id });
  authority = await participantCookie(await ensureParticipant("autoridad@cali.gov.co", "76001"));
});

const valid = {
  title: "Encuentro regional: Caribe 2025",
  slug: "",
  summary: "Ciudades capitales del Caribe.",
  venue: "Centro de Convenciones",
  address: "Cra. 1 # 2-3",
  hostCityId: "",
  timezone: "America/Bogota",
  startDate: "2025-06-12",
  startTime: "08:00",
  endDate: "2025-06-12",
  endTime: "13:00",
  capacity: "80",
  cityQuota: "4",
  registrationOpensDate: "2025-05-01",
  registrationOpensTime: "",
  registrationClosesDate: "2025-06-10",
  registrationClosesTime: "18:00",
  contactEmail: "Equipo@Convoca.test",
};

async function counts() {
  const db = getDb();
  const n = async (table: "encounters" | "agenda_items" | "audit_log") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { encounters: await n("encounters"), items: await n("agenda_items"), audit: await n("audit_log") };
}

const create = (fields: Record<string, string>, cookie: string | undefined = organizer) =>
  call(() => newPage.action({ request: formRequest("/admin/encuentros/nuevo", fields, { cookie }), params: {}, context: {} }));
const edit = (slug: string, fields: Record<string, string>, cookie: string | undefined = organizer) =>
  call(() => editPage.action({ request: formRequest(`/admin/encuentros/${slug}`, fields, { cookie }), params: { slug }, context: {} }));

describe("who may manage encounters", () => {
  it("sends anonymous visitors and authorities to the organizers' sign-in, from every loader and action", async () => {
    for (const cookie of ["", authority]) {
      const before = await counts();
      const loaders = [
        await call(() => newPage.loader({ request: getRequest("/admin/encuentros/nuevo", cookie), params: {}, context: {} })),
        await call(() => editPage.loader({ request: getRequest("/admin/encuentros/bogota-2024", cookie), params: { slug: "bogota-2024" }, context: {} })),
      ];
      const actions = [
        await create(valid, cookie),
        await edit("bogota-2024", { intent: "close" }, cookie),
        await edit("bogota-2024", { intent: "duplicate", title: "Copia", startDate: "2026-01-01" }, cookie),
      ];
      for (const r of [...loaders, ...actions]) {
        expect(r.status).toBe(302);
        expect(r.headers.get("Location")).toMatch(/^\/ingresar\?redirectTo=/);
      }
      expect(await counts()).toEqual(before);
    }
  });

  it("answers 404 for an unknown encounter", async () => {
    const r = await call(() => editPage.loader({ request: getRequest("/admin/encuentros/nada", organizer), params: { slug: "nada" }, context: {} }));
    expect(r.status).toBe(404);
  });
});

describe("creating an encounter", () => {
  it("creates a draft with a slug from the title, local times turned into instants, and an audit entry", async () => {
    const r = await create(valid);
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toBe("/admin/encuentros/encuentro-regional-caribe-2025");
    expect(await flashOf(r)).toBe("El encuentro se creó como borrador.");
    const db = getDb();
    const row = await db.selectFrom("encounters").selectAll().where("slug", "=", "encuentro-regional-caribe-2025").executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: "draft",
      timezone: "America/Bogota",
      starts_at: "2025-06-12T13:00:00.000Z",
      ends_at: "2025-06-12T18:00:00.000Z",
      registration_opens_at: "2025-05-01T05:00:00.000Z",
      registration_closes_at: "2025-06-10T23:00:00.000Z",
      capacity: 80,
      city_quota: 4,
      contact_email: "equipo@convoca.test",
    });
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "encounter.create")
      .where("entity_id", "=", String(row.id))
      .executeTakeFirstOrThrow();
    expect(audit.actor).toMatch(/^organizer:\d+$/);

    // A draft is invisible to the public.
    const anon = await call(() => publicPage.loader({ request: getRequest(`/encuentros/${row.slug}`), params: { slug: row.slug }, context: {} }));
    expect(anon.status).toBe(404);

    // The same title again gets the next free address.
    const again = await create(valid);
    expect(again.headers.get("Location")).toBe("/admin/encuentros/encuentro-regional-caribe-2025-2");
    expect(await flashOf(again)).toBe("El encuentro se creó como borrador.");
  });

  it("refuses bad input with 400 and clear field errors, writing nothing", async () => {
    const cases: Array<[Record<string, string>, Record<string, string[]>]> = [
      [{ ...valid, title: "" }, { title: ["required"] }],
      [{ ...valid, title: "x".repeat(201) }, { title: ["tooLong"] }],
      [{ ...valid, title: "Línea\r\nBcc: a@b.co" }, { title: ["invalid"] }],
      [{ ...valid, slug: "bogota-2024" }, { slug: ["slugTaken"] }],
      [{ ...valid, slug: "Con Espacios" }, { slug: ["slugFormat"] }],
      [{ ...valid, slug: "nuevo" }, { slug: ["slugReserved"] }],
      [{ ...valid, endTime: "07:00" }, { endTime: ["endBeforeStart"] }],
      [{ ...valid, startDate: "2025-02-30" }, { startDate: ["invalid"] }],
      [{ ...valid, timezone: "Mars/Olympus" }, { timezone: ["timezone"] }],
      [{ ...valid, timezone: "America/New_York", startDate: "2025-03-09", startTime: "02:30", endDate: "2025-03-09" }, { startTime: ["timeDoesNotExist"] }],
      [{ ...valid, capacity: "0" }, { capacity: ["number"] }],
      [{ ...valid, capacity: "10", cityQuota: "11" }, { cityQuota: ["quotaAboveCapacity"] }],
      [{ ...valid, registrationClosesDate: "2025-04-01" }, { registrationClosesDate: ["registrationOrder"] }],
      [{ ...valid, registrationClosesDate: "2025-06-13" }, { registrationClosesDate: ["registrationAfterEnd"] }],
      [{ ...valid, contactEmail: "no-es-correo" }, { contactEmail: ["email"] }],
      [{ ...valid, hostCityId: "999999" }, { hostCityId: ["unknownCity"] }],
    ];
    for (const [fields, errors] of cases) {
      const before = await counts();
      const r = await create(fields);
      expect(r.status, JSON.stringify(errors)).toBe(400);
      expect(r.data.error).toMatchObject(errors);
      // The form comes back as typed (conform leaves a blank field out).
      expect(r.data.initialValue.title ?? "").toBe(fields.title);
      expect(await counts()).toEqual(before);
    }
  });
});

describe("editing, publishing, closing, duplicating", () => {
  let slug: string;

  beforeAll(async () => {
    const r = await create({ ...valid, title: "Encuentro para editar", slug: "para-editar" });
    slug = r.headers.get("Location")!.split("/")[3].split("?")[0];
    // An agenda item at 09:00 Bogotá.
    const db = getDb();
    const { id } = await db.selectFrom("encounters").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
    await makeAgendaItem(db, {
      encounter_id: id,
      title: "Apertura",
      kind: "plenary",
      starts_at: "2025-06-12T14:00:00.000Z",
      ends_at: "2025-06-12T15:00:00.000Z",
      position: 0,
    });
  });

  it("shows the form in the encounter's local time", async () => {
    const r = await call(() => editPage.loader({ request: getRequest(`/admin/encuentros/${slug}`, organizer), params: { slug }, context: {} }));
    expect(r.status).toBe(200);
    expect(r.data.values).toMatchObject({
      startDate: "2025-06-12",
      startTime: "08:00",
      endTime: "13:00",
      registrationClosesTime: "18:00",
      timezone: "America/Bogota",
    });
  });

  it("saves changes; moving the date a week moves the agenda at the same local hour; the slug can change while a draft", async () => {
    const r = await edit(slug, {
      ...valid,
      intent: "save",
      title: "Encuentro editado",
      slug: "editado",
      startDate: "2025-06-19",
      endDate: "2025-06-19",
      registrationClosesDate: "2025-06-17",
      shiftAgenda: "on",
    });
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toBe("/admin/encuentros/editado");
    expect(await flashOf(r)).toBe("Los cambios se guardaron.");
    slug = "editado";
    const db = getDb();
    const row = await db.selectFrom("encounters").selectAll().where("slug", "=", slug).executeTakeFirstOrThrow();
    expect(row.starts_at).toBe("2025-06-19T13:00:00.000Z");
    const item = await db.selectFrom("agenda_items").selectAll().where("encounter_id", "=", row.id).executeTakeFirstOrThrow();
    expect(item.starts_at).toBe("2025-06-19T14:00:00.000Z");
    expect(item.sequence).toBe(1);
    const audit = await db
      .selectFrom("audit_log")
      .select("data")
      .where("action", "=", "encounter.update")
      .where("entity_id", "=", String(row.id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.data!)).toMatchObject({ changed: { title: ["Encuentro para editar", "Encuentro editado"] }, movedItems: 1, dayShift: 7 });
  });

  it("publishes, then keeps the slug, closes, reopens, and goes back to draft while nobody is registered", async () => {
    const published = await edit(slug, { intent: "publish" });
    expect(published.headers.get("Location")).toBe(`/admin/encuentros/${slug}`);
    expect(await flashOf(published)).toBe("El encuentro está publicado.");
    const anon = await call(() => publicPage.loader({ request: getRequest(`/encuentros/${slug}`), params: { slug }, context: {} }));
    expect(anon.status).toBe(200);
    expect(anon.data.window).toBe("ended"); // its registration window is in the past

    const r = await edit(slug, {
      ...valid,
      intent: "save",
      slug: "otro",
      startDate: "2025-06-19",
      endDate: "2025-06-19",
      registrationClosesDate: "2025-06-17",
    });
    expect(r.headers.get("Location")).toBe(`/admin/encuentros/${slug}`);
    expect(await flashOf(r)).toBe("Los cambios se guardaron.");

    // Publishing twice is refused: the status moved on already.
    const twice = await edit(slug, { intent: "publish" });
    expect(twice.status).toBe(409);
    expect(twice.data.error[""]).toEqual(["invalidTransition"]);

    expect((await edit(slug, { intent: "close" })).status).toBe(302);
    const closed = await call(() => publicPage.loader({ request: getRequest(`/encuentros/${slug}`), params: { slug }, context: {} }));
    expect(closed.status).toBe(200);
    expect(closed.data.window).toBe("closed");
    expect((await edit(slug, { intent: "reopen" })).status).toBe(302);
    expect((await edit(slug, { intent: "unpublish" })).status).toBe(302);
    const actions = await getDb()
      .selectFrom("audit_log")
      .select("action")
      .where("entity", "=", "encounter")
      .where("action", "like", "encounter.%")
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["encounter.publish", "encounter.close", "encounter.reopen", "encounter.unpublish"]));
  });

  it("refuses to turn an encounter with registered people back into a draft", async () => {
    const r = await edit("bogota-2024", { intent: "unpublish" });
    expect(r.status).toBe(409);
    expect(r.data.error[""]).toEqual(["hasRegistrations"]);
    const row = await getDb().selectFrom("encounters").select("status").where("slug", "=", "bogota-2024").executeTakeFirstOrThrow();
    expect(row.status).toBe("published");
  });

  it("refuses a capacity below the people already confirmed, and an unknown intent", async () => {
    const db = getDb();
    const demo = await db.selectFrom("encounters").selectAll().where("slug", "=", "bogota-2024").executeTakeFirstOrThrow();
    expect(demo.confirmed_count).toBeGreaterThan(1);
    const r = await edit("bogota-2024", {
      ...valid,
      intent: "save",
      title: demo.title,
      startDate: "2024-02-29",
      endDate: "2024-02-29",
      endTime: "13:30",
      registrationOpensDate: "",
      registrationClosesDate: "",
      registrationClosesTime: "",
      capacity: "1",
      cityQuota: "1",
    });
    expect(r.status).toBe(400);
    expect(r.data.error).toEqual({ capacity: ["capacityBelowConfirmed"] });
    expect(await db.selectFrom("encounters").selectAll().where("slug", "=", "bogota-2024").executeTakeFirstOrThrow()).toEqual(demo);
    expect((await edit("bogota-2024", { intent: "delete-everything" })).status).toBe(400);
  });

  it("refuses, without a 500, a capacity that a registration confirmed meanwhile made too small", async () => {
    const db = getDb();
    const current = await db.selectFrom("encounters").selectAll().where("slug", "=", "bogota-2024").executeTakeFirstOrThrow();
    // What the organizer's page read a moment before the last places were taken.
    const stale = { ...current, confirmed_count: 0 };
    const form = new FormData();
    for (const [name, value] of Object.entries({ ...valid, title: current.title, capacity: "1", cityQuota: "1" })) form.set(name, value);
    const parsed = parseFields(form, encounterSchema(["America/Bogota"]));
    if (parsed.status !== "success") throw new Error(JSON.stringify(parsed.error));
    const result = await updateEncounter(db, stale, parsed.value, "organizer:test");
    expect(result).toEqual({ ok: false, field: "capacity", error: "capacityBelowConfirmed" });
    expect(await db.selectFrom("encounters").selectAll().where("slug", "=", "bogota-2024").executeTakeFirstOrThrow()).toEqual(current);
  });

  it("duplicates an encounter as a draft a year later, its agenda at the same local hours", async () => {
    const before = await counts();
    const r = await edit("bogota-2024", { intent: "duplicate", title: "Encuentro de Ciudades Capitales 2025", startDate: "2025-02-27" });
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toBe("/admin/encuentros/encuentro-de-ciudades-capitales-2025");
    expect(await flashOf(r)).toMatch(/^Esta es la copia, como borrador\./);
    const db = getDb();
    const copy = await db.selectFrom("encounters").selectAll().where("slug", "=", "encuentro-de-ciudades-capitales-2025").executeTakeFirstOrThrow();
    expect(copy).toMatchObject({ status: "draft", starts_at: "2025-02-27T13:00:00.000Z", confirmed_count: 0, registration_opens_at: null });
    const items = await db.selectFrom("agenda_items").selectAll().where("encounter_id", "=", copy.id).orderBy("position").execute();
    expect(items).toHaveLength(7);
    expect(items[0]).toMatchObject({ title: "Registro y bienvenida", starts_at: "2025-02-27T13:00:00.000Z", sequence: 0 });
    const speakers = await db
      .selectFrom("agenda_item_speakers")
      .select("speaker_id")
      .where(
        "agenda_item_id",
        "in",
        items.map((i) => i.id),
      )
      .execute();
    expect(speakers.length).toBeGreaterThan(0);
    expect((await counts()).items).toBe(before.items + 7);

    const bad = await edit("bogota-2024", { intent: "duplicate", title: "", startDate: "2025-13-01" });
    expect(bad.status).toBe(400);
    expect(bad.data.error).toMatchObject({ title: ["required"] });
  });
});
