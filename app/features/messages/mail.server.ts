import type { DB } from "~db/client";
import type { Encounter, Message } from "~db/schema";
import { renderEmail } from "~emails/index";
import { listAgenda } from "~/features/agenda/queries.server";
import type { EmailRequest } from "~/features/mail/outbox.server";
import { listReceivedMessages, listRecipients, type Recipient } from "~/features/messages/queries.server";
import { stopMessagesUrl } from "~/features/messages/opt-out.server";
import { deliveryKey, mapUrl, parseSegment } from "~/features/messages/rules";
import { encounterForMail, mailLine } from "~/features/registrations/commands/mail.server";
import { manageLinkUsable } from "~/features/registrations/rules";
import { manageTokenFor, manageUrl } from "~/features/registrations/tokens.server";

// The mail of one message (or reminder) to one person: the outbox request the scheduler queues,
// and the same data the organizers' preview renders. Everything a person reads is theirs: their
// name, their language's frame, their registration link and their link to stop these messages.

export interface MailContext {
  appUrl: string;
  secret: string;
  now: Date;
  /** The preview shows where the personal links go, never the working links themselves. */
  preview?: boolean;
}

export type EncounterForMail = Encounter & { host_city: string | null };

export async function loadEncounterForMail(db: DB, encounterId: number): Promise<EncounterForMail> {
  return db
    .selectFrom("encounters")
    .leftJoin("cities", "cities.id", "encounters.host_city_id")
    .selectAll("encounters")
    .select("cities.name as host_city")
    .where("encounters.id", "=", encounterId)
    .executeTakeFirstOrThrow();
}

/** What a reminder needs besides the person: the agenda, read once per reminder. */
export async function loadReminderExtras(db: DB, encounter: EncounterForMail) {
  const items = await listAgenda(db, encounter.id);
  return {
    agenda: items.map((item) => ({
      title: mailLine(item.title, "-"),
      startsAt: item.starts_at,
      endsAt: item.ends_at,
      ...(item.room.trim() ? { room: mailLine(item.room, "-") } : {}),
    })),
    mapUrl: mapUrl([encounter.venue, encounter.address, encounter.host_city]),
  };
}
export type ReminderExtras = Awaited<ReturnType<typeof loadReminderExtras>>;

type Person = Pick<Recipient, "registration_id" | "participant_id" | "email" | "full_name" | "locale" | "manage_nonce">;

function personalLinks(person: Person, encounter: EncounterForMail, ctx: MailContext) {
  if (ctx.preview) {
    return { manageUrl: `${ctx.appUrl}/inscripcion/enlace-personal`, stopUrl: `${ctx.appUrl}/mensajes/detener/enlace-personal` };
  }
  const usable = person.manage_nonce !== null && manageLinkUsable(encounter, ctx.now);
  return {
    ...(usable ? { manageUrl: manageUrl(manageTokenFor(person.manage_nonce!, ctx.secret), ctx.appUrl) } : {}),
    stopUrl: stopMessagesUrl({ id: person.participant_id, email: person.email }, { appUrl: ctx.appUrl, secret: ctx.secret }),
  };
}

export type MessageMail = EmailRequest<"encounter-message"> | EmailRequest<"encounter-reminder">;

/** One person's copy of a message or a reminder, keyed so that it is written once. */
export function mailFor(message: Message, encounter: EncounterForMail, person: Person, ctx: MailContext, extras?: ReminderExtras): MessageMail {
  // Due from the scheduler's "now", so that a test's clock and the dispatcher's agree.
  const base = { key: deliveryKey(message.id, person.registration_id), to: person.email, locale: person.locale, notBefore: ctx.now };
  const name = mailLine(person.full_name, person.email);
  const links = personalLinks(person, encounter, ctx);
  if (message.kind === "reminder") {
    if (!extras) throw new Error("A reminder's mail needs its agenda (loadReminderExtras).");
    const schedule = encounterForMail(encounter, person.locale, ctx.appUrl);
    return {
      ...base,
      template: "encounter-reminder",
      data: {
        name,
        encounter: schedule,
        agenda: extras.agenda,
        ...(extras.mapUrl ? { mapUrl: extras.mapUrl } : {}),
        ...(message.body.trim() ? { whatToBring: message.body } : {}),
        url: `${ctx.appUrl}/encuentros/${encodeURIComponent(encounter.slug)}/agenda`,
        ...links,
      },
    };
  }
  return {
    ...base,
    template: "encounter-message",
    data: {
      name,
      encounter: { title: mailLine(encounter.title, "Convoca"), url: `${ctx.appUrl}/encuentros/${encodeURIComponent(encounter.slug)}` },
      subject: message.subject,
      body: message.body,
      ...links,
    },
  };
}

/**
 * The message as one of its recipients would read it (the one asked for, else the first), with
 * the people to choose from; null when nobody would receive it. Personal links are examples.
 */
export async function previewMessage(db: DB, message: Message, appUrl: string, as?: number) {
  const people = await listRecipients(db, message.encounter_id, parseSegment(message.segment));
  if (people.length === 0) return null;
  const person = people.find((p) => p.registration_id === as) ?? people[0];
  const encounter = await loadEncounterForMail(db, message.encounter_id);
  const extras = message.kind === "reminder" ? await loadReminderExtras(db, encounter) : undefined;
  const mail = mailFor(message, encounter, person, { appUrl, secret: "", now: new Date(), preview: true }, extras);
  const rendered = await renderEmail(mail.template, mail.locale, mail.data as never);
  const choices = people.slice(0, 50);
  if (!choices.includes(person)) choices.push(person);
  return {
    as: person.registration_id,
    choices: choices.map((p) => ({ id: p.registration_id, name: p.full_name, city: p.city_name })),
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
  };
}

/**
 * What the person's registration page shows of the messages: those that reached them for this
 * registration, whether they stopped them, and their own link to stop or resume them.
 */
export async function receivedMessagesView(db: DB, registration: { id: number; participant_id: number; email: string }) {
  const [items, participant] = await Promise.all([
    listReceivedMessages(db, registration.id),
    db.selectFrom("participants").select("messages_stopped_at").where("id", "=", registration.participant_id).executeTakeFirst(),
  ]);
  const stopUrl = new URL(stopMessagesUrl({ id: registration.participant_id, email: registration.email })).pathname;
  return {
    items: items.map((m) => ({ id: m.id, kind: m.kind, reminderDays: m.reminder_days, subject: m.subject, body: m.body, sentAt: m.sent_at })),
    stopped: participant?.messages_stopped_at != null,
    stopUrl,
  };
}
