import type { DB } from "~db/client";
import type { RosterRole, RosterVia, RosterWithdrawnReason } from "~db/schema";

// The roster's row writes, shared by its commands (commands.server.ts, members.server.ts,
// domains.server.ts), always inside the caller's write transaction. Rows are withdrawn, never
// deleted: who vouched for whom, and when, stays. Withdrawal ends the person's sessions in the
// same transaction, so a page already open cannot act for the city a moment later.

export async function activeRow(trx: DB, participantId: number) {
  return trx
    .selectFrom("city_roster")
    .select(["id", "city_id", "role", "verified_via", "entity", "position", "focal_point_since"])
    .where("participant_id", "=", participantId)
    .where("withdrawn_at", "is", null)
    .executeTakeFirst();
}
export type ActiveRow = NonNullable<Awaited<ReturnType<typeof activeRow>>>;

/** An active row of this city's roster by its id, with its person; undefined if none. */
export async function activeRowOfCity(trx: DB, cityId: number, rosterId: number) {
  return trx
    .selectFrom("city_roster")
    .innerJoin("participants", "participants.id", "city_roster.participant_id")
    .select([
      "city_roster.id",
      "city_roster.city_id",
      "city_roster.role",
      "city_roster.verified_via",
      "city_roster.entity",
      "city_roster.position",
      "participants.id as participant_id",
      "participants.email",
      "participants.full_name",
      "participants.locale",
    ])
    .where("city_roster.id", "=", rosterId)
    .where("city_roster.city_id", "=", cityId)
    .where("city_roster.withdrawn_at", "is", null)
    .executeTakeFirst();
}

export interface Withdrawer {
  organizerId?: number | null;
  participantId?: number | null;
}

export async function withdrawRow(trx: DB, rosterId: number, participantId: number, by: Withdrawer, at: string, reason: RosterWithdrawnReason) {
  await trx
    .updateTable("city_roster")
    .set({
      withdrawn_at: at,
      withdrawn_by_organizer_id: by.organizerId ?? null,
      withdrawn_by_participant_id: by.participantId ?? null,
      withdrawn_reason: reason,
    })
    .where("id", "=", rosterId)
    .where("withdrawn_at", "is", null)
    .execute();
  await trx.deleteFrom("sessions").where("participant_id", "=", participantId).execute();
}

export interface NewRosterRow {
  cityId: number;
  participantId: number;
  via: RosterVia;
  role?: RosterRole;
  entity: string;
  position: string;
  organizerId?: number | null;
  focalPointId?: number | null;
  /** Since when a focal point is one, when a row replaces another (now otherwise). */
  focalPointSince?: string | null;
}

/** Inserts the row that makes the person speak for the city; returns its id. */
export async function insertRosterRow(trx: DB, row: NewRosterRow, at: string): Promise<number> {
  const role = row.role ?? "official";
  const inserted = await trx
    .insertInto("city_roster")
    .values({
      city_id: row.cityId,
      participant_id: row.participantId,
      role,
      verified_at: at,
      verified_by_organizer_id: row.organizerId ?? null,
      verified_by_participant_id: row.focalPointId ?? null,
      verified_via: row.via,
      entity: row.entity,
      position: row.position,
      focal_point_since: role === "focal_point" ? (row.focalPointSince ?? at) : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/**
 * Whether the person's latest roster row was withdrawn by someone's decision (an organizer or
 * a focal point) and none stands since: neither a check-in nor an email domain undoes that.
 * `organizerOnly`: only an organizer's withdrawal counts (what a focal point may not undo).
 */
export async function withdrawnByDecision(trx: DB, participantId: number, organizerOnly = false): Promise<boolean> {
  const latest = await trx
    .selectFrom("city_roster")
    .select(["withdrawn_at", "withdrawn_reason"])
    .where("participant_id", "=", participantId)
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (!latest?.withdrawn_at) return false;
  return latest.withdrawn_reason === "organizer" || (!organizerOnly && latest.withdrawn_reason === "focal_point");
}

/** What a roster mail needs of a person. */
export async function personForMail(trx: DB, participantId: number) {
  return trx
    .selectFrom("participants")
    .select(["id", "email", "full_name", "locale", "city_id", "entity", "position"])
    .where("id", "=", participantId)
    .executeTakeFirst();
}

export async function cityNameOf(trx: DB, cityId: number): Promise<string> {
  return (await trx.selectFrom("cities").select("name").where("id", "=", cityId).executeTakeFirstOrThrow()).name;
}
