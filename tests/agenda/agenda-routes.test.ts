import { beforeAll, describe, expect, it } from "vitest";
import * as itemPage from "~/routes/admin.encuentros.$slug.agenda.$itemId";
import * as editor from "~/routes/admin.encuentros.$slug.agenda._index";
import { getDb } from "~/server/db.server";
import { ensureParticipant, formRequest, getRequest, participantCookie } from "../helpers/auth";
import { dane, makeAgendaItem, makeBogotaDay, makeEncounter, makeParticipant, makeRegistration, makeSignedInOrganizer } from "../factories";
import { flashOf } from "../helpers/flash";
import { call } from "../helpers/route";

// The organizer's agenda editor, through its route loaders and actions, on the day of 29
// February 2024 in Bogotá (published, with registered people): adding, editing, moving,
// removing, warnings, and the notice to registered people.

let organizer: string;
let authority: string;
let bogotaId: number;
let foreignItemId: number;

// A signed-in organizer; the day with its seven sessions and three people registered (one of
// them waiting); and another encounter with a session of its own.
beforeAll(async () => {
  const db = getDb();
  organizer = (await makeSignedInOrganizer(db, { role: "admin" })).cookie;
  authority = await participantCookie(await ensureParticipant("autoridad@medellin.gov.co", "05001"));
  bogotaId = (await makeBogotaDay(db, { slug: "bogota-2024" })).encounter.id;
  for (const [cityDane, status] of [
    [dane.bogota, "confirmed"],
    [dane.cali, "confirmed"],
    [dane.cali, "waitlisted"],
  ] as const)
    await makeRegistration(db, { encounter_id: bogotaId, participant_id: (await makeParticipant(db, { cityDane })).id, status });
  foreignItemId = (await makeAgendaItem(db, { encounter_id: (await makeEncounter(db, { slug: "seguimiento" })).id })).id;
});

const tables = ["agenda_items", "speakers", "agenda_item_speakers", "agenda_changes", "agenda_notifications", "email_outbox", "audit_log"] as const;
async function counts() {
  const db = getDb();
  const result: Record<string, number> = {};
  for (const table of tables)
    result[table] = Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return result;
}

const post = (fields: Record<string, string>, cookie: string | undefined = organizer, slug = "bogota-2024") =>
  call(() => editor.action({ request: formRequest(`/admin/encuentros/${slug}/agenda`, fields, { cookie }), params: { slug }, context: {} }));
const postItem = (itemId: string | number, fields: Record<string, string>, cookie: string | undefined = organizer, slug = "bogota-2024") =>
  call(() =>
    itemPage.action({
      request: formRequest(`/admin/encuentros/${slug}/agenda/${itemId}`, fields, { cookie }),
      params: { slug, itemId: String(itemId) },
      context: {},
    }),
  );
const loadEditor = (cookie: string | undefined = organizer, slug = "bogota-2024") =>
  call(() => editor.loader({ request: getRequest(`/admin/encuentros/${slug}/agenda`, cookie), params: { slug }, context: {} }));

const lunch = {
  intent: "create",
  title: "Almuerzo de trabajo",
  kind: "working_table",
  room: "Salón 2",
  date: "2024-02-29",
  startTime: "12:15",
  endTime: "13:00",
  description: "Por ciudades",
  "speakers-0-name": "Laura Gómez",
  "speakers-0-organization": "Alcaldía de Cali",
  "speakers-0-role": "moderator",
};

async function itemByTitle(title: string) {
  return getDb().selectFrom("agenda_items").selectAll().where("encounter_id", "=", bogotaId).where("title", "=", title).executeTakeFirstOrThrow();
}

describe("who may edit the agenda", () => {
  it("sends anonymous visitors and authorities to sign in, from every loader and action, writing nothing", async () => {
    const item = await itemByTitle("Receso");
    for (const cookie of ["", authority]) {
      const before = await counts();
      const results = [
        await loadEditor(cookie),
        await call(() =>
          itemPage.loader({
            request: getRequest(`/admin/encuentros/bogota-2024/agenda/${item.id}`, cookie),
            params: { slug: "bogota-2024", itemId: String(item.id) },
            context: {},
          }),
        ),
        await post(lunch, cookie),
        await post({ intent: "move", itemId: String(item.id), direction: "up" }, cookie),
        await post({ intent: "notify" }, cookie),
        await postItem(item.id, { intent: "delete" }, cookie),
        await postItem(item.id, { ...lunch, intent: "save" }, cookie),
      ];
      for (const r of results) {
        expect(r.status).toBe(302);
        expect(r.headers.get("Location")).toMatch(/^\/ingresar\?redirectTo=/);
      }
      expect(await counts()).toEqual(before);
    }
  });

  it("answers 404 for an item of another encounter, in the URL or in a form, and changes nothing", async () => {
    const before = await counts();
    const loader = await call(() =>
      itemPage.loader({ request: getRequest(`/x`, organizer), params: { slug: "bogota-2024", itemId: String(foreignItemId) }, context: {} }),
    );
    expect(loader.status).toBe(404);
    expect((await postItem(foreignItemId, { intent: "delete" })).status).toBe(404);
    expect((await postItem(foreignItemId, { ...lunch, intent: "save" })).status).toBe(404);
    expect((await postItem("1; drop table agenda_items", { intent: "delete" })).status).toBe(404);
    expect((await post({ intent: "move", itemId: String(foreignItemId), direction: "up" })).status).toBe(404);
    expect(await counts()).toEqual(before);
  });
});

describe("adding items", () => {
  it("adds an item at the local hour entered, with its people, and keeps the change for a notice", async () => {
    const before = await counts();
    const r = await post({ ...lunch, room: "Salón 2" });
    expect(r.status).toBe(302);
    const item = await itemByTitle("Almuerzo de trabajo");
    expect(r.headers.get("Location")).toBe(`/admin/encuentros/bogota-2024/agenda#item-${item.id}`);
    expect(await flashOf(r)).toBe("La sesión se añadió a la agenda.");
    expect(item).toMatchObject({
      starts_at: "2024-02-29T17:15:00.000Z",
      ends_at: "2024-02-29T18:00:00.000Z",
      kind: "working_table",
      sequence: 0,
      description: "Por ciudades",
    });
    const after = await counts();
    expect(after.agenda_items).toBe(before.agenda_items + 1);
    expect(after.agenda_changes).toBe(before.agenda_changes + 1);
    expect(after.audit_log).toBe(before.audit_log + 1);
    const loaded = await loadEditor();
    expect(loaded.data.items.find((i: { id: number }) => i.id === item.id).speakers).toEqual([
      { name: "Laura Gómez", organization: "Alcaldía de Cali", role: "moderator" },
    ]);
  });

  it("refuses bad input with 400 and a field error, writing nothing", async () => {
    const cases: Array<[Record<string, string>, Record<string, string[]>]> = [
      [{ ...lunch, title: "" }, { title: ["required"] }],
      [{ ...lunch, title: "t".repeat(201) }, { title: ["tooLong"] }],
      [{ ...lunch, kind: "cocktail" }, { kind: ["invalid"] }],
      [{ ...lunch, date: "2024-02-30" }, { date: ["invalid"] }],
      [{ ...lunch, startTime: "24:10" }, { startTime: ["invalid"] }],
      [{ ...lunch, endTime: "12:00" }, { endTime: ["endBeforeStart"] }],
      [{ ...lunch, "speakers-0-name": "" }, { "speakers-0-name": ["required"] }],
      [{ ...lunch, "speakers-1-name": "Ana", "speakers-1-role": "boss" }, { "speakers-1-role": ["invalid"] }],
    ];
    for (const [fields, errors] of cases) {
      const before = await counts();
      const r = await post(fields);
      expect(r.status, JSON.stringify(errors)).toBe(400);
      expect(r.data.error).toMatchObject(errors);
      expect(await counts()).toEqual(before);
    }
  });

  it("refuses clashes: outside the encounter, the same room, one person in two places", async () => {
    const before = await counts();
    const outside = await post({ ...lunch, title: "Tarde", startTime: "14:00", endTime: "15:00" });
    expect(outside.status).toBe(400);
    expect(outside.data.issues.map((i: { code: string }) => i.code)).toEqual(["outsideEncounter"]);

    const room = await post({
      ...lunch,
      title: "Otro taller",
      room: "salón 1",
      startTime: "11:00",
      endTime: "11:30",
      "speakers-0-name": "",
      "speakers-0-organization": "",
    });
    expect(room.status).toBe(400);
    expect(room.data.issues).toEqual([
      expect.objectContaining({ code: "roomOverlap", other: expect.objectContaining({ title: "Taller: Guía para la elaboración de PDT y PISCC" }) }),
    ]);

    const person = await post({
      ...lunch,
      title: "Entrevista",
      room: "Salón 3",
      startTime: "09:30",
      endTime: "10:00",
      "speakers-0-name": "equipo de la agencia de migración",
    });
    expect(person.status).toBe(400);
    expect(person.data.issues).toEqual([expect.objectContaining({ code: "personOverlap", person: "equipo de la agencia de migración" })]);
    expect(await counts()).toEqual(before);
  });

  it("saves a plenary and a break at once only after the organizer confirms", async () => {
    const coffee = {
      ...lunch,
      title: "Café de bienvenida",
      kind: "break",
      room: "Vestíbulo 2",
      startTime: "08:30",
      endTime: "08:45",
      "speakers-0-name": "",
      "speakers-0-organization": "",
    };
    const before = await counts();
    const first = await post(coffee);
    expect(first.status).toBe(409);
    expect(first.data.issues).toEqual([expect.objectContaining({ code: "plenaryBreakOverlap", blocking: false })]);
    expect(await counts()).toEqual(before);
    const keys = first.data.issues.map((i: { key: string }) => i.key).join(" ");
    const confirmed = await post({ ...coffee, confirm: keys });
    expect(confirmed.status).toBe(302);
    await itemByTitle("Café de bienvenida");
    // Once saved on purpose, the overlap is not listed among the agenda's problems.
    expect((await loadEditor()).data.problems).toEqual([]);
  });

  it("refuses a time that does not exist in the encounter's zone", async () => {
    const db = getDb();
    await makeEncounter(db, {
      slug: "nueva-york",
      title: "Encuentro en Nueva York",
      starts_at: "2025-03-08T14:00:00.000Z",
      ends_at: "2025-03-10T22:00:00.000Z",
      timezone: "America/New_York",
      capacity: 10,
      city_quota: 1,
      status: "draft",
    });
    const before = await counts();
    const r = await post({ ...lunch, date: "2025-03-09", startTime: "02:30", endTime: "03:30" }, organizer, "nueva-york");
    expect(r.status).toBe(400);
    expect(r.data.error).toEqual({ startTime: ["timeDoesNotExist"] });
    expect(await counts()).toEqual(before);
    // The same hour a day later exists; on a draft no change is kept for a notice.
    const ok = await post({ ...lunch, date: "2025-03-10", startTime: "02:30", endTime: "03:30" }, organizer, "nueva-york");
    expect(ok.status).toBe(302);
    expect((await counts()).agenda_changes).toBe(before.agenda_changes);
    const notify = await post({ intent: "notify" }, organizer, "nueva-york");
    expect(notify.status).toBe(409);
    expect(notify.data.error[""]).toEqual(["draft"]);
  });

  it("refuses an unknown intent", async () => {
    const before = await counts();
    expect((await post({ intent: "explode" })).status).toBe(400);
    expect((await postItem((await itemByTitle("Receso")).id, { intent: "explode" })).status).toBe(400);
    expect(await counts()).toEqual(before);
  });
});

describe("editing, moving and removing items", () => {
  it("raises SEQUENCE on a real change, and leaves it alone when nothing changed", async () => {
    const item = await itemByTitle("Almuerzo de trabajo");
    const form = { ...lunch, intent: "save" };
    const same = await postItem(item.id, form);
    expect(same.headers.get("Location")).toBe(`/admin/encuentros/bogota-2024/agenda#item-${item.id}`);
    expect(await flashOf(same)).toBe("No había cambios que guardar.");
    expect((await itemByTitle("Almuerzo de trabajo")).sequence).toBe(0);
    const moved = await postItem(item.id, { ...form, room: "Salón 4" });
    expect(moved.headers.get("Location")).toBe(`/admin/encuentros/bogota-2024/agenda#item-${item.id}`);
    expect(await flashOf(moved)).toBe("La sesión se guardó.");
    expect(await itemByTitle("Almuerzo de trabajo")).toMatchObject({ room: "Salón 4", sequence: 1 });
    const loaded = await call(() =>
      itemPage.loader({ request: getRequest("/x", organizer), params: { slug: "bogota-2024", itemId: String(item.id) }, context: {} }),
    );
    expect(loaded.data.values).toMatchObject({ date: "2024-02-29", startTime: "12:15", endTime: "13:00", room: "Salón 4", "speakers-0-name": "Laura Gómez" });
  });

  it("moves the break before the panel with the arrow form, keeping both durations", async () => {
    const panel = await itemByTitle("Panel: Política Integral Migratoria con enfoque territorial");
    const pause = await itemByTitle("Receso");
    const r = await post({ intent: "move", itemId: String(pause.id), direction: "up" });
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toBe(`/admin/encuentros/bogota-2024/agenda#item-${pause.id}`);
    expect(await flashOf(r)).toBe("La sesión cambió de lugar.");
    expect(await itemByTitle("Receso")).toMatchObject({
      starts_at: "2024-02-29T14:00:00.000Z",
      ends_at: "2024-02-29T14:15:00.000Z",
      sequence: pause.sequence + 1,
    });
    expect(await itemByTitle(panel.title)).toMatchObject({
      starts_at: "2024-02-29T14:15:00.000Z",
      ends_at: "2024-02-29T15:45:00.000Z",
      sequence: panel.sequence + 1,
    });
    const titles = (await loadEditor()).data.items.map((i: { title: string }) => i.title);
    expect(titles.indexOf("Receso")).toBe(titles.indexOf(panel.title) - 1);
    // And back down again.
    expect((await post({ intent: "move", itemId: String(pause.id), direction: "down" })).status).toBe(302);
    expect(await itemByTitle("Receso")).toMatchObject({ starts_at: "2024-02-29T15:30:00.000Z", ends_at: "2024-02-29T15:45:00.000Z" });
  });

  it("refuses a move that would create a clash, and a move past the ends does nothing", async () => {
    const first = (await loadEditor()).data.items[0];
    const before = await counts();
    const top = await post({ intent: "move", itemId: String(first.id), direction: "up" });
    expect(await flashOf(top)).toBe("No había cambios que guardar.");
    expect(await counts()).toEqual(before);
    // In the New York draft, in this order: C (room Y, 09:00–09:30), A (room X, 09:00–10:00),
    // B (room Y, 10:00–10:30). Moving B up swaps it with A and puts it at 09:00 in room Y, where
    // C is: refused, nothing moves.
    const ny = (title: string, room: string, startTime: string, endTime: string) =>
      post({ intent: "create", title, kind: "workshop", room, date: "2025-03-10", startTime, endTime }, organizer, "nueva-york");
    for (const r of [await ny("C", "Y", "09:00", "09:30"), await ny("A", "X", "09:00", "10:00"), await ny("B", "Y", "10:00", "10:30")])
      expect(r.status).toBe(302);
    const b = await getDb().selectFrom("agenda_items").selectAll().where("title", "=", "B").executeTakeFirstOrThrow();
    const stateBefore = await counts();
    const blocked = await post({ intent: "move", itemId: String(b.id), direction: "up" }, organizer, "nueva-york");
    expect(blocked.status).toBe(409);
    expect(blocked.data.issues).toEqual([expect.objectContaining({ code: "roomOverlap", room: "Y" })]);
    expect(await counts()).toEqual(stateBefore);
    expect(await getDb().selectFrom("agenda_items").selectAll().where("id", "=", b.id).executeTakeFirstOrThrow()).toEqual(b);
    expect((await post({ intent: "move", itemId: "abc", direction: "up" })).status).toBe(400);
  });

  it("removes an item, and its people with it", async () => {
    const item = await itemByTitle("Café de bienvenida");
    const r = await postItem(item.id, { intent: "delete" });
    expect(r.headers.get("Location")).toBe("/admin/encuentros/bogota-2024/agenda");
    expect(await flashOf(r)).toBe("La sesión se eliminó.");
    expect(await getDb().selectFrom("agenda_items").select("id").where("id", "=", item.id).executeTakeFirst()).toBeUndefined();
  });
});

describe("telling registered people", () => {
  it("lists the changes since the last notice, netted per item", async () => {
    const r = await loadEditor();
    const pending = r.data.pending as Array<{ change: string; title: string; fields: string[] }>;
    // Added (lunch), changed (break, panel? they went back: only the break's net time change counts), the coffee added and removed is no news.
    expect(pending.find((c) => c.title === "Almuerzo de trabajo")).toMatchObject({ change: "added" });
    expect(pending.find((c) => c.title === "Café de bienvenida")).toBeUndefined();
    expect(pending.every((c) => c.change !== "changed" || c.fields.length > 0)).toBe(true);
    expect(r.data.recipients).toBeGreaterThan(0);
  });

  it("writes one message per registered person to the outbox, with the summary and the updated calendar", async () => {
    const db = getDb();
    const registered = await db
      .selectFrom("registrations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("encounter_id", "=", bogotaId)
      .where("status", "in", ["confirmed", "waitlisted"])
      .executeTakeFirstOrThrow();
    const before = await counts();
    const r = await post({ intent: "notify" });
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toBe("/admin/encuentros/bogota-2024/agenda");
    // The count of people told, in the flash: "El aviso va en camino a 12 personas inscritas…".
    expect(await flashOf(r)).toMatch(new RegExp(`^El aviso va en camino a ${registered.n} personas? inscritas? `));
    const after = await counts();
    expect(after.email_outbox).toBe(before.email_outbox + Number(registered.n));
    expect(after.agenda_notifications).toBe(before.agenda_notifications + 1);
    const message = await db.selectFrom("email_outbox").selectAll().where("template", "=", "agenda-changed").orderBy("id").executeTakeFirstOrThrow();
    expect(message.idempotency_key).toMatch(/^agenda-changed:\d+:\d+$/);
    expect(message.subject).toMatch(/^(Cambios en la agenda|Agenda changes): Encuentro de Ciudades Capitales/);
    const data = JSON.parse(message.data);
    expect(data.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ change: "added", title: "Almuerzo de trabajo", startsAt: "2024-02-29T17:15:00.000Z", room: "Salón 4" }),
      ]),
    );
    expect(data.attachments).toHaveLength(1);
    expect(data.attachments[0].contentType).toMatch(/^text\/calendar/);
    expect(data.attachments[0].content).toContain("SUMMARY:Almuerzo de trabajo");
    expect(data.attachments[0].content).toContain("BEGIN:VTIMEZONE");

    // Nothing left to tell: the second press is refused and writes nothing.
    const again = await post({ intent: "notify" });
    expect(again.status).toBe(409);
    expect(again.data.error[""]).toEqual(["nothing"]);
    expect(await counts()).toEqual(after);
    expect((await loadEditor()).data.pending).toEqual([]);
  });
});

describe("the item page: refusing, warning and confirming", () => {
  const loadItem = async (id: number) =>
    (
      await call(() =>
        itemPage.loader({
          request: getRequest(`/admin/encuentros/bogota-2024/agenda/${id}`, organizer),
          params: { slug: "bogota-2024", itemId: String(id) },
          context: {},
        }),
      )
    ).data.values as Record<string, string>;

  it("refuses bad input with 400 and the errors beside the fields, changing nothing", async () => {
    const item = await itemByTitle("Almuerzo de trabajo");
    const form = { ...(await loadItem(item.id)), intent: "save" };
    const cases: Array<[Record<string, string>, Record<string, string[]>]> = [
      [{ title: "" }, { title: ["required"] }],
      [{ kind: "cocktail" }, { kind: ["invalid"] }],
      [{ date: "2024-02-31" }, { date: ["invalid"] }],
      [{ startTime: "7pm" }, { startTime: ["invalid"] }],
      [{ endTime: "12:00" }, { endTime: ["endBeforeStart"] }],
      [{ "speakers-0-role": "boss" }, { "speakers-0-role": ["invalid"] }],
    ];
    for (const [override, errors] of cases) {
      const before = await counts();
      const r = await postItem(item.id, { ...form, ...override });
      expect(r.status, JSON.stringify(override)).toBe(400);
      expect(r.data.error).toMatchObject(errors);
      // The form comes back with what was typed, to correct it (conform leaves a blank field out).
      for (const [field, typed] of Object.entries(override)) expect(r.data.initialValue[field] ?? "", field).toBe(typed);
      expect(await counts()).toEqual(before);
      expect(await itemByTitle("Almuerzo de trabajo")).toEqual(item);
    }
  });

  it("refuses the same room at the same time as another item, even when 'confirmed' (a room clash blocks: 400)", async () => {
    // The lunch (12:15–13:00) moved to Salón 1, where the working table is at that hour.
    const item = await itemByTitle("Almuerzo de trabajo");
    const table = await itemByTitle("Mesa de trabajo: prevención y atención de la trata de personas y el tráfico de migrantes");
    const form = { ...(await loadItem(item.id)), intent: "save", room: "salon 1" };
    const before = await counts();
    const clash = await postItem(item.id, form);
    expect(clash.status).toBe(400);
    expect(clash.data.issues).toEqual([expect.objectContaining({ code: "roomOverlap", blocking: true, other: expect.objectContaining({ id: table.id }) })]);
    // Confirming does not turn a blocking clash into a warning.
    const forced = await postItem(item.id, { ...form, confirm: clash.data.issues.map((i: { key: string }) => i.key).join(" ") });
    expect(forced.status).toBe(400);
    expect(await counts()).toEqual(before);
    expect(await itemByTitle("Almuerzo de trabajo")).toEqual(item);
  });

  it("asks to confirm a break during a plenary (409) and writes nothing until the field confirms that very warning", async () => {
    // The break (10:30–10:45) moved to 12:55–13:10, into the closing plenary (13:00–13:30).
    const item = await itemByTitle("Receso");
    const closing = await itemByTitle("Compromisos de las ciudades y cierre");
    const form = { ...(await loadItem(item.id)), intent: "save", startTime: "12:55", endTime: "13:10" };
    const before = await counts();
    const warned = await postItem(item.id, form);
    expect(warned.status).toBe(409);
    expect(warned.data.issues).toEqual([
      { code: "plenaryBreakOverlap", key: `plenaryBreakOverlap:${closing.id}`, blocking: false, other: expect.objectContaining({ id: closing.id }) },
    ]);
    expect(await counts()).toEqual(before);
    // Confirming some other warning is not confirming this one.
    const wrong = await postItem(item.id, { ...form, confirm: "plenaryBreakOverlap:999999" });
    expect(wrong.status).toBe(409);
    expect(await counts()).toEqual(before);
    expect(await itemByTitle("Receso")).toEqual(item);

    const saved = await postItem(item.id, { ...form, confirm: warned.data.issues[0].key });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`/admin/encuentros/bogota-2024/agenda#item-${item.id}`);
    expect(await flashOf(saved)).toBe("La sesión se guardó.");
    expect(await itemByTitle("Receso")).toMatchObject({
      starts_at: "2024-02-29T17:55:00.000Z",
      ends_at: "2024-02-29T18:10:00.000Z",
      sequence: item.sequence + 1,
    });
    const after = await counts();
    expect(after.agenda_items).toBe(before.agenda_items);
    expect(after.audit_log).toBe(before.audit_log + 1);
  });
});

describe("dragging an item to another place", () => {
  const order = async () =>
    (
      await getDb()
        .selectFrom("agenda_items")
        .select(["id", "title", "starts_at", "ends_at"])
        .where("encounter_id", "=", bogotaId)
        .orderBy("starts_at")
        .orderBy("position")
        .orderBy("id")
        .execute()
    ).map((i) => i.title);

  it("moves the workshop two places up with to=, keeping both durations, and says so", async () => {
    const titles = await order();
    const workshop = await itemByTitle("Taller: Guía para la elaboración de PDT y PISCC");
    const panel = await itemByTitle("Panel: Política Integral Migratoria con enfoque territorial");
    const from = titles.indexOf(workshop.title);
    expect(titles[from - 1]).toBe(panel.title);
    const to = titles.indexOf("Instalación") + 1;
    const r = await post({ intent: "move", itemId: String(workshop.id), to: String(to) });
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toBe(`/admin/encuentros/bogota-2024/agenda#item-${workshop.id}`);
    expect(await flashOf(r)).toBe("La sesión cambió de lugar.");
    const now = await order();
    expect(now.indexOf(workshop.title)).toBe(to);
    expect(now.indexOf(panel.title)).toBe(to + 1);
    // Everything else keeps its relative order.
    expect(now.filter((t) => t !== workshop.title)).toEqual(titles.filter((t) => t !== workshop.title));
    // 90 minutes each: the workshop now where the panel began (09:00 in Bogotá); the panel after it,
    // past the 15 minutes that were between them (the break moved away above) and ending where the
    // workshop ended (12:15), so the rest of the day is untouched.
    expect(await itemByTitle(workshop.title)).toMatchObject({
      starts_at: "2024-02-29T14:00:00.000Z",
      ends_at: "2024-02-29T15:30:00.000Z",
      sequence: workshop.sequence + 1,
    });
    expect(await itemByTitle(panel.title)).toMatchObject({
      starts_at: "2024-02-29T15:45:00.000Z",
      ends_at: "2024-02-29T17:15:00.000Z",
      sequence: panel.sequence + 1,
    });
  });

  it("refuses a malformed place with 400 and moves nothing; a place past the end moves nothing", async () => {
    const workshop = await itemByTitle("Taller: Guía para la elaboración de PDT y PISCC");
    const titles = await order();
    const before = await counts();
    for (const to of ["", "abc", "-1", "1.5", "1e2", "99999"]) {
      const r = await post({ intent: "move", itemId: String(workshop.id), to });
      expect(r.status, `to=${to}`).toBe(400);
      // Refused as a malformed move, with one "invalid" (the place, or no step at all).
      expect(Object.values(r.data.error).flat(), `to=${to}`).toEqual(["invalid"]);
    }
    // A direction and a place at once is not one move.
    expect((await post({ intent: "move", itemId: String(workshop.id), to: "0", direction: "up" })).status).toBe(400);
    expect(await counts()).toEqual(before);
    expect(await order()).toEqual(titles);
    // A well-formed place beyond the last item (a stale page) changes nothing.
    const past = await post({ intent: "move", itemId: String(workshop.id), to: String(titles.length) });
    expect(past.headers.get("Location")).toBe(`/admin/encuentros/bogota-2024/agenda#item-${workshop.id}`);
    expect(await flashOf(past)).toBe("No había cambios que guardar.");
    expect(await counts()).toEqual(before);
    expect(await order()).toEqual(titles);
  });
});
