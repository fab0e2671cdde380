import ical from "node-ical";
import { beforeAll, describe, expect, it } from "vitest";
import { listAgenda } from "~/features/agenda/queries.server";
import { dispatchBatch } from "~/features/mail/dispatcher.server";
import { cancelRegistration } from "~/features/registrations/commands/cancel.server";
import { registerForEncounter } from "~/features/registrations/commands/register.server";
import { getDb } from "~/server/db.server";
import { checkinQrPng, checkinUrl } from "~/features/registrations/tokens.server";
import { useSmtpDelivery } from "../helpers/smtp-delivery";
import { dane, makeEncounter, person } from "./helpers";
import { makeAgendaItem, makeEncounter as makeEncounterRow } from "../factories";

// The registration mails as they leave, through the outbox and the dispatcher to a real SMTP
// server: the confirmation carries a valid .ics of the encounter and the check-in QR code.

const smtp = useSmtpDelivery();

// An encounter to come in Bogotá's zone with an agenda of three sessions, one with a speaker.
beforeAll(async () => {
  const db = getDb();
  const encounter = await makeEncounterRow(db, { slug: "seguimiento", timezone: "America/Bogota" });
  for (const [position, hours] of [0, 1.5, 3].entries()) {
    await makeAgendaItem(db, {
      encounter_id: encounter.id,
      starts_at: new Date(Date.parse(encounter.starts_at) + hours * 3_600_000).toISOString(),
      position,
      speakers: position === 1 ? [{ name: "Equipo de la agencia de migración" }] : [],
    });
  }
});

const read = new Set<unknown>();
/** Sends what is due, then returns the messages to `to` not read before, oldest first. */
async function deliver(to: string) {
  await dispatchBatch({ db: getDb(), transport: smtp.transport, from: smtp.from });
  const mine = smtp.sink.received.filter((m) => m.to.includes(to) && !read.has(m));
  mine.forEach((m) => read.add(m));
  return Promise.all(mine.map((m) => smtp.sink.parse(m)));
}

function events(text: string) {
  return Object.values(ical.sync.parseICS(text)).filter((c): c is ical.VEvent => c.type === "VEVENT");
}

describe("registration mail through a real SMTP server", () => {
  it("confirms with the agenda as .ics (right times in the encounter's zone) and the check-in QR shown inline", async () => {
    const db = getDb();
    const encounter = await db.selectFrom("encounters").selectAll().where("slug", "=", "seguimiento").executeTakeFirstOrThrow();
    const input = person("correo-1", dane.medellin);
    const outcome = await registerForEncounter(db, encounter.id, input, { locale: "es" });
    expect(outcome.kind).toBe("confirmed");
    const [mail] = await deliver(input.email);
    expect(mail.subject).toBe(`Inscripción confirmada: ${encounter.title}`);

    const ics = mail.attachments.find((a) => a.contentType === "text/calendar");
    expect(ics?.filename).toBe("seguimiento.ics");
    const agenda = await listAgenda(db, encounter.id);
    const parsed = events(ics!.content.toString("utf8"));
    expect(parsed).toHaveLength(agenda.length);
    expect(parsed.map((e) => e.start.toISOString()).sort()).toEqual(agenda.map((a) => a.starts_at).sort());
    expect(ics!.content.toString("utf8")).toContain("TZID=America/Bogota");

    const reg = await db
      .selectFrom("registrations")
      .select(["checkin_code"])
      .where("id", "=", (outcome as { registrationId: number }).registrationId)
      .executeTakeFirstOrThrow();
    const qr = mail.attachments.find((a) => a.contentType === "image/png");
    expect(qr?.cid).toBe("checkin-qr");
    expect(qr!.content.subarray(1, 4).toString("latin1")).toBe("PNG");
    // The image is the QR code of this person's check-in link (generation is deterministic).
    expect(qr!.content.toString("base64")).toBe(await checkinQrPng(checkinUrl("seguimiento", reg.checkin_code!)));
    // Shown inline: the HTML refers to the attachment by its Content-ID (mailparser resolves it).
    expect(qr!.related).toBe(true);
    expect(mail.html).toContain(`data:image/png;base64,${qr!.content.toString("base64")}`);
    expect(mail.text).toContain(reg.checkin_code!);
    expect(mail.text).toMatch(/\/inscripcion\/[A-Za-z0-9_-]{43}/);
  });

  it("writes to the person in their language, and with one event for an encounter without agenda", async () => {
    const db = getDb();
    const encounter = await makeEncounter({ capacity: 1, quota: 1 });
    const first = person(`correo-en-${encounter.id}`, dane.cali);
    const second = person(`correo-es-${encounter.id}`, dane.cali);
    const a = await registerForEncounter(db, encounter.id, first, { locale: "en" });
    await registerForEncounter(db, encounter.id, second, { locale: "es" });
    const [confirmed] = await deliver(first.email);
    expect(confirmed.subject).toBe(`Registration confirmed: ${encounter.title}`);
    const ics = confirmed.attachments.find((x) => x.contentType === "text/calendar")!;
    const [event] = events(ics.content.toString("utf8"));
    expect(event.start.toISOString()).toBe(encounter.starts_at);
    expect(event.end.toISOString()).toBe(encounter.ends_at);
    expect(event.summary).toBe(encounter.title);
    const [waiting] = await deliver(second.email);
    expect(waiting.subject).toBe(`Lista de espera: ${encounter.title}`);
    expect(waiting.text).toContain("puesto 1");

    if (a.kind !== "confirmed") throw new Error(a.kind);
    await cancelRegistration(db, a.registrationId, { actor: "test", byOrganizer: false });
    const [cancelled] = await deliver(first.email);
    expect(cancelled.subject).toBe(`Registration cancelled: ${encounter.title}`);
    const [promoted] = await deliver(second.email);
    expect(promoted.subject).toContain("Se liberó un cupo");
    expect(promoted.attachments.map((x) => x.contentType).sort()).toEqual(["image/png", "text/calendar"]);
  });
});
