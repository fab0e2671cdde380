import type { DB } from "~db/client";
import type { OutboxStatus } from "~db/schema";

// Queries on the outbox that are not the dispatcher's own: the rendered bodies kept for the
// mail viewer, and what /admin/correo lists and shows.

export async function saveRenderedBody(db: DB, outboxId: number, body: { html: string; text: string }, now = new Date()) {
  await db
    .insertInto("email_outbox_bodies")
    .values({ outbox_id: outboxId, html: body.html, text: body.text, rendered_at: now.toISOString() })
    .onConflict((oc) => oc.column("outbox_id").doUpdateSet({ html: body.html, text: body.text, rendered_at: now.toISOString() }))
    .execute();
}

export const outboxPageSize = 50;

/** Newest first, optionally one status, paged by id ("older than"). */
export async function listOutbox(db: DB, filter: { status?: OutboxStatus; beforeId?: number; limit?: number } = {}) {
  const limit = filter.limit ?? outboxPageSize;
  let query = db
    .selectFrom("email_outbox")
    .select([
      "id",
      "idempotency_key",
      "recipient",
      "template",
      "locale",
      "status",
      "attempts",
      "subject",
      "last_error",
      "created_at",
      "sent_at",
      "next_attempt_at",
    ])
    .orderBy("id", "desc")
    .limit(limit + 1);
  if (filter.status) query = query.where("status", "=", filter.status);
  if (filter.beforeId) query = query.where("id", "<", filter.beforeId);
  const rows = await query.execute();
  return { messages: rows.slice(0, limit), hasMore: rows.length > limit };
}

export async function countOutboxByStatus(db: DB): Promise<Record<OutboxStatus, number>> {
  const rows = await db
    .selectFrom("email_outbox")
    .select(["status", (eb) => eb.fn.countAll<number>().as("count")])
    .groupBy("status")
    .execute();
  const counts: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

export async function getOutboxMessage(db: DB, id: number) {
  const row = await db
    .selectFrom("email_outbox")
    .leftJoin("email_outbox_bodies", "email_outbox_bodies.outbox_id", "email_outbox.id")
    .selectAll("email_outbox")
    .select(["email_outbox_bodies.html", "email_outbox_bodies.text", "email_outbox_bodies.rendered_at"])
    .where("email_outbox.id", "=", id)
    .executeTakeFirst();
  return row ?? null;
}

/** Sends a failed message again (an organizer fixed the address's mailbox, the SMTP login...). */
export async function requeueFailedMessage(db: DB, id: number, now = new Date()): Promise<boolean> {
  const result = await db
    .updateTable("email_outbox")
    .set({ status: "pending", next_attempt_at: now.toISOString(), attempts: 0, last_error: null })
    .where("id", "=", id)
    .where("status", "=", "failed")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
