import type { DB } from "~db/client";
import type { Encounter, Locale } from "~db/schema";
import type { ParsedAnswers } from "~/features/questions/answers";
import { writeTransaction } from "~db/write-transaction";
import { recordAudit } from "~/server/audit.server";
import { findEncounterById } from "~/features/encounters/queries.server";
import { registrationWindow } from "~/features/encounters/rules";
import { mailDelegateRemoved } from "~/features/invitations/commands/mail.server";
import { rosterCityOfEmail } from "~/features/cities/queries.server";
import { activeDelegates, findInvitationById, type InvitationDetail } from "~/features/invitations/queries/invitations.server";
import { tally, type DelegationTally } from "~/features/invitations/rules";
import { cancelRegistration } from "~/features/registrations/commands/cancel.server";
import { registerForEncounter } from "~/features/registrations/commands/register.server";
import { registrationChangeable } from "~/features/registrations/rules";

// What a city's focal point does from the delegation page (/delegacion/:token), whoever holds
// the link: open it, register several people at once, cancel one, decline the invitation.
// Replacing one is in replace.server.ts. Each is one write transaction with its audit entries
// and mail; a refusal of any row writes nothing at all.
//
// Every person goes through the registration command (registerForEncounter), so the places of
// the encounter and of the city are taken by its conditional updates, as for anyone: past the
// city's quota, the person waits in line. The answers to the encounter's questions that the
// focal point gave for a person are kept with that person's registration.

/** Who acted, for the audit log: whoever held the invitation's link. */
export const delegationActor = (invitationId: number) => `invitation:${invitationId}`;

/** One person of a delegation, as the focal point typed them. */
export interface DelegateInput {
  fullName: string;
  email: string;
  entity: string;
  position: string;
  /** The answers to the encounter's questions given for this person (never the sensitive ones). */
  answers?: ParsedAnswers;
}

/** Why a row was refused; `index` is the row's place in the form. */
export interface RowRefusal {
  index: number;
  field: "email";
  key: "otherCityRoster" | "repeatedEmail" | "cityLocked" | "alreadyRegistered" | "sameEmail";
  /** The city whose roster holds the address (otherCityRoster), named in the message. */
  city?: string;
}

/** Thrown inside a transaction to roll back everything it wrote and answer with a refusal. */
export class DelegationRefused extends Error {
  constructor(readonly refusals: RowRefusal[]) {
    super("delegation refused");
  }
}

/** Marks the invitation opened the first time its link is opened. Audited once. */
export async function markOpened(db: DB, invitationId: number, now = new Date()): Promise<boolean> {
  const at = now.toISOString();
  return writeTransaction(db, async (trx) => {
    const done = await trx
      .updateTable("invitations")
      .set({ status: "opened", opened_at: at, updated_at: at })
      .where("id", "=", invitationId)
      .where("status", "=", "sent")
      .where("withdrawn_at", "is", null)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) return false;
    await recordAudit(trx, { actor: delegationActor(invitationId), action: "invitation.open", entity: "invitation", entityId: invitationId });
    return true;
  });
}

/** Refusals that need no write: the same address twice, an address on another city's roster. */
export async function checkDelegates(trx: DB, invitation: InvitationDetail, rows: Array<{ index: number; person: DelegateInput }>): Promise<RowRefusal[]> {
  const refusals: RowRefusal[] = [];
  const seen = new Set<string>();
  for (const { index, person } of rows) {
    if (seen.has(person.email)) {
      refusals.push({ index, field: "email", key: "repeatedEmail" });
      continue;
    }
    seen.add(person.email);
    const roster = await rosterCityOfEmail(trx, person.email);
    if (roster && roster.cityId !== invitation.city_id) refusals.push({ index, field: "email", key: "otherCityRoster", city: roster.cityName });
  }
  return refusals;
}

export type RegisterDelegatesResult =
  | { ok: true; tally: DelegationTally; registrationIds: number[] }
  | { ok: false; reason: "rows"; refusals: RowRefusal[] }
  | { ok: false; reason: "gone" | "closed" };

/**
 * Registers the people of a delegation, each with a place while the city has one and on the
 * waiting list beyond, each mailed their own confirmation and personal link (their consent is
 * pending until they open it). Someone already registered for the encounter for this city
 * joins the delegation as they are. All rows or none.
 */
export async function registerDelegates(
  db: DB,
  invitationId: number,
  rows: Array<{ index: number; person: DelegateInput }>,
  options: { locale: Locale; now?: Date },
): Promise<RegisterDelegatesResult> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const actor = delegationActor(invitationId);
  return writeTransaction(db, async (trx): Promise<RegisterDelegatesResult> => {
    const invitation = await findInvitationById(trx, invitationId);
    if (!invitation || invitation.withdrawn_at !== null) return { ok: false, reason: "gone" };
    const encounter = await findEncounterById(trx, invitation.encounter_id);
    if (!encounter) return { ok: false, reason: "gone" };
    if (registrationWindow(encounter, now) !== "open") return { ok: false, reason: "closed" };
    const refusals = await checkDelegates(trx, invitation, rows);
    if (refusals.length > 0) return { ok: false, reason: "rows", refusals };

    const outcomes: Array<"confirmed" | "waitlisted" | "already"> = [];
    const registrationIds: number[] = [];
    for (const { index, person } of rows) {
      const known = await trx.selectFrom("participants").select(["id", "phone", "city_id", "locale"]).where("email", "=", person.email).executeTakeFirst();
      const current = known
        ? await trx
            .selectFrom("registrations")
            .select(["id", "invitation_id"])
            .where("encounter_id", "=", encounter.id)
            .where("participant_id", "=", known.id)
            .where("status", "in", ["confirmed", "waitlisted"])
            .executeTakeFirst()
        : undefined;
      if (known && current) {
        // Registered already: for this city, they join the delegation as they are.
        if (known.city_id !== invitation.city_id) throw new DelegationRefused([{ index, field: "email", key: "cityLocked" }]);
        if (current.invitation_id === null) {
          await trx
            .updateTable("registrations")
            .set({ invitation_id: invitation.id, registered_by_participant_id: invitation.focal_point_id, updated_at: at })
            .where("id", "=", current.id)
            .execute();
          await recordAudit(trx, { actor, action: "delegation.attach", entity: "registration", entityId: current.id, data: { invitationId: invitation.id } });
        } else if (current.invitation_id !== invitation.id) {
          throw new DelegationRefused([{ index, field: "email", key: "alreadyRegistered" }]);
        }
        outcomes.push("already");
        registrationIds.push(current.id);
        continue;
      }
      const { answers, ...details } = person;
      const outcome = await registerForEncounter(
        trx,
        encounter.id,
        { ...details, phone: known?.phone ?? null, cityDane: invitation.city_dane, needs: null },
        {
          answers,
          locale: known?.locale ?? options.locale,
          source: "delegation",
          delegation: { invitationId: invitation.id, focalPointId: invitation.focal_point_id, cityName: invitation.city_name },
          mailDuplicates: false,
          actor,
          now,
        },
      );
      if (outcome.kind === "confirmed" || outcome.kind === "waitlisted") {
        outcomes.push(outcome.kind);
        registrationIds.push(outcome.registrationId);
      } else if (outcome.kind === "closed") {
        throw new DelegationRefused([]);
      } else {
        throw new DelegationRefused([{ index, field: "email", key: "cityLocked" }]);
      }
    }
    await trx
      .updateTable("invitations")
      .set({ status: "registered", responded_at: at, decline_reason: null, opened_at: invitation.opened_at ?? at, updated_at: at })
      .where("id", "=", invitation.id)
      .execute();
    const counts = tally(outcomes);
    await recordAudit(trx, {
      actor,
      action: "delegation.register",
      entity: "invitation",
      entityId: invitation.id,
      data: { encounterId: encounter.id, cityId: invitation.city_id, registrations: registrationIds, ...counts },
    });
    return { ok: true, tally: counts, registrationIds };
  }).catch((error: unknown) => {
    if (!(error instanceof DelegationRefused)) throw error;
    return error.refusals.length > 0
      ? { ok: false as const, reason: "rows" as const, refusals: error.refusals }
      : { ok: false as const, reason: "closed" as const };
  });
}

/** The invitation and encounter a change needs, or why it cannot be made now. */
export async function openForChange(
  trx: DB,
  invitationId: number,
  now: Date,
): Promise<{ invitation: InvitationDetail; encounter: Encounter } | "gone" | "locked"> {
  const invitation = await findInvitationById(trx, invitationId);
  if (!invitation || invitation.withdrawn_at !== null) return "gone";
  const encounter = await findEncounterById(trx, invitation.encounter_id);
  if (!encounter) return "gone";
  if (!registrationChangeable(encounter, now)) return "locked";
  return { invitation, encounter };
}

/** A delegate still coming, of this delegation, with what their mail needs. */
export async function delegateOf(trx: DB, invitationId: number, registrationId: number) {
  return (
    (await trx
      .selectFrom("registrations")
      .innerJoin("participants", "participants.id", "registrations.participant_id")
      .select([
        "registrations.id",
        "registrations.status",
        "registrations.waitlist_position",
        "registrations.locale",
        "registrations.participant_id",
        "participants.email",
        "participants.full_name",
      ])
      .where("registrations.id", "=", registrationId)
      .where("registrations.invitation_id", "=", invitationId)
      .where("registrations.status", "in", ["confirmed", "waitlisted"])
      .executeTakeFirst()) ?? null
  );
}

/** With nobody left in the delegation, the city has not answered any more. */
export async function reopenIfEmpty(trx: DB, invitation: InvitationDetail, at: string): Promise<void> {
  if ((await activeDelegates(trx, invitation.id)) > 0) return;
  await trx
    .updateTable("invitations")
    .set({ status: "opened", responded_at: null, updated_at: at })
    .where("id", "=", invitation.id)
    .where("status", "=", "registered")
    .execute();
}

export type ChangeResult = { ok: true } | { ok: false; reason: "gone" | "locked" | "notInDelegation" | "hasDelegates" };

/** Cancels one delegate: the freed place goes to the first who fits on the waiting list, and the person is told. */
export async function cancelDelegate(db: DB, invitationId: number, registrationId: number, options: { now?: Date } = {}): Promise<ChangeResult> {
  const now = options.now ?? new Date();
  const actor = delegationActor(invitationId);
  return writeTransaction(db, async (trx): Promise<ChangeResult> => {
    const opened = await openForChange(trx, invitationId, now);
    if (typeof opened === "string") return { ok: false, reason: opened };
    const delegate = await delegateOf(trx, invitationId, registrationId);
    if (!delegate) return { ok: false, reason: "notInDelegation" };
    const cancelled = await cancelRegistration(trx, delegate.id, { actor, byOrganizer: false, notify: false, now });
    if (!cancelled.ok) return { ok: false, reason: "notInDelegation" };
    await mailDelegateRemoved(trx, {
      registrationId: delegate.id,
      participantId: delegate.participant_id,
      email: delegate.email,
      fullName: delegate.full_name,
      locale: delegate.locale,
      encounter: opened.encounter,
      city: opened.invitation.city_name,
      replaced: false,
      now,
    });
    await reopenIfEmpty(trx, opened.invitation, now.toISOString());
    await recordAudit(trx, {
      actor,
      action: "delegation.cancel",
      entity: "registration",
      entityId: delegate.id,
      data: { invitationId, promoted: cancelled.promoted },
    });
    return { ok: true };
  });
}

/** The city will not come: the invitation is declined with the focal point's reason (once its delegation is empty). */
export async function declineInvitation(db: DB, invitationId: number, reason: string, options: { now?: Date } = {}): Promise<ChangeResult> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  return writeTransaction(db, async (trx): Promise<ChangeResult> => {
    const opened = await openForChange(trx, invitationId, now);
    if (typeof opened === "string") return { ok: false, reason: opened };
    if ((await activeDelegates(trx, invitationId)) > 0) return { ok: false, reason: "hasDelegates" };
    await trx
      .updateTable("invitations")
      .set({ status: "declined", decline_reason: reason, responded_at: at, opened_at: opened.invitation.opened_at ?? at, updated_at: at })
      .where("id", "=", invitationId)
      .execute();
    await recordAudit(trx, {
      actor: delegationActor(invitationId),
      action: "invitation.decline",
      entity: "invitation",
      entityId: invitationId,
      data: { encounterId: opened.encounter.id, cityId: opened.invitation.city_id },
    });
    return { ok: true };
  });
}
