import type { DB } from "~db/client";
import { writeTransaction } from "~db/write-transaction";
import { listRecipients } from "~/features/messages/queries.server";
import {
  changeableStatuses,
  normalizeReminderDays,
  parseSegment,
  scheduleProblem,
  serializeSegment,
  type ReminderPlan,
  type Segment,
} from "~/features/messages/rules";
import { actorOf, recordAudit } from "~/server/audit.server";

// The writes of the messages area. Each opens the write transaction and writes its audit entry
// with the change. Mail is not written here: the scheduler (scheduler.server.ts) queues a
// message's mail when it is due, through the outbox.

export interface MessageInput {
  subject: string;
  body: string;
  segment: Segment;
}

export type MessageRefusal = "noRecipients" | "notChangeable" | "inPast" | "tooFar";
export type Refused = { ok: false; reason: MessageRefusal };

const changeable = [...changeableStatuses];

/** A new draft: nothing goes until it is scheduled or sent. */
export async function createMessage(
  db: DB,
  organizerId: number,
  encounterId: number,
  input: MessageInput,
  now = new Date(),
): Promise<{ ok: true; id: number }> {
  return writeTransaction(db, async (trx) => {
    const at = now.toISOString();
    const row = await trx
      .insertInto("messages")
      .values({
        encounter_id: encounterId,
        kind: "message",
        subject: input.subject,
        body: input.body,
        segment: serializeSegment(input.segment),
        status: "draft",
        created_by: organizerId,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: actorOf.organizer(organizerId),
      action: "message.create",
      entity: "message",
      entityId: row.id,
      data: { encounterId, segment: input.segment },
    });
    return { ok: true as const, id: row.id };
  });
}

/**
 * Changes a message that has not gone yet (a draft, or a scheduled one: it stays scheduled, and
 * must still reach someone). Refused once a scheduler took it.
 */
export async function updateMessage(
  db: DB,
  organizerId: number,
  encounterId: number,
  id: number,
  input: MessageInput,
  now = new Date(),
): Promise<{ ok: true } | Refused> {
  return writeTransaction(db, async (trx) => {
    const message = await trx.selectFrom("messages").select(["status"]).where("id", "=", id).where("encounter_id", "=", encounterId).executeTakeFirst();
    if (!message || !changeable.includes(message.status)) return { ok: false as const, reason: "notChangeable" as const };
    if (message.status === "scheduled" && (await listRecipients(trx, encounterId, input.segment)).length === 0)
      return { ok: false as const, reason: "noRecipients" as const };
    const updated = await trx
      .updateTable("messages")
      .set({ subject: input.subject, body: input.body, segment: serializeSegment(input.segment), updated_at: now.toISOString() })
      .where("id", "=", id)
      .where("status", "in", changeable)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { ok: false as const, reason: "notChangeable" as const };
    await recordAudit(trx, {
      actor: actorOf.organizer(organizerId),
      action: "message.edit",
      entity: "message",
      entityId: id,
      data: { segment: input.segment },
    });
    return { ok: true as const };
  });
}

/**
 * Sends a message at `sendAt` (now, for "send now"): refused when that time has passed or is
 * too far, when the message already went or was cancelled, and when nobody would receive it.
 * The scheduler checks the recipients again when it is due.
 */
export async function scheduleMessage(
  db: DB,
  organizerId: number,
  encounterId: number,
  id: number,
  sendAt: Date,
  now = new Date(),
): Promise<{ ok: true; recipients: number; sendAt: string } | Refused> {
  const problem = scheduleProblem(sendAt, now);
  if (problem) return { ok: false, reason: problem };
  return writeTransaction(db, async (trx) => {
    const message = await trx
      .selectFrom("messages")
      .select(["status", "segment"])
      .where("id", "=", id)
      .where("encounter_id", "=", encounterId)
      .where("kind", "=", "message")
      .executeTakeFirst();
    if (!message || !changeable.includes(message.status)) return { ok: false as const, reason: "notChangeable" as const };
    const recipients = (await listRecipients(trx, encounterId, parseSegment(message.segment))).length;
    if (recipients === 0) return { ok: false as const, reason: "noRecipients" as const };
    const at = new Date(Math.max(sendAt.getTime(), now.getTime())).toISOString();
    await trx
      .updateTable("messages")
      .set({ status: "scheduled", send_at: at, updated_at: now.toISOString() })
      .where("id", "=", id)
      .where("status", "in", changeable)
      .execute();
    await recordAudit(trx, {
      actor: actorOf.organizer(organizerId),
      action: "message.schedule",
      entity: "message",
      entityId: id,
      data: { sendAt: at, recipients, immediately: sendAt.getTime() <= now.getTime() },
    });
    return { ok: true as const, recipients, sendAt: at };
  });
}

/** Cancels a message that has not gone yet; refused once a scheduler took it (it is going). */
export async function cancelMessage(db: DB, organizerId: number, encounterId: number, id: number, now = new Date()): Promise<{ ok: true } | Refused> {
  return writeTransaction(db, async (trx) => {
    const at = now.toISOString();
    const updated = await trx
      .updateTable("messages")
      .set({ status: "cancelled", cancelled_at: at, cancelled_by: organizerId, cancel_reason: "organizer", updated_at: at })
      .where("id", "=", id)
      .where("encounter_id", "=", encounterId)
      .where("kind", "=", "message")
      .where("status", "in", changeable)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { ok: false as const, reason: "notChangeable" as const };
    await recordAudit(trx, { actor: actorOf.organizer(organizerId), action: "message.cancel", entity: "message", entityId: id, data: { reason: "organizer" } });
    return { ok: true as const };
  });
}

/** An encounter's reminder plan, kept in its own row from the first save on. */
export async function saveReminderPlan(db: DB, organizerId: number, encounterId: number, plan: ReminderPlan, now = new Date()): Promise<void> {
  const values = {
    enabled: plan.enabled ? 1 : 0,
    days_before: JSON.stringify(normalizeReminderDays(plan.daysBefore)),
    send_time: plan.sendTime,
    what_to_bring: plan.whatToBring,
    updated_at: now.toISOString(),
    updated_by: organizerId,
  };
  await writeTransaction(db, async (trx) => {
    await trx
      .insertInto("encounter_reminder_settings")
      .values({ encounter_id: encounterId, ...values })
      .onConflict((oc) => oc.column("encounter_id").doUpdateSet(values))
      .execute();
    await recordAudit(trx, {
      actor: actorOf.organizer(organizerId),
      action: "reminders.plan",
      entity: "encounter",
      entityId: encounterId,
      data: { enabled: plan.enabled, daysBefore: normalizeReminderDays(plan.daysBefore), sendTime: plan.sendTime },
    });
  });
}

/**
 * The person stops (or resumes) the organizers' messages and reminders, from the link in their
 * mail. Returns whether anything changed (a second click changes nothing and writes nothing).
 */
export async function setMessagesStopped(db: DB, participantId: number, stop: boolean, now = new Date()): Promise<boolean> {
  return writeTransaction(db, async (trx) => {
    const updated = await trx
      .updateTable("participants")
      .set({ messages_stopped_at: stop ? now.toISOString() : null })
      .where("id", "=", participantId)
      .where("messages_stopped_at", stop ? "is" : "is not", null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    await recordAudit(trx, {
      actor: actorOf.participant(participantId),
      action: stop ? "messages.stop" : "messages.resume",
      entity: "participant",
      entityId: participantId,
    });
    return true;
  });
}
