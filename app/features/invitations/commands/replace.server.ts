import type { DB } from "~db/client";
import type { Locale } from "~db/schema";
import { writeTransaction } from "~db/write-transaction";
import { recordAudit } from "~/server/audit.server";
import {
  checkDelegates,
  delegateOf,
  delegationActor,
  DelegationRefused,
  openForChange,
  type ChangeResult,
  type DelegateInput,
  type RowRefusal,
} from "~/features/invitations/commands/delegation.server";
import { mailDelegateRemoved } from "~/features/invitations/commands/mail.server";
import { registerForEncounter } from "~/features/registrations/commands/register.server";

// Replacing a delegate: the focal point names someone else for a person of the delegation who
// will not come. In one transaction the old registration is cancelled without giving its
// place back, and the new person takes it over (a confirmed place stays confirmed, a place in
// line stays that place in line), through the registration command; the old one is told by
// mail, the new one gets their confirmation and personal link (consent pending, as any delegate).

export type ReplaceResult = { ok: true; registrationId: number } | Exclude<ChangeResult, { ok: true }> | { ok: false; reason: "rows"; refusals: RowRefusal[] };

export async function replaceDelegate(
  db: DB,
  invitationId: number,
  registrationId: number,
  person: DelegateInput,
  options: { locale: Locale; now?: Date },
): Promise<ReplaceResult> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const actor = delegationActor(invitationId);
  const refuse = (key: RowRefusal["key"]) => ({ ok: false as const, reason: "rows" as const, refusals: [{ index: 0, field: "email" as const, key }] });
  return writeTransaction(db, async (trx): Promise<ReplaceResult> => {
    const opened = await openForChange(trx, invitationId, now);
    if (typeof opened === "string") return { ok: false, reason: opened };
    const { invitation, encounter } = opened;
    const old = await delegateOf(trx, invitationId, registrationId);
    if (!old) return { ok: false, reason: "notInDelegation" };
    if (old.email === person.email) return refuse("sameEmail");
    const refusals = await checkDelegates(trx, invitation, [{ index: 0, person }]);
    if (refusals.length > 0) return { ok: false, reason: "rows", refusals };
    const known = await trx.selectFrom("participants").select(["id", "phone", "locale"]).where("email", "=", person.email).executeTakeFirst();
    if (known) {
      const registered = await trx
        .selectFrom("registrations")
        .select("id")
        .where("encounter_id", "=", encounter.id)
        .where("participant_id", "=", known.id)
        .where("status", "in", ["confirmed", "waitlisted"])
        .executeTakeFirst();
      if (registered) return refuse("alreadyRegistered");
    }

    // The old registration ends; its place (or place in line) is not given back but handed on.
    await trx
      .updateTable("registrations")
      .set({ status: "cancelled", waitlist_position: null, cancelled_at: at, updated_at: at })
      .where("id", "=", old.id)
      .where("status", "=", old.status)
      .execute();
    const outcome = await registerForEncounter(
      trx,
      encounter.id,
      { ...person, phone: known?.phone ?? null, cityDane: invitation.city_dane, needs: null },
      {
        locale: known?.locale ?? options.locale,
        source: "delegation",
        delegation: { invitationId: invitation.id, focalPointId: invitation.focal_point_id, cityName: invitation.city_name },
        takeOver: { status: old.status as "confirmed" | "waitlisted", waitlistPosition: old.waitlist_position },
        ignoreWindow: true,
        mailDuplicates: false,
        actor,
        now,
      },
    );
    if (outcome.kind !== "confirmed" && outcome.kind !== "waitlisted") throw new DelegationRefused([{ index: 0, field: "email", key: "cityLocked" }]);
    await mailDelegateRemoved(trx, {
      registrationId: old.id,
      participantId: old.participant_id,
      email: old.email,
      fullName: old.full_name,
      locale: old.locale,
      encounter,
      city: invitation.city_name,
      replaced: true,
      now,
    });
    await recordAudit(trx, {
      actor,
      action: "delegation.replace",
      entity: "registration",
      entityId: old.id,
      data: { invitationId, replacedBy: outcome.registrationId, status: old.status },
    });
    return { ok: true, registrationId: outcome.registrationId };
  }).catch((error: unknown) => {
    if (error instanceof DelegationRefused) return { ok: false as const, reason: "rows" as const, refusals: error.refusals };
    throw error;
  });
}
