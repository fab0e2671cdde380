import { describe, expect, it } from "vitest";
import { saveReminderPlan, setMessagesStopped } from "~/features/messages/commands.server";
import { deliveryKey } from "~/features/messages/rules";
import { runMessages } from "~/features/messages/scheduler.server";
import { getDb } from "~/server/db.server";
import { dane, makeAgendaItem } from "../factories";
import { appUrl, bogota, encounter, messageRow, organizer, outboxOf, person, scheduled, secret } from "./helpers";

// The messages step over simulated time: `now` is a parameter the tests move.

const run = (now: Date, runner = "prueba") => runMessages(getDb(), now, { appUrl, secret, runner });
const day = "2030-03-10";

describe("a scheduled message", () => {
  it("goes at its time in the encounter's zone, not a minute before, once per person", async () => {
    const me = await organizer();
    const e = await encounter();
    const ana = await person(e.id, { name: "Ana Pérez" });
    const ben = await person(e.id, { locale: "en", name: "Ben Smith" });
    const id = await scheduled({ organizerId: me.id, encounterId: e.id, sendAt: bogota(day, "09:00"), now: bogota(day, "07:00") });
    expect(await messageRow(id)).toMatchObject({ status: "scheduled", send_at: "2030-03-10T14:00:00.000Z" });

    expect((await run(bogota(day, "08:59"))).sent).toEqual([]);
    expect(await outboxOf(id)).toEqual([]);

    const at = bogota(day, "09:00");
    expect(await run(at)).toMatchObject({ sent: [id], mails: 2 });
    const mails = await outboxOf(id);
    expect(mails.map((m) => [m.idempotency_key, m.recipient, m.template, m.locale])).toEqual([
      [deliveryKey(id, ana.registration.id), ana.participant.email, "encounter-message", "es"],
      [deliveryKey(id, ben.registration.id), ben.participant.email, "encounter-message", "en"],
    ]);
    const data = JSON.parse(mails[0].data);
    expect(data).toMatchObject({ name: "Ana Pérez", subject: "Transporte desde el aeropuerto", encounter: { title: e.title } });
    expect(data.stopUrl).toMatch(new RegExp(`^${appUrl}/mensajes/detener/${ana.participant.id}\\.[\\w-]{43}$`));
    expect(mails[0].next_attempt_at).toBe(at.toISOString());
    expect(await messageRow(id)).toMatchObject({ status: "sent", sent_at: at.toISOString(), recipients: 2, claimed_by: "prueba" });

    // The next runs find nothing to do.
    expect(await run(bogota(day, "09:01"))).toMatchObject({ sent: [], cancelled: [], mails: 0 });
    expect(await outboxOf(id)).toHaveLength(2);
    const deliveries = await getDb().selectFrom("message_deliveries").select(["registration_id", "outbox_key"]).where("message_id", "=", id).execute();
    expect(deliveries.map((d) => d.registration_id).sort()).toEqual([ana.registration.id, ben.registration.id].sort());
    const audit = await getDb()
      .selectFrom("audit_log")
      .select(["actor", "action"])
      .where("entity", "=", "message")
      .where("entity_id", "=", String(id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["message.create", "message.schedule", "message.sent"]);
    expect(audit[2].actor).toBe("system");
  });

  it("reaches the segment chosen, and nobody who stopped messages, has not consented or cannot receive mail", async () => {
    const me = await organizer();
    const e = await encounter();
    const bogotaConfirmed = await person(e.id);
    const caliConfirmed = await person(e.id, { cityDane: dane.cali });
    const caliAttended = await person(e.id, { cityDane: dane.cali, checked_in_at: "2030-03-20T13:10:00.000Z" });
    const caliWaiting = await person(e.id, { cityDane: dane.cali, status: "waitlisted" });
    await person(e.id, { cityDane: dane.cali, status: "cancelled" });
    await person(e.id, { cityDane: dane.cali, stopped: true });
    await person(e.id, { cityDane: dane.cali, consent_pending: 1 });
    await person(e.id, { cityDane: dane.cali, email: "persona-eliminada-9@anonimo.invalid" });
    const now = bogota(day, "07:00");
    const send = async (segment: Parameters<typeof scheduled>[0]["segment"]) => {
      const id = await scheduled({ organizerId: me.id, encounterId: e.id, sendAt: now, now, segment });
      await run(now);
      return (await getDb().selectFrom("message_deliveries").select("registration_id").where("message_id", "=", id).orderBy("registration_id").execute()).map(
        (d) => d.registration_id,
      );
    };
    expect(await send({ statuses: ["confirmed"], cities: [dane.cali] })).toEqual([caliConfirmed.registration.id, caliAttended.registration.id]);
    expect(await send({ statuses: ["did_not_attend"], cities: [] })).toEqual([bogotaConfirmed.registration.id, caliConfirmed.registration.id]);
    expect(await send({ statuses: ["attended", "waitlisted"], cities: [dane.cali, dane.bogota] })).toEqual([
      caliAttended.registration.id,
      caliWaiting.registration.id,
    ]);
  });

  it("is cancelled when due if it would reach nobody then, with the reason, audited", async () => {
    const me = await organizer();
    const e = await encounter();
    const only = await person(e.id);
    const id = await scheduled({ organizerId: me.id, encounterId: e.id, sendAt: bogota(day, "09:00"), now: bogota(day, "07:00") });
    await setMessagesStopped(getDb(), only.participant.id, true, bogota(day, "08:00"));

    expect(await run(bogota(day, "09:00"))).toMatchObject({ sent: [], cancelled: [id], mails: 0 });
    expect(await messageRow(id)).toMatchObject({ status: "cancelled", cancel_reason: "no_recipients", cancelled_by: null });
    expect(await outboxOf(id)).toEqual([]);
    const audit = await getDb()
      .selectFrom("audit_log")
      .select(["actor", "data"])
      .where("action", "=", "message.cancel")
      .where("entity_id", "=", String(id))
      .executeTakeFirstOrThrow();
    expect(audit.actor).toBe("system");
    expect(JSON.parse(audit.data!)).toMatchObject({ reason: "no_recipients" });
  });

  it("is claimed by one of two schedulers running at once", async () => {
    const me = await organizer();
    const e = await encounter();
    for (let i = 0; i < 30; i++) await person(e.id);
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push(await scheduled({ organizerId: me.id, encounterId: e.id, sendAt: bogota(day, "09:00"), now: bogota(day, "07:00") }));
    const at = bogota(day, "09:00");
    const [one, two] = await Promise.all([
      runMessages(getDb(), at, { appUrl, secret, runner: "uno", batchSize: 7 }),
      runMessages(getDb(), at, { appUrl, secret, runner: "dos", batchSize: 5 }),
    ]);
    expect([...one.sent, ...two.sent].sort()).toEqual(ids.sort());
    expect(one.mails + two.mails).toBe(90);
    for (const id of ids) expect(new Set((await outboxOf(id)).map((m) => m.recipient)).size).toBe(30);
  });

  it("is taken over from a scheduler that died mid-send, and nobody gets it twice", async () => {
    const me = await organizer();
    const e = await encounter();
    for (let i = 0; i < 12; i++) await person(e.id);
    const id = await scheduled({ organizerId: me.id, encounterId: e.id, sendAt: bogota(day, "09:00"), now: bogota(day, "07:00") });
    // A first scheduler claims it and writes part of its mail, then dies.
    const first = await runMessages(getDb(), bogota(day, "09:00"), { appUrl, secret, runner: "caido", batchSize: 5 });
    expect(first.sent).toEqual([id]);
    const keep = (await outboxOf(id)).slice(0, 5).map((m) => m.idempotency_key);
    await getDb().deleteFrom("email_outbox").where("idempotency_key", "like", `message:${id}:%`).where("idempotency_key", "not in", keep).execute();
    await getDb().deleteFrom("message_deliveries").where("message_id", "=", id).where("outbox_key", "not in", keep).execute();
    await getDb()
      .updateTable("messages")
      .set({ status: "sending", claimed_by: "caido", claimed_at: bogota(day, "09:00").toISOString(), sent_at: null })
      .where("id", "=", id)
      .execute();

    // Still within the claim's time: nobody else touches it.
    expect((await run(bogota(day, "09:05"), "otro")).sent).toEqual([]);
    // Ten minutes on, another scheduler takes it over and writes only what was missing.
    const second = await run(bogota(day, "09:10"), "otro");
    expect(second).toMatchObject({ sent: [id], mails: 7 });
    expect(await outboxOf(id)).toHaveLength(12);
    expect(await messageRow(id)).toMatchObject({ status: "sent", claimed_by: "otro", recipients: 12 });
  });
});

// Each test's encounter is in a year of its own: the scheduler looks at every encounter.
describe("automatic reminders", () => {
  it("go 7 and 1 days before at 08:00 in the encounter's zone, once per person, to confirmed people only", async () => {
    const e = await encounter({
      starts_at: "2031-03-20T13:00:00.000Z",
      ends_at: "2031-03-20T21:00:00.000Z",
      host_city_id: (await getDb().selectFrom("cities").select("id").where("dane", "=", dane.bogota).executeTakeFirstOrThrow()).id,
    });
    await makeAgendaItem(getDb(), {
      encounter_id: e.id,
      title: "Instalación",
      starts_at: "2031-03-20T13:00:00.000Z",
      ends_at: "2031-03-20T13:30:00.000Z",
      room: "Auditorio",
    });
    const confirmed = await person(e.id, { name: "Ana Pérez" });
    await person(e.id, { status: "waitlisted" });
    await person(e.id, { stopped: true });
    const me = await organizer();
    await saveReminderPlan(getDb(), me.id, e.id, { enabled: true, daysBefore: [7, 1], sendTime: "08:00", whatToBring: "Documento de identidad" });

    expect(await run(bogota("2031-03-13", "07:59"))).toMatchObject({ reminders: 0, sent: [] });
    const week = await run(bogota("2031-03-13", "08:00"));
    expect(week).toMatchObject({ reminders: 1, mails: 1 });
    const reminder = await messageRow(week.sent[0]);
    expect(reminder).toMatchObject({ kind: "reminder", reminder_days: 7, status: "sent", send_at: bogota("2031-03-13", "08:00").toISOString() });
    const [mail] = await outboxOf(reminder.id);
    expect(mail).toMatchObject({ recipient: confirmed.participant.email, template: "encounter-reminder" });
    const data = JSON.parse(mail.data);
    expect(data).toMatchObject({
      name: "Ana Pérez",
      whatToBring: "Documento de identidad",
      agenda: [{ title: "Instalación", room: "Auditorio" }],
      url: `${appUrl}/encuentros/${e.slug}/agenda`,
      encounter: { venue: "Centro de convenciones Ágora", address: "Calle 24 # 38-47" },
    });
    expect(data.mapUrl).toContain(encodeURIComponent("Centro de convenciones Ágora, Calle 24 # 38-47, Bogotá"));

    // The rest of the week: nothing more; then the 1-day reminder.
    expect(await run(bogota("2031-03-18", "20:00"))).toMatchObject({ reminders: 0, sent: [] });
    const eve = await run(bogota("2031-03-19", "08:00"));
    expect(eve).toMatchObject({ reminders: 1, mails: 1 });
    expect((await messageRow(eve.sent[0])).reminder_days).toBe(1);
    expect(await run(bogota("2031-03-19", "09:00"))).toMatchObject({ reminders: 0, sent: [] });
    // Once it has begun, none.
    expect(await run(bogota("2031-03-20", "09:00"))).toMatchObject({ reminders: 0, sent: [] });
  });

  it("follow the encounter's plan, and stay off for drafts and when turned off", async () => {
    const me = await organizer();
    const draft = await encounter({ status: "draft", starts_at: "2032-03-20T13:00:00.000Z", ends_at: "2032-03-20T21:00:00.000Z" });
    await person(draft.id);
    expect((await run(bogota("2032-03-13", "09:00"))).reminders).toBe(0);

    const e = await encounter({ starts_at: "2032-03-20T13:00:00.000Z", ends_at: "2032-03-20T21:00:00.000Z" });
    await person(e.id);
    await saveReminderPlan(getDb(), me.id, e.id, { enabled: true, daysBefore: [3], sendTime: "17:30", whatToBring: "" });
    expect((await run(bogota("2032-03-17", "17:29"))).reminders).toBe(0);
    const due = await run(bogota("2032-03-17", "17:30"));
    expect(due.reminders).toBe(1);
    expect(JSON.parse((await outboxOf(due.sent[0]))[0].data).whatToBring).toBeUndefined();

    const off = await encounter({ starts_at: "2032-03-20T13:00:00.000Z", ends_at: "2032-03-20T21:00:00.000Z" });
    await person(off.id);
    await saveReminderPlan(getDb(), me.id, off.id, { enabled: false, daysBefore: [7, 1], sendTime: "08:00", whatToBring: "" });
    expect((await run(bogota("2032-03-19", "09:00"))).reminders).toBe(0);
  });

  it("written by two schedulers at once, go once", async () => {
    const e = await encounter({ starts_at: "2033-03-20T13:00:00.000Z", ends_at: "2033-03-20T21:00:00.000Z" });
    for (let i = 0; i < 10; i++) await person(e.id);
    const at = bogota("2033-03-13", "08:00");
    const [one, two] = await Promise.all([run(at, "uno"), run(at, "dos")]);
    expect(one.reminders + two.reminders).toBe(1);
    expect(one.mails + two.mails).toBe(10);
  });
});
