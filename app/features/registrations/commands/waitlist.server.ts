import type { DB } from "~db/client";
import type { Encounter } from "~db/schema";
import { writeTransaction } from "~db/write-transaction";
import { actorOf, recordAudit } from "~/server/audit.server";
import { findEncounterById } from "~/features/encounters/queries.server";
import { checkinCodeOf, tokenOf } from "~/features/registrations/commands/keys.server";
import { mailConfirmed } from "~/features/registrations/commands/mail.server";
import { takePlace } from "~/features/registrations/commands/places.server";
import { findRegistrationById, firstFittingWaitlisted } from "~/features/registrations/queries.server";

// The waiting list: whenever a place frees up, the first person in line whose city still has
// room takes it, in the same transaction as the change that freed it.

/**
 * Fills free places from the waiting list, in order, skipping people whose city is at its
 * quota. Runs inside the caller's write transaction; returns the ids promoted.
 */
export async function promoteWaiting(trx: DB, encounter: Encounter, context: { now: Date; actor: string }): Promise<number[]> {
  const promoted: number[] = [];
  for (;;) {
    const fresh = await findEncounterById(trx, encounter.id);
    if (!fresh || fresh.confirmed_count >= fresh.capacity) break;
    const next = await firstFittingWaitlisted(trx, encounter.id);
    if (!next) break;
    if (!(await takePlace(trx, encounter.id, next.city_id))) break;
    await confirmFromWaitlist(trx, fresh, next.id, context);
    promoted.push(next.id);
  }
  return promoted;
}

/** Moves one waitlisted registration whose place is already taken to confirmed, and tells them. */
async function confirmFromWaitlist(trx: DB, encounter: Encounter, registrationId: number, context: { now: Date; actor: string; byHand?: boolean }) {
  const at = context.now.toISOString();
  const reg = await findRegistrationById(trx, registrationId);
  if (!reg || reg.status !== "waitlisted") throw new Error(`La inscripción ${registrationId} no está en lista de espera`);
  const position = reg.waitlist_position!;
  await trx
    .updateTable("registrations")
    .set({ status: "confirmed", waitlist_position: null, updated_at: at })
    .where("id", "=", registrationId)
    .where("status", "=", "waitlisted")
    .execute();
  const token = await tokenOf(trx, reg);
  const code = await checkinCodeOf(trx, reg);
  await mailConfirmed(trx, { ...reg, checkin_code: code }, encounter, token, { promotedFrom: position });
  await recordAudit(trx, {
    actor: context.actor,
    action: context.byHand ? "registration.promote_by_hand" : "registration.promote",
    entity: "registration",
    entityId: registrationId,
    data: { encounterId: encounter.id, fromPosition: position },
  });
}

/**
 * Gives the free places to the waiting line, first come first served within each city's quota
 * (after an organizer raised the capacity or a quota). Returns the ids confirmed.
 */
export async function fillFromWaitlist(db: DB, encounterId: number, organizerId: number, now = new Date()): Promise<number[]> {
  return writeTransaction(db, async (trx) => {
    const encounter = await findEncounterById(trx, encounterId);
    if (!encounter) return [];
    return promoteWaiting(trx, encounter, { now, actor: actorOf.organizer(organizerId) });
  });
}

export type PromoteResult = { ok: true } | { ok: false; reason: "notWaitlisted" | "full" | "cityFull" };

/** An organizer moves one person from the waiting list, ahead of the line; the city quota may be waived. */
export async function promoteByHand(
  db: DB,
  registrationId: number,
  organizerId: number,
  options: { ignoreCityQuota: boolean; now?: Date },
): Promise<PromoteResult> {
  const now = options.now ?? new Date();
  return writeTransaction(db, async (trx) => {
    const reg = await findRegistrationById(trx, registrationId);
    if (!reg || reg.status !== "waitlisted") return { ok: false, reason: "notWaitlisted" } as const;
    const encounter = await findEncounterById(trx, reg.encounter_id);
    if (!encounter) return { ok: false, reason: "notWaitlisted" } as const;
    if (encounter.confirmed_count >= encounter.capacity) return { ok: false, reason: "full" } as const;
    if (!(await takePlace(trx, encounter.id, reg.city_id, { ignoreCityQuota: options.ignoreCityQuota }))) return { ok: false, reason: "cityFull" } as const;
    await confirmFromWaitlist(trx, encounter, reg.id, { now, actor: actorOf.organizer(organizerId), byHand: true });
    return { ok: true } as const;
  });
}
