import type { DB } from "~db/client";
import type { Encounter, Locale } from "~db/schema";
import { writeTransaction } from "~db/write-transaction";
import { actorOf, recordAudit } from "~/server/audit.server";
import { findEncounterById } from "~/features/encounters/queries.server";
import { getEnv } from "~/server/env.server";
import { randomToken, sha256 } from "~/server/session.server";
import { enqueueEmail } from "~/features/mail/outbox.server";
import { updateParticipantProfile } from "~/features/registrations/commands/participants.server";
import { releasePlace, takePlace } from "~/features/registrations/commands/places.server";
import { promoteWaiting } from "~/features/registrations/commands/waitlist.server";
import { cityPlaces, countOtherActiveRegistrations, findRegistrationById, openProfileChange } from "~/features/registrations/queries.server";
import { profileChangeLinkDays, type ProfileChanges } from "~/features/registrations/rules";

// An anonymous request never changes a known person (issue 14, item 2). When the public form
// brings a known email with other data, the registration uses the stored profile and the
// address gets a single-use link to take the submitted data as theirs. Only the owner of the
// mailbox can follow it; only a POST from its page applies it (mail scanners open links).

/**
 * Records the asked-for differences and queues the mail with the link, inside the caller's
 * transaction. Runs for every form registration of a known email (even without differences
 * the same rows are read), so both paths cost the same.
 */
export async function requestProfileChanges(
  trx: DB,
  input: {
    participantId: number;
    registrationId: number;
    email: string;
    name: string;
    locale: Locale;
    encounter: Pick<Encounter, "title" | "slug">;
    changes: ProfileChanges;
    now: Date;
  },
): Promise<void> {
  const token = randomToken(32);
  const expiresAt = new Date(input.now.getTime() + profileChangeLinkDays * 86_400_000);
  const row = await trx
    .insertInto("profile_change_requests")
    .values({
      participant_id: input.participantId,
      registration_id: input.registrationId,
      changes: JSON.stringify(input.changes),
      token_hash: sha256(token),
      created_at: input.now.toISOString(),
      expires_at: expiresAt.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const appUrl = getEnv().appUrl;
  const forMail = Object.fromEntries(Object.entries(input.changes).map(([field, c]) => [field, { from: c.from, to: c.to }]));
  await enqueueEmail(trx, {
    key: `profile-change:${row.id}`,
    to: input.email,
    template: "profile-changes",
    locale: input.locale,
    data: {
      name: input.name,
      encounter: { title: input.encounter.title, url: `${appUrl}/encuentros/${encodeURIComponent(input.encounter.slug)}` },
      changes: forMail,
      url: `${appUrl}/confirmar-datos/${token}`,
      validUntil: expiresAt.toISOString().slice(0, 10),
    },
  });
}

export type ApplyResult = { kind: "applied"; cityKept: null | "otherRegistrations" | "cityFull" } | { kind: "used" | "expired" | "invalid" };

/**
 * Applies the confirmed differences, once (the link is marked used in the same transaction).
 * The city moves with the registration: a confirmed place moves to the new city's quota, or
 * the city stays when that quota is taken or when the person holds places in other encounters.
 */
export async function applyProfileChange(db: DB, token: string | undefined, now = new Date()): Promise<ApplyResult> {
  const at = now.toISOString();
  return writeTransaction(db, async (trx): Promise<ApplyResult> => {
    const opened = await openProfileChange(trx, token, now);
    if (opened.kind !== "open") return opened;
    const used = await trx
      .updateTable("profile_change_requests")
      .set({ used_at: at })
      .where("id", "=", opened.id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) return { kind: "used" };
    const reg = await findRegistrationById(trx, opened.registrationId);
    if (!reg || reg.participant_id !== opened.participantId) return { kind: "invalid" };
    const { changes } = opened;
    let cityId = reg.city_id;
    let cityKept: null | "otherRegistrations" | "cityFull" = null;
    let moved = false;
    if (changes.city && changes.city.toCityId !== reg.city_id) {
      if ((await countOtherActiveRegistrations(trx, reg.participant_id, reg.encounter_id)) > 0) cityKept = "otherRegistrations";
      else if (reg.status === "confirmed") {
        const encounter = await findEncounterById(trx, reg.encounter_id);
        const room = encounter ? await cityPlaces(trx, encounter, { id: changes.city.toCityId, name: changes.city.to }) : null;
        // Checked first: the place moves only when the new city's quota has one free.
        if (room && room.cityLeft > 0) {
          await releasePlace(trx, reg.encounter_id, reg.city_id);
          if (!(await takePlace(trx, reg.encounter_id, changes.city.toCityId))) throw new Error("the place freed a moment ago was taken");
          cityId = changes.city.toCityId;
          moved = true;
        } else cityKept = "cityFull";
      } else cityId = changes.city.toCityId;
    }
    await updateParticipantProfile(
      trx,
      reg.participant_id,
      {
        fullName: changes.fullName?.to ?? reg.full_name,
        entity: changes.entity?.to ?? reg.entity,
        position: changes.position?.to ?? reg.position,
        phone: changes.phone ? changes.phone.to || null : reg.phone,
        cityId,
      },
      at,
    );
    if (moved) {
      const encounter = await findEncounterById(trx, reg.encounter_id);
      // The old city's place is free again: its waiting line may move up.
      if (encounter) await promoteWaiting(trx, encounter, { now, actor: actorOf.system });
    }
    await recordAudit(trx, {
      actor: actorOf.participant(reg.participant_id),
      action: "participant.profile_confirmed",
      entity: "participant",
      entityId: reg.participant_id,
      data: { requestId: opened.id, registrationId: reg.id, fields: Object.keys(changes), cityFrom: reg.city_id, cityTo: cityId, cityKept },
    });
    return { kind: "applied", cityKept };
  });
}
