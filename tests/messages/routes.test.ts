import { describe, expect, it } from "vitest";
import * as list from "~/routes/admin.encuentros.$slug.mensajes._index";
import * as page from "~/routes/admin.encuentros.$slug.mensajes.$id";
import { runMessages } from "~/features/messages/scheduler.server";
import { messagesFor } from "~/i18n/catalog.server";
import { getDb } from "~/server/db.server";
import { addDays, utcToWallTime, wallTimeToUtc } from "~/lib/time";
import { dane } from "../factories";
import { getRequest, organizerCookie } from "../helpers/auth";
import { call, ctx } from "../helpers/route";
import { tableContents } from "../helpers/table-contents";
import { appUrl, encounter, messageRow, organizer, person, secret } from "./helpers";

// The organizers' pages of messages: writing, counting, previewing, sending now or at a time in
// the encounter's zone, cancelling, the reminder plan; and every refusal, with nothing written.

const es = messagesFor("es").messages;
// The pages read the real clock: dates to send at are days from today, in Bogotá.
const zone = "America/Bogota";
const inDaysLocal = (days: number) => utcToWallTime(addDays(new Date(), days).toISOString(), zone).date;
const tomorrow = inDaysLocal(1);
const dayAfter = inDaysLocal(2);

async function setup() {
  const me = await organizer();
  const cookie = await organizerCookie(me.email);
  const e = await encounter({ slug: `mensajes-${Math.random().toString(36).slice(2, 8)}` });
  const base = `/admin/encuentros/${e.slug}/mensajes`;
  const post = (fields: Record<string, string | string[]>, id?: number) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const value of Array.isArray(v) ? v : [v]) body.append(k, value);
    const url = id ? `${base}/${id}` : base;
    const request = new Request(`http://localhost${url}`, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    });
    return id
      ? call(() => page.action({ request, params: { slug: e.slug, id: String(id) }, context: ctx() }))
      : call(() => list.action({ request, params: { slug: e.slug }, context: ctx() }));
  };
  const view = (id: number, query = "") =>
    call(() => page.loader({ request: getRequest(`${base}/${id}${query}`, cookie), params: { slug: e.slug, id: String(id) }, context: ctx() }));
  const create = async (fields: Record<string, string | string[]> = {}) => {
    const r = await post({ intent: "create", subject: "Transporte", body: "Habrá bus a las 6:30.", statuses: "confirmed", ...fields });
    expect(r.status, JSON.stringify(r.data)).toBe(303);
    return Number(/\/mensajes\/(\d+)$/.exec(r.headers.get("Location")!)![1]);
  };
  return { me, cookie, e, base, post, view, create };
}

describe("writing a message", () => {
  it("saves a draft, then shows who gets it, who is left out, and how it reads for one of them", async () => {
    const s = await setup();
    const ana = await person(s.e.id, { name: "Ana Pérez", cityDane: dane.cali });
    await person(s.e.id, { name: "Luis Gómez", cityDane: dane.cali, locale: "en" });
    await person(s.e.id, { cityDane: dane.cali, stopped: true });
    await person(s.e.id, { cityDane: dane.cali, consent_pending: 1 });
    await person(s.e.id, { cityDane: dane.bogota });

    const id = await s.create({ cities: dane.cali });
    expect(await messageRow(id)).toMatchObject({ status: "draft", subject: "Transporte", segment: '{"statuses":["confirmed"],"cities":["76001"]}' });

    const shown = await s.view(id);
    expect(shown.status).toBe(200);
    expect(shown.headers.get("Cache-Control")).toBe("private, no-store");
    expect(shown.data.count).toEqual({ recipients: 2, stopped: 1, consentPending: 1, unreachable: 0 });
    expect(shown.data.preview.as).toBe(ana.registration.id);
    expect(shown.data.preview.html).toContain("Hola, Ana Pérez:");
    expect(shown.data.preview.html).toContain("Habrá bus a las 6:30.");
    // Personal links are examples in the preview, never a person's working link.
    expect(shown.data.preview.html).toContain(`/mensajes/detener/enlace-personal`);
    // As the other recipient, in English.
    const luis = shown.data.preview.choices.find((c: { name: string }) => c.name === "Luis Gómez");
    const asLuis = await s.view(id, `?como=${luis.id}`);
    expect(asLuis.data.preview.html).toContain("Hello Luis Gómez,");
    expect(asLuis.data.preview.html).toContain("A message from the organizers");
  });

  it("refuses a blank subject, a message without text and one to no group, writing nothing", async () => {
    const s = await setup();
    const before = await tableContents();
    const r = await s.post({ intent: "create", subject: " ", body: "", cities: "bogota" });
    expect(r.status).toBe(400);
    expect(r.data.error).toMatchObject({ subject: ["required"], body: ["required"], statuses: ["noStatus"], "cities[0]": ["city"] });
    expect(await tableContents()).toEqual(before);
    expect(es.errors.noStatus).toBe("Elija al menos un grupo.");
  });
});

describe("sending a message", () => {
  it("schedules it at a date and time in the encounter's zone, and it goes then", async () => {
    const s = await setup();
    await person(s.e.id);
    const id = await s.create();
    const r = await s.post({ intent: "schedule", sendDate: tomorrow, sendTime: "09:00" }, id);
    expect(r.status, JSON.stringify(r.data)).toBe(303);
    expect(r.headers.get("Set-Cookie")).toContain("convoca_flash=");
    expect(await messageRow(id)).toMatchObject({ status: "scheduled", send_at: wallTimeToUtc(tomorrow, "09:00", zone) });
    // Rescheduling before it goes moves it.
    expect((await s.post({ intent: "schedule", sendDate: dayAfter, sendTime: "07:30" }, id)).status).toBe(303);
    const sendAt = wallTimeToUtc(dayAfter, "07:30", zone);
    expect((await messageRow(id)).send_at).toBe(sendAt);
    expect((await runMessages(getDb(), new Date(Date.parse(sendAt) - 60_000), { appUrl, secret })).sent).not.toContain(id);
    await runMessages(getDb(), new Date(sendAt), { appUrl, secret });
    expect((await messageRow(id)).status).toBe("sent");
    const shown = await s.view(id);
    expect(shown.data.message).toMatchObject({ status: "sent", recipients: 1 });
    expect(shown.data.mail).toEqual({ pending: 1, sent: 0, failed: 0 });
  });

  it("sends it now", async () => {
    const s = await setup();
    await person(s.e.id);
    const id = await s.create();
    const before = Date.now();
    expect((await s.post({ intent: "send" }, id)).status).toBe(303);
    const row = await messageRow(id);
    expect(row.status).toBe("scheduled");
    expect(Date.parse(row.send_at!)).toBeGreaterThanOrEqual(before - 1000);
    expect((await runMessages(getDb(), new Date(), { appUrl, secret })).sent).toContain(id);
  });

  it("refuses to schedule a message nobody would receive, a time past or too far, and one that already went", async () => {
    const s = await setup();
    const nobody = await s.create({ statuses: "attended" });
    let before = await tableContents();
    const empty = await s.post({ intent: "schedule", sendDate: tomorrow, sendTime: "09:00" }, nobody);
    expect(empty.status).toBe(400);
    expect(empty.data.error).toEqual({ "": ["noRecipients"] });
    expect((await s.post({ intent: "send" }, nobody)).status).toBe(400);
    expect(await tableContents()).toEqual(before);

    await person(s.e.id);
    const id = await s.create();
    before = await tableContents();
    const past = await s.post({ intent: "schedule", sendDate: "2020-01-01", sendTime: "09:00" }, id);
    expect(past.status).toBe(400);
    expect(past.data.error).toEqual({ sendDate: ["inPast"] });
    const far = await s.post({ intent: "schedule", sendDate: inDaysLocal(400), sendTime: "09:00" }, id);
    expect(far.data.error).toEqual({ sendDate: ["tooFar"] });
    const badTime = await s.post({ intent: "schedule", sendDate: "2030-02-30", sendTime: "9h" }, id);
    expect(badTime.status).toBe(400);
    expect(badTime.data.error).toEqual({ sendDate: ["date"], sendTime: ["time"] });
    const missing = await s.post({ intent: "schedule" }, id);
    expect(missing.data.error).toEqual({ sendDate: ["required"], sendTime: ["required"] });
    expect(await tableContents()).toEqual(before);

    expect((await s.post({ intent: "send" }, id)).status).toBe(303);
    await runMessages(getDb(), new Date(), { appUrl, secret });
    before = await tableContents();
    const lateForms: Array<Record<string, string>> = [
      { intent: "cancel" },
      { intent: "send" },
      { intent: "save", subject: "Otro", body: "Otro", statuses: "confirmed" },
    ];
    for (const fields of lateForms) {
      const late = await s.post(fields, id);
      expect(late.status, fields.intent).toBe(409);
      expect(late.data.error).toEqual({ "": ["notChangeable"] });
    }
    expect(await tableContents()).toEqual(before);
  });

  it("cancels it until it goes, and it does not go", async () => {
    const s = await setup();
    await person(s.e.id);
    const id = await s.create();
    expect((await s.post({ intent: "schedule", sendDate: tomorrow, sendTime: "09:00" }, id)).status).toBe(303);
    expect((await s.post({ intent: "cancel" }, id)).status).toBe(303);
    expect(await messageRow(id)).toMatchObject({ status: "cancelled", cancel_reason: "organizer", cancelled_by: s.me.id });
    expect((await runMessages(getDb(), new Date(wallTimeToUtc(tomorrow, "09:00", zone)), { appUrl, secret })).sent).not.toContain(id);
  });

  it("edits a scheduled message only while someone would still receive it", async () => {
    const s = await setup();
    await person(s.e.id);
    const id = await s.create();
    expect((await s.post({ intent: "schedule", sendDate: tomorrow, sendTime: "09:00" }, id)).status).toBe(303);
    const nobody = await s.post({ intent: "save", subject: "Nuevo", body: "Texto", statuses: "waitlisted" }, id);
    expect(nobody.status).toBe(400);
    expect(nobody.data.error).toEqual({ "": ["noRecipients"] });
    expect((await s.post({ intent: "save", subject: "Nuevo asunto", body: "Texto", statuses: "confirmed" }, id)).status).toBe(303);
    expect(await messageRow(id)).toMatchObject({ status: "scheduled", subject: "Nuevo asunto" });
  });
});

describe("the list and the reminders", () => {
  it("lists messages with their state, and keeps the reminder plan", async () => {
    const s = await setup();
    await person(s.e.id, { cityDane: dane.cali });
    const id = await s.create({ subject: "Agenda final" });
    const shown = await call(() => list.loader({ request: getRequest(s.base, s.cookie), params: { slug: s.e.slug }, context: ctx() }));
    expect(shown.status).toBe(200);
    expect(shown.data.rows).toEqual([expect.objectContaining({ id, subject: "Agenda final", status: "draft" })]);
    expect(shown.data.cities).toEqual([{ dane: dane.cali, name: "Cali", count: 1 }]);
    expect(shown.data.plan).toMatchObject({ enabled: true, daysBefore: [7, 1], sendTime: "08:00", customized: false });
    expect(shown.data.planned.map((p: { days: number; dueAt: string }) => [p.days, p.dueAt])).toEqual([
      [7, "2030-03-13T13:00:00.000Z"],
      [1, "2030-03-19T13:00:00.000Z"],
    ]);

    const saved = await s.post({ intent: "reminders", enabled: "on", daysBefore: "3, 10", sendTime: "07:15", whatToBring: "Cédula" });
    expect(saved.status).toBe(303);
    const plan = await getDb().selectFrom("encounter_reminder_settings").selectAll().where("encounter_id", "=", s.e.id).executeTakeFirstOrThrow();
    expect(plan).toMatchObject({ enabled: 1, days_before: "[10,3]", send_time: "07:15", what_to_bring: "Cédula", updated_by: s.me.id });

    const before = await tableContents();
    const bad = await s.post({ intent: "reminders", daysBefore: "7, 100", sendTime: "25:00" });
    expect(bad.status).toBe(400);
    expect(bad.data.error).toEqual({ daysBefore: ["days"], sendTime: ["time"] });
    expect(await tableContents()).toEqual(before);
  });

  it("is for organizers only", async () => {
    const s = await setup();
    const anonymous = await call(() => list.loader({ request: getRequest(s.base), params: { slug: s.e.slug }, context: ctx() }));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe(`/ingresar?redirectTo=${encodeURIComponent(s.base)}`);
    const unknown = await s.view(999_999);
    expect(unknown.status).toBe(404);
  });
});
