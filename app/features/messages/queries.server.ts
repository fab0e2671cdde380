import type { DB } from "~db/client";
import type { Message, MessageStatus } from "~db/schema";
import {
  canReceiveMail,
  defaultReminderPlan,
  inSegment,
  normalizeReminderDays,
  receivesMessage,
  type RecipientFacts,
  type ReminderPlan,
  type Segment,
} from "~/features/messages/rules";

// Reads of the messages area: who a segment reaches, an encounter's messages with their mail
// counts, its reminder plan, and the messages a person received. Reads only.

/** The segment's answer filter needs the registration questions, which this branch has not got. */
export class AnswerFilterUnavailable extends Error {
  constructor() {
    super("El filtro por respuesta a una pregunta llega con las preguntas de inscripción (registration_answers).");
    this.name = "AnswerFilterUnavailable";
  }
}

/** Every registration of the encounter that could be in a segment (not cancelled), with what the rules read. */
async function candidates(db: DB, encounterId: number) {
  const rows = await db
    .selectFrom("registrations")
    .innerJoin("participants", "participants.id", "registrations.participant_id")
    .innerJoin("cities", "cities.id", "participants.city_id")
    .select([
      "registrations.id as registration_id",
      "registrations.status",
      "registrations.checked_in_at",
      "registrations.consent_pending",
      "registrations.locale",
      "registrations.manage_nonce",
      "participants.id as participant_id",
      "participants.email",
      "participants.full_name",
      "participants.messages_stopped_at",
      "cities.dane as city_dane",
      "cities.name as city_name",
    ])
    .where("registrations.encounter_id", "=", encounterId)
    .where("registrations.status", "!=", "cancelled")
    .orderBy("registrations.id")
    .execute();
  return rows.map((row) => ({
    ...row,
    facts: {
      status: row.status,
      checkedIn: row.checked_in_at !== null,
      cityDane: row.city_dane,
      consentPending: row.consent_pending === 1,
      messagesStopped: row.messages_stopped_at !== null,
      email: row.email,
    } satisfies RecipientFacts,
  }));
}
export type Recipient = Awaited<ReturnType<typeof candidates>>[number];

/**
 * The people a message with this segment goes to now, in registration order: the segment's
 * registrations that consented, did not stop messages and have an address mail reaches. The
 * rules (rules.ts receivesMessage) decide, so the page's count, the preview and the scheduler
 * agree by construction.
 */
export async function listRecipients(db: DB, encounterId: number, segment: Segment): Promise<Recipient[]> {
  if (segment.answer) throw new AnswerFilterUnavailable();
  return (await candidates(db, encounterId)).filter((r) => receivesMessage(segment, r.facts));
}

/** How many a segment reaches, and how many of the segment are left out and why. */
export async function recipientCount(db: DB, encounterId: number, segment: Segment) {
  if (segment.answer) throw new AnswerFilterUnavailable();
  const inside = (await candidates(db, encounterId)).filter((r) => inSegment(segment, r.facts));
  const count = { recipients: 0, stopped: 0, consentPending: 0, unreachable: 0 };
  for (const r of inside) {
    if (r.facts.consentPending) count.consentPending += 1;
    else if (r.facts.messagesStopped) count.stopped += 1;
    else if (!canReceiveMail(r.facts.email)) count.unreachable += 1;
    else count.recipients += 1;
  }
  return count;
}

/** The first recipients by name, for the preview's "as seen by" choice. */
export async function previewRecipients(db: DB, encounterId: number, segment: Segment, limit = 50) {
  return (await listRecipients(db, encounterId, segment)).slice(0, limit);
}

export interface MailCounts {
  pending: number;
  sent: number;
  failed: number;
}

/** How the mail of these messages went, by message id (a message without mail has none). */
export async function mailCounts(db: DB, ids: number[]): Promise<Map<number, MailCounts>> {
  const counts = new Map<number, MailCounts>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom("message_deliveries")
      .innerJoin("email_outbox", "email_outbox.idempotency_key", "message_deliveries.outbox_key")
      .select(["message_deliveries.message_id", "email_outbox.status"])
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("message_deliveries.message_id", "in", ids.slice(i, i + 500))
      .groupBy(["message_deliveries.message_id", "email_outbox.status"])
      .execute();
    for (const row of rows) {
      const c = counts.get(row.message_id) ?? { pending: 0, sent: 0, failed: 0 };
      if (row.status === "sent") c.sent += Number(row.n);
      else if (row.status === "failed") c.failed += Number(row.n);
      else c.pending += Number(row.n);
      counts.set(row.message_id, c);
    }
  }
  return counts;
}

const noMail: MailCounts = { pending: 0, sent: 0, failed: 0 };

/** An encounter's messages and reminders, newest first, each with how its mail went. */
export async function listMessages(db: DB, encounterId: number) {
  const messages = await db
    .selectFrom("messages")
    .selectAll()
    .where("encounter_id", "=", encounterId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  const counts = await mailCounts(
    db,
    messages.filter((m) => m.status === "sent" || m.status === "sending").map((m) => m.id),
  );
  return messages.map((m) => ({ ...m, mail: counts.get(m.id) ?? noMail }));
}

export async function findMessage(db: DB, encounterId: number, id: number): Promise<Message | null> {
  return (await db.selectFrom("messages").selectAll().where("encounter_id", "=", encounterId).where("id", "=", id).executeTakeFirst()) ?? null;
}

/** The encounter's reminder plan: its own row, or the defaults. */
export async function findReminderPlan(db: DB, encounterId: number): Promise<ReminderPlan & { customized: boolean }> {
  const row = await db.selectFrom("encounter_reminder_settings").selectAll().where("encounter_id", "=", encounterId).executeTakeFirst();
  if (!row) return { ...defaultReminderPlan, customized: false };
  return { ...planOf(row), customized: true };
}

/** A stored plan row as rules read it (a damaged days list reads as none). */
export function planOf(row: { enabled: number; days_before: string; send_time: string; what_to_bring: string }): ReminderPlan {
  let days: number[] = [];
  try {
    const parsed: unknown = JSON.parse(row.days_before);
    if (Array.isArray(parsed)) days = normalizeReminderDays(parsed.filter((d): d is number => typeof d === "number"));
  } catch {
    days = [];
  }
  return { enabled: row.enabled === 1, daysBefore: days, sendTime: row.send_time, whatToBring: row.what_to_bring };
}

const sentStatus: MessageStatus = "sent";

/** What reached a person for one registration: the sent messages and reminders, newest first. */
export async function listReceivedMessages(db: DB, registrationId: number) {
  return db
    .selectFrom("message_deliveries")
    .innerJoin("messages", "messages.id", "message_deliveries.message_id")
    .select(["messages.id", "messages.kind", "messages.reminder_days", "messages.subject", "messages.body", "messages.sent_at"])
    .where("message_deliveries.registration_id", "=", registrationId)
    .where("messages.status", "=", sentStatus)
    .orderBy("messages.sent_at", "desc")
    .orderBy("messages.id", "desc")
    .execute();
}
export type ReceivedMessage = Awaited<ReturnType<typeof listReceivedMessages>>[number];

/** The cities with people registered for the encounter (not cancelled), with how many, by name. */
export async function registeredCities(db: DB, encounterId: number) {
  const rows = await db
    .selectFrom("registrations")
    .innerJoin("participants", "participants.id", "registrations.participant_id")
    .innerJoin("cities", "cities.id", "participants.city_id")
    .select(["cities.dane", "cities.name"])
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("registrations.encounter_id", "=", encounterId)
    .where("registrations.status", "!=", "cancelled")
    .groupBy(["cities.dane", "cities.name"])
    .orderBy("cities.name")
    .execute();
  return rows.map((r) => ({ dane: r.dane, name: r.name, count: Number(r.count) }));
}

/** Names of the cities a list of segments mentions, by DANE code. */
export async function cityNames(db: DB, danes: string[]): Promise<Record<string, string>> {
  if (danes.length === 0) return {};
  const rows = await db
    .selectFrom("cities")
    .select(["dane", "name"])
    .where("dane", "in", [...new Set(danes)])
    .execute();
  return Object.fromEntries(rows.map((r) => [r.dane, r.name]));
}
