import { startPeriodic, type StopPeriodic } from "~/server/periodic.server";
import type { DB } from "~db/client";
import { writeTransaction } from "~db/write-transaction";
import { actorOf, recordAudit } from "~/server/audit.server";
import { getDb } from "~/server/db.server";
import { findEncounterById } from "~/features/encounters/queries.server";
import { addresseesOf, mailInvitation } from "~/features/invitations/commands/mail.server";
import { focalPointsOfCities } from "~/features/cities/queries.server";
import { autoReminderCandidates, listInvitations } from "~/features/invitations/queries/invitations.server";
import { acceptsInvitations, autoReminderDue, remindable, reminderGapMs } from "~/features/invitations/rules";

// Reminders to cities that have not answered their invitation: by hand ("remind all not
// answered", each city at most once a day) and automatically, once, a configurable number of
// days before registration closes. Both take their turn with a conditional UPDATE on the
// invitation, so two organizers clicking at once, or two schedulers in two processes, write
// each reminder once; its mail is written in the same transaction.

export type RemindResult = { ok: true; reminded: number[]; mails: number } | { ok: false; reason: "notOpen" };

/** Reminds every city that has not answered and heard nothing in the last day. */
export async function remindUnanswered(db: DB, encounterId: number, options: { organizerId: number; now?: Date }): Promise<RemindResult> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const cutoff = new Date(now.getTime() - reminderGapMs).toISOString();
  return writeTransaction(db, async (trx): Promise<RemindResult> => {
    const encounter = await findEncounterById(trx, encounterId);
    if (!encounter || !acceptsInvitations(encounter, now)) return { ok: false, reason: "notOpen" };
    const due = (await listInvitations(trx, encounterId)).filter((i) => remindable(i, now));
    const focalPoints = await focalPointsOfCities(
      trx,
      due.map((i) => i.city_id),
    );
    const cities = new Map((await trx.selectFrom("cities").select(["id", "name"]).execute()).map((c) => [c.id, c.name]));
    const reminded: number[] = [];
    let mails = 0;
    for (const invitation of due) {
      const taken = await trx
        .updateTable("invitations")
        .set({ last_reminded_at: at, updated_at: at })
        .where("id", "=", invitation.id)
        .where("withdrawn_at", "is", null)
        .where("status", "in", ["sent", "opened"])
        .where("sent_at", "<=", cutoff)
        .where((eb) => eb.or([eb("last_reminded_at", "is", null), eb("last_reminded_at", "<=", cutoff)]))
        .where((eb) => eb.or([eb("auto_reminded_at", "is", null), eb("auto_reminded_at", "<=", cutoff)]))
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) !== 1) continue;
      mails += await mailInvitation(trx, {
        invitation: { id: invitation.id, version: invitation.link_version },
        encounter,
        city: cities.get(invitation.city_id) ?? "-",
        addressees: addresseesOf(focalPoints.get(invitation.city_id) ?? [], invitation.typed_email),
        reminder: true,
        key: `invitation:${invitation.id}:v${invitation.link_version}:reminder:${now.getTime()}`,
      });
      await recordAudit(trx, {
        actor: actorOf.organizer(options.organizerId),
        action: "invitation.remind",
        entity: "invitation",
        entityId: invitation.id,
        data: { encounterId, cityId: invitation.city_id },
      });
      reminded.push(invitation.city_id);
    }
    return { ok: true, reminded, mails };
  });
}

export interface AutoReminderResult {
  /** Invitations whose automatic reminder was due at `now`. */
  due: number;
  /** Of those, the reminders this run wrote (another scheduler may have written the rest). */
  written: number;
  mails: number;
}

/** Writes the automatic reminders due at `now`, once each, whatever runs beside it. */
export async function runInvitationReminders(db: DB, now: Date): Promise<AutoReminderResult> {
  const at = now.toISOString();
  const candidates = (await autoReminderCandidates(db, now)).filter((c) =>
    autoReminderDue(
      c,
      { status: c.encounter_status, registration_closes_at: c.registration_closes_at, invitation_reminder_days: c.invitation_reminder_days },
      now,
    ),
  );
  const result: AutoReminderResult = { due: candidates.length, written: 0, mails: 0 };
  for (const candidate of candidates) {
    await writeTransaction(db, async (trx) => {
      // The reminder's turn: written once, by whoever updates the row first.
      const taken = await trx
        .updateTable("invitations")
        .set({ auto_reminded_at: at, updated_at: at })
        .where("id", "=", candidate.id)
        .where("auto_reminded_at", "is", null)
        .where("withdrawn_at", "is", null)
        .where("status", "in", ["sent", "opened"])
        .where("link_version", "=", candidate.link_version)
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) !== 1) return;
      const encounter = await findEncounterById(trx, candidate.encounter_id);
      if (!encounter) return;
      const city = await trx.selectFrom("cities").select("name").where("id", "=", candidate.city_id).executeTakeFirstOrThrow();
      const points = (await focalPointsOfCities(trx, [candidate.city_id])).get(candidate.city_id) ?? [];
      result.mails += await mailInvitation(trx, {
        invitation: { id: candidate.id, version: candidate.link_version },
        encounter,
        city: city.name,
        addressees: addresseesOf(points, candidate.typed_email),
        reminder: true,
        key: `invitation:${candidate.id}:v${candidate.link_version}:auto-reminder`,
      });
      await recordAudit(trx, {
        actor: actorOf.system,
        action: "invitation.auto_remind",
        entity: "invitation",
        entityId: candidate.id,
        data: { encounterId: candidate.encounter_id, cityId: candidate.city_id },
      });
      result.written += 1;
    });
  }
  return result;
}

export type StopInvitationReminders = StopPeriodic;

/**
 * Runs the automatic reminders once a minute (the first run a few seconds after start) until
 * stopped; one per process. Resolving stop() means the run in flight has finished.
 */
export function startInvitationReminders(
  options: { intervalMs?: number; firstRunMs?: number; db?: DB; log?: (message: string) => void } = {},
): StopInvitationReminders {
  const log = options.log ?? ((message: string) => console.warn(`[invitaciones] ${message}`));
  return startPeriodic(
    "convoca.invitationReminders",
    async () => {
      const result = await runInvitationReminders(options.db ?? getDb(), new Date());
      if (result.written > 0) log(`${result.written} recordatorios de invitación, ${result.mails} correos en la bandeja de salida`);
    },
    {
      intervalMs: options.intervalMs ?? 60_000,
      firstRunMs: options.firstRunMs ?? 7_000,
      onError: (error) => log(`error de los recordatorios de invitación: ${String(error)}`),
    },
  );
}
