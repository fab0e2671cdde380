import type { DB } from "~db/client";
import type { OutboxStatus } from "~db/schema";

// Reads of the outbox that are not the dispatcher's own: what /admin/correo lists and shows.

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
