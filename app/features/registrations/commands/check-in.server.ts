import type { DB } from "~db/client";
import { writeTransaction } from "~db/write-transaction";
import { actorOf, recordAudit } from "~/server/audit.server";
import { verifyAtCheckIn, withdrawAfterUndoneCheckIn } from "~/features/cities/commands.server";
import { findRegistrationByCheckinCode, findRegistrationById, type RegistrationDetail } from "~/features/registrations/queries.server";
import { normalizeCheckinCode } from "~/features/registrations/tokens.server";

// Check-in at the door: one arrival per registration, audited, and the city roster's
// verification that comes with it.

export type CheckInResult =
  | { kind: "checkedIn"; registration: RegistrationDetail }
  | { kind: "already"; registration: RegistrationDetail; at: string }
  | { kind: "notConfirmed"; registration: RegistrationDetail }
  | { kind: "unknown" };

/** Marks one arrival. A second scan changes nothing and says when the person arrived. */
export async function checkIn(db: DB, encounterId: number, registrationId: number, organizerId: number, now = new Date()): Promise<CheckInResult> {
  const at = now.toISOString();
  return writeTransaction(db, async (trx): Promise<CheckInResult> => {
    const reg = await findRegistrationById(trx, registrationId);
    if (!reg || reg.encounter_id !== encounterId) return { kind: "unknown" };
    if (reg.status !== "confirmed") return { kind: "notConfirmed", registration: reg };
    if (reg.checked_in_at) return { kind: "already", registration: reg, at: reg.checked_in_at };
    if (!(await markCheckedIn(trx, reg.id, organizerId, at))) {
      const again = await findRegistrationById(trx, reg.id);
      return again?.checked_in_at ? { kind: "already", registration: again, at: again.checked_in_at } : { kind: "unknown" };
    }
    await recordAudit(trx, {
      actor: actorOf.organizer(organizerId),
      action: "registration.check_in",
      entity: "registration",
      entityId: reg.id,
      data: { encounterId },
    });
    await verifyAtCheckIn(trx, reg.participant_id, organizerId, at);
    return { kind: "checkedIn", registration: { ...reg, checked_in_at: at, checked_in_by: organizerId } };
  });
}

/** What a scan or a typed code finds: the check-in of that registration, or "unknown". */
export async function checkInByCode(db: DB, encounterId: number, scanned: string, organizerId: number, now = new Date()): Promise<CheckInResult> {
  const code = normalizeCheckinCode(scanned);
  if (!code) return { kind: "unknown" };
  const reg = await findRegistrationByCheckinCode(db, encounterId, code);
  if (!reg) return { kind: "unknown" };
  return checkIn(db, encounterId, reg.id, organizerId, now);
}

/** An arrival marked by mistake is taken back (audited). */
export async function undoArrival(
  db: DB,
  encounterId: number,
  registrationId: number,
  organizerId: number,
  now = new Date(),
): Promise<RegistrationDetail | null> {
  return writeTransaction(db, async (trx) => {
    const reg = await findRegistrationById(trx, registrationId);
    if (!reg || reg.encounter_id !== encounterId || !(await undoCheckIn(trx, reg.id, now.toISOString()))) return null;
    await recordAudit(trx, {
      actor: actorOf.organizer(organizerId),
      action: "registration.undo_check_in",
      entity: "registration",
      entityId: reg.id,
      data: { encounterId, was: reg.checked_in_at },
    });
    await withdrawAfterUndoneCheckIn(trx, reg.participant_id, organizerId, now.toISOString());
    return reg;
  });
}

/** Marks the arrival once: a second scan changes nothing and the caller says when it was. */
export async function markCheckedIn(trx: DB, registrationId: number, organizerId: number | null, at: string): Promise<boolean> {
  const result = await trx
    .updateTable("registrations")
    .set({ checked_in_at: at, checked_in_by: organizerId, updated_at: at })
    .where("id", "=", registrationId)
    .where("status", "=", "confirmed")
    .where("checked_in_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function undoCheckIn(trx: DB, registrationId: number, at: string): Promise<boolean> {
  const result = await trx
    .updateTable("registrations")
    .set({ checked_in_at: null, checked_in_by: null, updated_at: at })
    .where("id", "=", registrationId)
    .where("checked_in_at", "is not", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
