import type { DB } from "~db/client";
import { writeTransaction } from "~db/write-transaction";
import { actorOf, recordAudit } from "~/server/audit.server";

// Consent is the person's own: a registration someone else entered waits for it.

/** The person gives their own consent (the registration was entered by someone else). Audited. */
export async function recordOwnConsent(db: DB, registrationId: number, now = new Date()): Promise<boolean> {
  const at = now.toISOString();
  return writeTransaction(db, async (trx) => {
    const done = await trx
      .updateTable("registrations")
      .set({ consent_pending: 0, consent_at: at, updated_at: at })
      .where("id", "=", registrationId)
      .where("consent_pending", "=", 1)
      .returning("participant_id")
      .executeTakeFirst();
    if (!done) return false;
    await recordAudit(trx, {
      actor: actorOf.participant(done.participant_id),
      action: "registration.consent",
      entity: "registration",
      entityId: registrationId,
      data: { at },
    });
    return true;
  });
}
