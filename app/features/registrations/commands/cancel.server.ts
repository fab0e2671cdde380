import type { DB } from "~db/client";
import { writeTransaction } from "~db/write-transaction";
import { actorOf, recordAudit } from "~/server/audit.server";
import { findEncounterById } from "~/features/encounters/queries.server";
import { mailCancelled } from "~/features/registrations/commands/mail.server";
import { releasePlace } from "~/features/registrations/commands/places.server";
import { promoteWaiting } from "~/features/registrations/commands/waitlist.server";
import { findRegistrationById } from "~/features/registrations/queries.server";

// Cancelling a registration, by the person or an organizer: the freed place goes to the
// waiting line in the same transaction.

export type CancelResult = { ok: true; promoted: number[] } | { ok: false; reason: "notActive" };

/** Cancels a confirmed or waitlisted registration; a freed place goes to the first who fits. */
export async function cancelRegistration(
  db: DB,
  registrationId: number,
  options: { actor: string; byOrganizer: boolean; reason?: string | null; notify?: boolean; now?: Date },
): Promise<CancelResult> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  return writeTransaction(db, async (trx): Promise<CancelResult> => {
    const reg = await findRegistrationById(trx, registrationId);
    if (!reg || reg.status === "cancelled") return { ok: false, reason: "notActive" };
    const encounter = await findEncounterById(trx, reg.encounter_id);
    if (!encounter) return { ok: false, reason: "notActive" };
    const changed = await trx
      .updateTable("registrations")
      .set({ status: "cancelled", waitlist_position: null, cancelled_at: at, updated_at: at })
      .where("id", "=", reg.id)
      .where("status", "=", reg.status)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) return { ok: false, reason: "notActive" };
    if (options.notify ?? true) {
      await mailCancelled(trx, reg, encounter, { byOrganizer: options.byOrganizer, reason: options.reason ?? null, now });
    }
    let promoted: number[] = [];
    if (reg.status === "confirmed") {
      await releasePlace(trx, encounter.id, reg.city_id);
      promoted = await promoteWaiting(trx, encounter, { now, actor: actorOf.system });
    }
    await recordAudit(trx, {
      actor: options.actor,
      action: "registration.cancel",
      entity: "registration",
      entityId: reg.id,
      data: { encounterId: encounter.id, from: reg.status, byOrganizer: options.byOrganizer, reason: options.reason ?? null, promoted },
    });
    return { ok: true, promoted };
  });
}
