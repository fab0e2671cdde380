import type { DB } from "~db/client";
import type { RosterWithdrawnReason } from "~db/schema";
import { writeTransaction } from "~db/write-transaction";
import { actorOf, recordAudit } from "~/server/audit.server";
import { mailRosterChange, noticeFocalPoints } from "~/features/cities/roster-mail.server";
import { activeRow, cityNameOf, insertRosterRow, personForMail, withdrawnByDecision, withdrawRow, type ActiveRow } from "~/features/cities/roster-rows.server";

// The writes of the city roster that come from a registration: an organizer verifies or
// withdraws a registered person (the registrations list, the city's page), a check-in verifies
// them, a change of their city withdraws them. The rule that reads the roster is
// app/features/cities/authority.server.ts; additions by name, focal points and hand-overs are in
// members.server.ts, email domains in domains.server.ts. Rows are withdrawn, never deleted.

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
  await withdrawRow(trx, current.id, participantId, { organizerId }, at, reason);
  await recordAudit(trx, {
    actor: actorOf.organizer(organizerId),
    action: "city_roster.withdraw",
    entity: "participant",
    entityId: participantId,
    data: { cityId: current.city_id, rosterId: current.id, via: current.verified_via, role: current.role, reason, ...extra },
  });
}

export type VerifyOutcome = "verified" | "already" | "unknown" | "cityChanged";

/**
 * An organizer verifies a person for the city they are registered for. A verification that
 * came from a check-in, a focal point or an email domain, or one for another city, is withdrawn
 * and replaced, so the row that stands says who decided (a focal point of the same city stays
 * one). `shownCityId` is the city the organizer's page showed: if the person's city changed
 * since, nothing is written ("cityChanged"). A person new to the city's roster is told by mail,
 * and so are the city's focal points.
 */
export async function verifyByOrganizer(db: DB, participantId: number, organizerId: number, now = new Date(), shownCityId?: number): Promise<VerifyOutcome> {
  const at = now.toISOString();
  return writeTransaction(db, async (trx): Promise<VerifyOutcome> => {
    const person = await personForMail(trx, participantId);
    if (!person) return "unknown";
    if (shownCityId !== undefined && shownCityId !== person.city_id) return "cityChanged";
    const current = await activeRow(trx, person.id);
    if (current && current.city_id === person.city_id && current.verified_via === "organizer") return "already";
    const sameCity = current?.city_id === person.city_id;
    if (current) {
      await trx
        .updateTable("city_roster")
        .set({ withdrawn_at: at, withdrawn_by_organizer_id: organizerId, withdrawn_reason: "organizer" })
        .where("id", "=", current.id)
        .execute();
      // Another city: the sessions of someone who spoke for it end, as with any withdrawal.
      if (!sameCity) await trx.deleteFrom("sessions").where("participant_id", "=", person.id).execute();
    }
    const role = sameCity ? current!.role : "official";
    const rosterId = await insertRosterRow(
      trx,
      {
        cityId: person.city_id,
        participantId: person.id,
        via: "organizer",
        role,
        organizerId,
        entity: sameCity ? current!.entity : person.entity,
        position: sameCity ? current!.position : person.position,
        focalPointSince: sameCity ? current!.focal_point_since : null,
      },
      at,
    );
    await recordAudit(trx, {
      actor: actorOf.organizer(organizerId),
      action: "city_roster.verify",
      entity: "participant",
      entityId: person.id,
      data: {
        cityId: person.city_id,
        rosterId,
        via: "organizer",
        role,
        replaced: current ? { rosterId: current.id, cityId: current.city_id, via: current.verified_via } : undefined,
      },
    });
    if (!sameCity) {
      const city = await cityNameOf(trx, person.city_id);
      const key = `roster:${rosterId}:added`;
      await mailRosterChange(trx, { key, person, city, change: "added", role, entity: person.entity, position: person.position });
      await noticeFocalPoints(trx, { key, cityId: person.city_id, city, except: [person.id], change: "added", subject: person.full_name });
    }
    return "verified";
  });
}

/** An organizer withdraws a person's verification: access ends at once, sessions included; the person and the city's focal points are told. */
export async function withdrawByOrganizer(db: DB, participantId: number, organizerId: number, now = new Date()): Promise<boolean> {
  const at = now.toISOString();
  return writeTransaction(db, async (trx) => {
    const current = await activeRow(trx, participantId);
    if (!current) return false;
    await withdrawWithAudit(trx, current, participantId, organizerId, at, "organizer");
    await mailWithdrawal(trx, current, participantId, null);
    return true;
  });
}

/** The mails of a withdrawal: to the person, and to the city's other focal points. */
export async function mailWithdrawal(trx: DB, row: ActiveRow, participantId: number, byFocalPoint: { id: number; name: string } | null): Promise<void> {
  const person = await personForMail(trx, participantId);
  if (!person) return;
  const city = await cityNameOf(trx, row.city_id);
  const key = `roster:${row.id}:withdrawn`;
  await mailRosterChange(trx, { key, person, city, change: "withdrawn", role: row.role, by: byFocalPoint?.name });
  const except = [participantId, ...(byFocalPoint ? [byFocalPoint.id] : [])];
  await noticeFocalPoints(trx, { key, cityId: row.city_id, city, except, change: "withdrawn", subject: person.full_name, by: byFocalPoint?.name });
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

/**
 * Inside the check-in's transaction: staff saw the person at the door, so they speak for the
 * city they are registered for. A person already verified (for any city) keeps that row, and
 * one an organizer or a focal point withdrew stays withdrawn until an organizer verifies them
 * again: a check-in never overrides someone's decision.
 */
export async function verifyAtCheckIn(trx: DB, participantId: number, organizerId: number | null, at: string): Promise<void> {
  if (await activeRow(trx, participantId)) return;
  if (await withdrawnByDecision(trx, participantId)) return;
  const person = await personForMail(trx, participantId);
  if (!person) return;
  const rosterId = await insertRosterRow(
    trx,
    { cityId: person.city_id, participantId: person.id, via: "check_in", organizerId, entity: person.entity, position: person.position },
    at,
  );
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
 * stays, and so does a focal point (the organizers named them).
 */
export async function withdrawAfterUndoneCheckIn(trx: DB, participantId: number, organizerId: number, at: string): Promise<void> {
  const current = await activeRow(trx, participantId);
  if (!current || current.verified_via !== "check_in" || current.role === "focal_point") return;
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
