import type { DB } from "~db/client";
import { writeTransaction } from "~db/write-transaction";
import { recordAudit } from "~/server/audit.server";

// An organizer's writes on the outbox. (Mail is queued by the change that causes it, through
// enqueueEmail in outbox.server.ts; the dispatcher records what it sent.)

/** Sends a failed message again (an organizer fixed the address's mailbox, the SMTP login...). */
export async function requeueFailedMessage(db: DB, id: number, actor: string, now = new Date()): Promise<boolean> {
  return writeTransaction(db, async (trx) => {
    const result = await trx
      .updateTable("email_outbox")
      .set({ status: "pending", next_attempt_at: now.toISOString(), attempts: 0, last_error: null })
      .where("id", "=", id)
      .where("status", "=", "failed")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await recordAudit(trx, { actor, action: "mail.requeue", entity: "email_outbox", entityId: id });
    return true;
  });
}
