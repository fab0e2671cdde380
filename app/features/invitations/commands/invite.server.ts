import type { DB } from "~db/client";
import { writeTransaction } from "~db/write-transaction";
import { actorOf, recordAudit } from "~/server/audit.server";
import { findCitiesByIds } from "~/features/cities/queries.server";
import { findEncounterById } from "~/features/encounters/queries.server";
import { addresseesOf, mailInvitation } from "~/features/invitations/commands/mail.server";
import { focalPointsOfCities } from "~/features/cities/queries.server";
import { findInvitationById, listInvitations } from "~/features/invitations/queries/invitations.server";
import { acceptsInvitations } from "~/features/invitations/rules";

// Organizers invite cities, send an invitation again, withdraw one, and set the automatic
// reminder. Each runs in one write transaction with its audit entries and its mail in the
// outbox: inviting 32 cities writes 32 invitations and their mails, or nothing.

export interface InviteTarget {
  cityId: number;
  /** The address typed for a city without a focal point (ignored when the city has one). */
  typedEmail: string | null;
}

export type InviteResult =
  | { ok: true; invited: number[]; mails: number; alreadyInvited: number[] }
  | { ok: false; reason: "notOpen" }
  | { ok: false; reason: "noAddress"; cityIds: number[] };

/**
 * Invites these cities: each one's focal points get the invitation with the signed link to the
 * city's delegation page (a city without one, the address typed for it). A city invited
 * already is left as it is (organizers send it again from its row); a withdrawn invitation is
 * made anew, with a new link. Refused whole when a city has nobody to write to.
 */
export async function inviteCities(db: DB, encounterId: number, targets: InviteTarget[], options: { organizerId: number; now?: Date }): Promise<InviteResult> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  return writeTransaction(db, async (trx): Promise<InviteResult> => {
    const encounter = await findEncounterById(trx, encounterId);
    if (!encounter || !acceptsInvitations(encounter, now)) return { ok: false, reason: "notOpen" };
    const unique = [...new Map(targets.map((t) => [t.cityId, t])).values()];
    const cityIds = unique.map((t) => t.cityId);
    const [focalPoints, cities, existing] = await Promise.all([
      focalPointsOfCities(trx, cityIds),
      findCitiesByIds(trx, cityIds),
      listInvitations(trx, encounterId),
    ]);
    const cityName = new Map(cities.map((c) => [c.id, c.name]));
    const byCity = new Map(existing.map((i) => [i.city_id, i]));
    const noAddress = unique.filter((t) => cityName.has(t.cityId) && !(focalPoints.get(t.cityId)?.length || t.typedEmail)).map((t) => t.cityId);
    if (noAddress.length > 0) return { ok: false, reason: "noAddress", cityIds: noAddress };

    const invited: number[] = [];
    const alreadyInvited: number[] = [];
    let mails = 0;
    for (const target of unique) {
      const name = cityName.get(target.cityId);
      if (!name) continue;
      const previous = byCity.get(target.cityId);
      if (previous && previous.withdrawn_at === null) {
        alreadyInvited.push(target.cityId);
        continue;
      }
      const points = focalPoints.get(target.cityId) ?? [];
      const addressee = { focal_point_id: points[0]?.participantId ?? null, typed_email: points.length > 0 ? null : target.typedEmail };
      const fresh = {
        ...addressee,
        status: "sent" as const,
        sent_at: at,
        opened_at: null,
        responded_at: null,
        decline_reason: null,
        last_reminded_at: null,
        auto_reminded_at: null,
        withdrawn_at: null,
        invited_by_organizer_id: options.organizerId,
        updated_at: at,
      };
      const row = previous
        ? await trx
            .updateTable("invitations")
            .set((eb) => ({ ...fresh, link_version: eb("link_version", "+", 1) }))
            .where("id", "=", previous.id)
            .returning(["id", "link_version"])
            .executeTakeFirstOrThrow()
        : await trx
            .insertInto("invitations")
            .values({ ...fresh, encounter_id: encounterId, city_id: target.cityId, created_at: at })
            .returning(["id", "link_version"])
            .executeTakeFirstOrThrow();
      mails += await mailInvitation(trx, {
        invitation: { id: row.id, version: row.link_version },
        encounter,
        city: name,
        addressees: addresseesOf(points, addressee.typed_email),
        reminder: false,
        key: `invitation:${row.id}:v${row.link_version}:sent`,
      });
      await recordAudit(trx, {
        actor: actorOf.organizer(options.organizerId),
        action: previous ? "invitation.reinvite" : "invitation.send",
        entity: "invitation",
        entityId: row.id,
        data: {
          encounterId,
          cityId: target.cityId,
          to: points.length > 0 ? "focal_point" : "typed",
          focalPoints: points.length,
          linkVersion: row.link_version,
        },
      });
      invited.push(target.cityId);
    }
    return { ok: true, invited, mails, alreadyInvited };
  });
}

export type ResendResult = { ok: true; mails: number; newLink: boolean } | { ok: false; reason: "notInvited" | "notOpen" | "noAddress" };

/**
 * Sends one city's invitation again, to its focal points as they are now (or to the typed
 * address, a new one if given). When the addressee changed, the link changes too: the old one,
 * in someone else's mailbox, stops working.
 */
export async function resendInvitation(
  db: DB,
  invitationId: number,
  options: { organizerId: number; typedEmail?: string | null; now?: Date },
): Promise<ResendResult> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  return writeTransaction(db, async (trx): Promise<ResendResult> => {
    const invitation = await findInvitationById(trx, invitationId);
    if (!invitation || invitation.withdrawn_at !== null) return { ok: false, reason: "notInvited" };
    const encounter = await findEncounterById(trx, invitation.encounter_id);
    if (!encounter || !acceptsInvitations(encounter, now)) return { ok: false, reason: "notOpen" };
    const points = (await focalPointsOfCities(trx, [invitation.city_id])).get(invitation.city_id) ?? [];
    const typed = points.length > 0 ? null : (options.typedEmail ?? invitation.typed_email);
    if (points.length === 0 && !typed) return { ok: false, reason: "noAddress" };
    const focalPointId = points[0]?.participantId ?? null;
    const newLink = focalPointId !== invitation.focal_point_id || typed !== invitation.typed_email;
    const row = await trx
      .updateTable("invitations")
      .set((eb) => ({
        focal_point_id: focalPointId,
        typed_email: typed,
        link_version: newLink ? eb("link_version", "+", 1) : eb.ref("link_version"),
        last_reminded_at: at,
        updated_at: at,
      }))
      .where("id", "=", invitation.id)
      .returning(["id", "link_version"])
      .executeTakeFirstOrThrow();
    const mails = await mailInvitation(trx, {
      invitation: { id: row.id, version: row.link_version },
      encounter,
      city: invitation.city_name,
      addressees: addresseesOf(points, typed),
      reminder: false,
      key: `invitation:${row.id}:v${row.link_version}:resent:${now.getTime()}`,
    });
    await recordAudit(trx, {
      actor: actorOf.organizer(options.organizerId),
      action: "invitation.resend",
      entity: "invitation",
      entityId: row.id,
      data: { encounterId: invitation.encounter_id, cityId: invitation.city_id, newLink, linkVersion: row.link_version },
    });
    return { ok: true, mails, newLink };
  });
}

/**
 * Withdraws an invitation: its link stops working at once and the city shows as not invited
 * (it may be invited again, with a new link). People the city registered stay registered.
 */
export async function withdrawInvitation(db: DB, invitationId: number, options: { organizerId: number; now?: Date }): Promise<boolean> {
  const at = (options.now ?? new Date()).toISOString();
  return writeTransaction(db, async (trx) => {
    const row = await trx
      .updateTable("invitations")
      .set((eb) => ({ withdrawn_at: at, link_version: eb("link_version", "+", 1), updated_at: at }))
      .where("id", "=", invitationId)
      .where("withdrawn_at", "is", null)
      .returning(["encounter_id", "city_id"])
      .executeTakeFirst();
    if (!row) return false;
    await recordAudit(trx, {
      actor: actorOf.organizer(options.organizerId),
      action: "invitation.withdraw",
      entity: "invitation",
      entityId: invitationId,
      data: { encounterId: row.encounter_id, cityId: row.city_id },
    });
    return true;
  });
}

/** How many days before registration closes the automatic reminder goes (0: none). */
export async function saveReminderDays(db: DB, encounterId: number, days: number, options: { organizerId: number; now?: Date }): Promise<void> {
  const at = (options.now ?? new Date()).toISOString();
  await writeTransaction(db, async (trx) => {
    await trx.updateTable("encounters").set({ invitation_reminder_days: days, updated_at: at }).where("id", "=", encounterId).execute();
    await recordAudit(trx, {
      actor: actorOf.organizer(options.organizerId),
      action: "encounter.invitation_reminder",
      entity: "encounter",
      entityId: encounterId,
      data: { days },
    });
  });
}
