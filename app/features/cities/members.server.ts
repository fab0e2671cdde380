import type { DB } from "~db/client";
import type { Locale, RosterRole } from "~db/schema";
import { writeTransaction } from "~db/write-transaction";
import { mailWithdrawal } from "~/features/cities/commands.server";
import { mailRosterChange, noticeFocalPoints } from "~/features/cities/roster-mail.server";
import type { RosterActor, RosterRefusal } from "~/features/cities/rules";
import { activeRow, activeRowOfCity, cityNameOf, insertRosterRow, withdrawnByDecision, withdrawRow } from "~/features/cities/roster-rows.server";
import { actorOf, recordAudit } from "~/server/audit.server";
import { normalizeEmail } from "~/server/auth.server";

// The city roster kept by hand: an organizer (any city) or a focal point of the city (their
// own) adds a person by name and address, withdraws one, and an organizer makes or unmakes a
// focal point; a focal point hands the role to someone else on the roster. Each change is one
// write transaction with its audit entry and its mail (to the person concerned, and a notice to
// the city's other focal points). A focal point's standing is read again inside the
// transaction: one withdrawn or replaced a moment ago can no longer change anything.

/** ok: what was done, and to whom (`name`, as Convoca knows them); otherwise why not. */
export type RosterResult<T = object> = ({ ok: true; name: string } & T) | { ok: false; reason: RosterRefusal; cityName?: string };

const refuse = (reason: RosterRefusal, cityName?: string): { ok: false; reason: RosterRefusal; cityName?: string } => ({ ok: false, reason, cityName });

/** The acting focal point (their row and name) if they are one of this city; null otherwise. */
async function focalPointActing(trx: DB, participantId: number, cityId: number) {
  const row = await activeRow(trx, participantId);
  if (!row || row.city_id !== cityId || row.role !== "focal_point") return null;
  const person = await trx.selectFrom("participants").select("full_name").where("id", "=", participantId).executeTakeFirstOrThrow();
  return { row, id: participantId, name: person.full_name };
}

function auditActor(actor: RosterActor): string {
  return actor.kind === "organizer" ? actorOf.organizer(actor.id) : actorOf.participant(actor.participantId);
}

export interface RosterPerson {
  fullName: string;
  email: string;
  entity: string;
  position: string;
  /** The language of their mail when the person is new to Convoca (Spanish by default). */
  locale?: Locale;
}

/**
 * Puts a person on the city's roster, verified for the city: by an organizer (any role) or by
 * a focal point of the city (officials only). The person is found by address, or created with
 * the name, entity and position given (a known person keeps their own name and details; the
 * entity and position given are the ones held on the roster). Refused: a person on another
 * city's roster ("otherCity", naming it), already on this one ("already"); for a focal point,
 * also a person registered for another city ("declaredOtherCity") or withdrawn by an organizer
 * ("withdrawnByOrganizer"), and anything once they are no focal point of the city.
 */
export async function addToRoster(
  db: DB,
  actor: RosterActor,
  input: { cityId: number; person: RosterPerson; role: RosterRole },
  now = new Date(),
): Promise<RosterResult<{ rosterId: number; participantId: number; created: boolean }>> {
  const at = now.toISOString();
  const email = normalizeEmail(input.person.email);
  return writeTransaction(db, async (trx) => {
    const focal = actor.kind === "focal_point" ? await focalPointActing(trx, actor.participantId, input.cityId) : null;
    if (actor.kind === "focal_point" && !focal) return refuse("notFocalPoint");
    if (actor.kind === "focal_point" && input.role !== "official") return refuse("focalPointProtected");
    const city = await cityNameOf(trx, input.cityId);
    let person = await trx.selectFrom("participants").select(["id", "email", "full_name", "locale", "city_id"]).where("email", "=", email).executeTakeFirst();
    const created = !person;
    if (person) {
      const current = await activeRow(trx, person.id);
      if (current && current.city_id !== input.cityId) return refuse("otherCity", await cityNameOf(trx, current.city_id));
      if (current) return refuse("already");
      if (focal && person.city_id !== input.cityId) return refuse("declaredOtherCity");
      if (focal && (await withdrawnByDecision(trx, person.id, true))) return refuse("withdrawnByOrganizer");
    } else {
      person = await trx
        .insertInto("participants")
        .values({
          email,
          full_name: input.person.fullName,
          city_id: input.cityId,
          entity: input.person.entity,
          position: input.person.position,
          locale: input.person.locale ?? "es",
          updated_at: at,
        })
        .returning(["id", "email", "full_name", "locale", "city_id"])
        .executeTakeFirstOrThrow();
    }
    const via = actor.kind === "organizer" ? "organizer" : "focal_point";
    const rosterId = await insertRosterRow(
      trx,
      {
        cityId: input.cityId,
        participantId: person.id,
        via,
        role: input.role,
        entity: input.person.entity,
        position: input.person.position,
        organizerId: actor.kind === "organizer" ? actor.id : null,
        focalPointId: focal?.id ?? null,
      },
      at,
    );
    await recordAudit(trx, {
      actor: auditActor(actor),
      action: "city_roster.add",
      entity: "participant",
      entityId: person.id,
      data: { cityId: input.cityId, rosterId, via, role: input.role, created },
    });
    const key = `roster:${rosterId}:added`;
    await mailRosterChange(trx, {
      key,
      person,
      city,
      change: "added",
      role: input.role,
      by: focal?.name,
      entity: input.person.entity,
      position: input.person.position,
    });
    await noticeFocalPoints(trx, {
      key,
      cityId: input.cityId,
      city,
      except: [person.id, ...(focal ? [focal.id] : [])],
      change: input.role === "focal_point" ? "focalGiven" : "added",
      subject: person.full_name,
      by: focal?.name,
    });
    return { ok: true as const, name: person.full_name, rosterId, participantId: person.id, created };
  });
}

/**
 * Withdraws a person from the city's roster: their access to the city ends at once, sessions
 * included. An organizer withdraws anyone; a focal point withdraws officials of their city, not
 * a focal point (themself included: they hand the role on first, or ask the organizers).
 */
export async function withdrawFromRoster(db: DB, actor: RosterActor, input: { cityId: number; rosterId: number }, now = new Date()): Promise<RosterResult> {
  const at = now.toISOString();
  return writeTransaction(db, async (trx) => {
    const focal = actor.kind === "focal_point" ? await focalPointActing(trx, actor.participantId, input.cityId) : null;
    if (actor.kind === "focal_point" && !focal) return refuse("notFocalPoint");
    const row = await activeRowOfCity(trx, input.cityId, input.rosterId);
    if (!row) return refuse("notOnRoster");
    if (focal && row.role === "focal_point") return refuse("focalPointProtected");
    const reason = actor.kind === "organizer" ? "organizer" : "focal_point";
    await withdrawRow(
      trx,
      row.id,
      row.participant_id,
      actor.kind === "organizer" ? { organizerId: actor.id } : { participantId: actor.participantId },
      at,
      reason,
    );
    await recordAudit(trx, {
      actor: auditActor(actor),
      action: "city_roster.withdraw",
      entity: "participant",
      entityId: row.participant_id,
      data: { cityId: row.city_id, rosterId: row.id, via: row.verified_via, role: row.role, reason },
    });
    await mailWithdrawal(trx, { ...row, focal_point_since: null }, row.participant_id, focal ? { id: focal.id, name: focal.name } : null);
    return { ok: true as const, name: row.full_name };
  });
}

/** An organizer makes a person on the roster a focal point of the city (`focal`), or an official again. */
export async function setFocalPoint(
  db: DB,
  organizerId: number,
  input: { cityId: number; rosterId: number; focal: boolean },
  now = new Date(),
): Promise<RosterResult> {
  const at = now.toISOString();
  return writeTransaction(db, async (trx) => {
    const row = await activeRowOfCity(trx, input.cityId, input.rosterId);
    if (!row) return refuse("notOnRoster");
    const role: RosterRole = input.focal ? "focal_point" : "official";
    if (row.role === role) return refuse("unchanged");
    await trx
      .updateTable("city_roster")
      .set({ role, focal_point_since: input.focal ? at : null })
      .where("id", "=", row.id)
      .execute();
    await recordAudit(trx, {
      actor: actorOf.organizer(organizerId),
      action: "city_roster.role",
      entity: "participant",
      entityId: row.participant_id,
      data: { cityId: row.city_id, rosterId: row.id, from: row.role, to: role },
    });
    const city = await cityNameOf(trx, row.city_id);
    const change = input.focal ? "focalGiven" : "focalTaken";
    const key = `roster:${row.id}:${change}:${at}`;
    const person = { id: row.participant_id, email: row.email, full_name: row.full_name, locale: row.locale };
    await mailRosterChange(trx, { key, person, city, change, role });
    await noticeFocalPoints(trx, { key, cityId: row.city_id, city, except: [row.participant_id], change, subject: row.full_name });
    return { ok: true as const, name: row.full_name };
  });
}

/**
 * A focal point hands the role to someone else on the city's roster: the other person becomes
 * a focal point, the one handing it on stays as an official (and loses the roster's keeping on
 * their next request).
 */
export async function handOverFocalPoint(db: DB, participantId: number, input: { cityId: number; rosterId: number }, now = new Date()): Promise<RosterResult> {
  const at = now.toISOString();
  return writeTransaction(db, async (trx) => {
    const focal = await focalPointActing(trx, participantId, input.cityId);
    if (!focal) return refuse("notFocalPoint");
    const row = await activeRowOfCity(trx, input.cityId, input.rosterId);
    if (!row) return refuse("notOnRoster");
    if (row.role === "focal_point") return refuse("unchanged");
    await trx.updateTable("city_roster").set({ role: "focal_point", focal_point_since: at }).where("id", "=", row.id).execute();
    await trx.updateTable("city_roster").set({ role: "official", focal_point_since: null }).where("id", "=", focal.row.id).execute();
    await recordAudit(trx, {
      actor: actorOf.participant(participantId),
      action: "city_roster.hand_over",
      entity: "participant",
      entityId: row.participant_id,
      data: { cityId: row.city_id, rosterId: row.id, fromRosterId: focal.row.id },
    });
    const city = await cityNameOf(trx, row.city_id);
    const key = `roster:${row.id}:focalGiven:${at}`;
    const person = { id: row.participant_id, email: row.email, full_name: row.full_name, locale: row.locale };
    await mailRosterChange(trx, { key, person, city, change: "focalGiven", role: "focal_point", by: focal.name });
    await noticeFocalPoints(trx, {
      key,
      cityId: row.city_id,
      city,
      except: [row.participant_id, participantId],
      change: "focalGiven",
      subject: row.full_name,
      by: focal.name,
    });
    return { ok: true as const, name: row.full_name };
  });
}
