import type { DB } from "~db/client";
import type { RosterVia, RosterWithdrawnReason } from "~db/schema";
import { writeTransaction } from "~db/write-transaction";
import { actorOf, recordAudit } from "~/server/audit.server";

// The writes of the city roster, the one source of a city's authority (the rule that reads it
// is app/features/cities/authority.server.ts). Rows are withdrawn, never deleted: who vouched for
// whom, and when, stays. Withdrawal ends the person's sessions in the same transaction, so a
// page already open cannot act for the city a moment later.

async function activeRow(trx: DB, participantId: number) {
  return trx
    .selectFrom("city_roster")
    .select(["id", "city_id", "verified_via"])
    .where("participant_id", "=", participantId)
    .where("withdrawn_at", "is", null)
    .executeTakeFirst();
}

async function withdrawRow(trx: DB, rosterId: number, participantId: number, organizerId: number | null, at: string, reason: RosterWithdrawnReason) {
  await trx
    .updateTable("city_roster")
    .set({ withdrawn_at: at, withdrawn_by_organizer_id: organizerId, withdrawn_reason: reason })
    .where("id", "=", rosterId)
    .where("withdrawn_at", "is", null)
    .execute();
  await trx.deleteFrom("sessions").where("participant_id", "=", participantId).execute();
}

type ActiveRow = NonNullable<Awaited<ReturnType<typeof activeRow>>>;

/** Withdraws the standing row for an organizer's reason and audits it, in the caller's transaction. */
async function withdrawWithAudit(
  trx: DB,
  current: ActiveRow,
  participantId: number,
  organizerId: number,
  at: string,
  reason: RosterWithdrawnReason,
  extra: { cityTo?: number } = {},
) {
  await withdrawRow(trx, current.id, participantId, organizerId, at, reason);
  await recordAudit(trx, {
    actor: actorOf.organizer(organizerId),
    action: "city_roster.withdraw",
    entity: "participant",
    entityId: participantId,
    data: { cityId: current.city_id, rosterId: current.id, via: current.verified_via, reason, ...extra },
  });
}

/** Inserts the row that makes the person speak for their city; returns its id. */
async function insertVerification(trx: DB, person: { id: number; city_id: number }, organizerId: number | null, at: string, via: RosterVia) {
  const row = await trx
    .insertInto("city_roster")
    .values({ city_id: person.city_id, participant_id: person.id, verified_at: at, verified_by_organizer_id: organizerId, verified_via: via })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export type VerifyOutcome = "verified" | "already" | "unknown" | "cityChanged";

/**
 * An organizer verifies a person for the city they are registered for. A verification that
 * only came from a check-in, or one for another city, is withdrawn and replaced, so the row
 * that stands says who decided. `shownCityId` is the city the organizer's page showed: if the
 * person's city changed since, nothing is written ("cityChanged").
 */
export async function verifyByOrganizer(db: DB, participantId: number, organizerId: number, now = new Date(), shownCityId?: number): Promise<VerifyOutcome> {
  const at = now.toISOString();
  return writeTransaction(db, async (trx): Promise<VerifyOutcome> => {
    const person = await trx.selectFrom("participants").select(["id", "city_id"]).where("id", "=", participantId).executeTakeFirst();
    if (!person) return "unknown";
    if (shownCityId !== undefined && shownCityId !== person.city_id) return "cityChanged";
    const current = await activeRow(trx, person.id);
    if (current && current.city_id === person.city_id && current.verified_via === "organizer") return "already";
    if (current) {
      await trx
        .updateTable("city_roster")
        .set({ withdrawn_at: at, withdrawn_by_organizer_id: organizerId, withdrawn_reason: "organizer" })
        .where("id", "=", current.id)
        .execute();
      // Another city: the sessions of someone who spoke for it end, as with any withdrawal.
      if (current.city_id !== person.city_id) await trx.deleteFrom("sessions").where("participant_id", "=", person.id).execute();
    }
    const rosterId = await insertVerification(trx, person, organizerId, at, "organizer");
    await recordAudit(trx, {
      actor: actorOf.organizer(organizerId),
      action: "city_roster.verify",
      entity: "participant",
      entityId: person.id,
      data: {
        cityId: person.city_id,
        rosterId,
        via: "organizer",
        replaced: current ? { rosterId: current.id, cityId: current.city_id, via: current.verified_via } : undefined,
      },
    });
    return "verified";
  });
}

/** An organizer withdraws a person's verification: access ends at once, sessions included. */
export async function withdrawByOrganizer(db: DB, participantId: number, organizerId: number, now = new Date()): Promise<boolean> {
  const at = now.toISOString();
  return writeTransaction(db, async (trx) => {
    const current = await activeRow(trx, participantId);
    if (!current) return false;
    await withdrawWithAudit(trx, current, participantId, organizerId, at, "organizer");
    return true;
  });
}

/**
 * Inside the transaction of an organizer's change of a person's city: authority was granted
 * for the old city and does not follow the person to the new one.
 */
export async function withdrawForCityChange(trx: DB, participantId: number, newCityId: number, organizerId: number, at: string): Promise<void> {
  const current = await activeRow(trx, participantId);
  if (!current || current.city_id === newCityId) return;
  await withdrawWithAudit(trx, current, participantId, organizerId, at, "city_changed", { cityTo: newCityId });
}

/** Whether the person's latest roster row is one an organizer withdrew (and none stands since). */
async function withdrawnByOrganizer(trx: DB, participantId: number): Promise<boolean> {
  const latest = await trx
    .selectFrom("city_roster")
    .select("withdrawn_reason")
    .where("participant_id", "=", participantId)
    .orderBy("id", "desc")
    .executeTakeFirst();
  return latest?.withdrawn_reason === "organizer";
}

/**
 * Inside the check-in's transaction: staff saw the person at the door, so they speak for the
 * city they are registered for. A person already verified (for any city) keeps that row, and
 * one an organizer withdrew stays withdrawn until an organizer verifies them again: a check-in
 * never overrides an organizer's decision.
 */
export async function verifyAtCheckIn(trx: DB, participantId: number, organizerId: number | null, at: string): Promise<void> {
  if (await activeRow(trx, participantId)) return;
  if (await withdrawnByOrganizer(trx, participantId)) return;
  const person = await trx.selectFrom("participants").select(["id", "city_id"]).where("id", "=", participantId).executeTakeFirst();
  if (!person) return;
  const rosterId = await insertVerification(trx, person, organizerId, at, "check_in");
  await recordAudit(trx, {
    actor: organizerId === null ? actorOf.system : actorOf.organizer(organizerId),
    action: "city_roster.verify",
    entity: "participant",
    entityId: person.id,
    data: { cityId: person.city_id, rosterId, via: "check_in" },
  });
}

/**
 * Inside the undo's transaction: a verification that only came from check-ins does not outlive
 * the last of them (an arrival marked by mistake vouched for nobody). One made by an organizer
 * stays.
 */
export async function withdrawAfterUndoneCheckIn(trx: DB, participantId: number, organizerId: number, at: string): Promise<void> {
  const current = await activeRow(trx, participantId);
  if (!current || current.verified_via !== "check_in") return;
  const stillArrived = await trx
    .selectFrom("registrations")
    .select("id")
    .where("participant_id", "=", participantId)
    .where("checked_in_at", "is not", null)
    .executeTakeFirst();
  if (stillArrived) return;
  // Only a check-in row gets here (checked above), so the audit's via stays "check_in".
  await withdrawWithAudit(trx, current, participantId, organizerId, at, "check_in_undone");
}
