import type { DB } from "~db/client";
import { writeTransaction } from "~db/write-transaction";
import { actorOf, recordAudit } from "~/server/audit.server";
import { enqueueResponsibleMail } from "~/features/mail/official-mail.server";
import { followUpUrls, type LinkOptions } from "~/features/commitments/links.server";
import { findCommitment } from "~/features/commitments/queries/commitment.server";
import { namedBy, pendingCommitments } from "~/features/commitments/queries/responsibles.server";

// The organizers' decisions on officials' mail: confirming a responsible sends them the details
// and starts their reminders; stopping ends the matter; a held mail is let go or stopped.

/**
 * An organizer stops everything of one official at once: every responsible they named that
 * waits for confirmation (no mail, no reminders, the stop is the organizer's) and every mail of
 * theirs the cap held. Stopping sends nothing, so it need not be bound to what the page showed.
 */
export async function stopAllOfOfficial(
  db: DB,
  participantId: number,
  organizerId: number,
  now = new Date(),
): Promise<{ responsibles: number; mails: number }> {
  const at = now.toISOString();
  return writeTransaction(db, async (trx) => {
    const commitments = await pendingCommitments(trx).select("commitments.id").where(namedBy, "=", participantId).execute();
    const ids = commitments.map((c) => c.id);
    for (let i = 0; i < ids.length; i += 500) {
      await trx
        .updateTable("commitments")
        .set({ reminders_stopped_at: at, reminders_stopped_by: "organizer" })
        .where("id", "in", ids.slice(i, i + 500))
        .where("reminders_stopped_at", "is", null)
        .execute();
      await trx
        .updateTable("official_mails")
        .set({ status: "stopped", decided_at: at, decided_by_organizer_id: organizerId })
        .where("commitment_id", "in", ids.slice(i, i + 500))
        .where("status", "=", "held")
        .execute();
    }
    const mails = await trx
      .updateTable("official_mails")
      .set({ status: "stopped", decided_at: at, decided_by_organizer_id: organizerId })
      .where("participant_id", "=", participantId)
      .where("status", "=", "held")
      .executeTakeFirst();
    const counts = { responsibles: ids.length, mails: Number(mails.numUpdatedRows) };
    if (counts.responsibles + counts.mails === 0) return counts;
    await recordAudit(trx, {
      actor: actorOf.organizer(organizerId),
      action: "official_mail.stop_all",
      entity: "participant",
      entityId: participantId,
      data: counts,
    });
    return counts;
  });
}

async function closeHeldMails(trx: DB, commitmentId: number, status: "released" | "stopped", organizerId: number, at: string) {
  await trx
    .updateTable("official_mails")
    .set({ status, decided_at: at, decided_by_organizer_id: organizerId })
    .where("commitment_id", "=", commitmentId)
    .where("status", "=", "held")
    .execute();
}

/** done; changed: the address is no longer the one the organizer saw; unchanged: nothing to decide. */
export type ResponsibleDecision = "done" | "changed" | "unchanged";

/**
 * An organizer confirms the responsible: the details and the update link go out; reminders
 * follow. `shownEmail` is the address the organizer's page showed: an official may change it
 * between the look and the click, and the organizer vouches only for what they saw.
 */
export async function confirmResponsible(
  db: DB,
  commitmentId: number,
  organizerId: number,
  shownEmail: string | null,
  options: LinkOptions = {},
): Promise<ResponsibleDecision> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  return writeTransaction(db, async (trx): Promise<ResponsibleDecision> => {
    const commitment = await findCommitment(trx, commitmentId);
    if (!commitment || commitment.responsible_pending_at === null || commitment.reminders_stopped_at !== null) return "unchanged";
    if (commitment.responsible_email !== shownEmail) return "changed";
    const result = await trx
      .updateTable("commitments")
      .set({ responsible_pending_at: null })
      .where("id", "=", commitmentId)
      .where("responsible_pending_at", "is not", null)
      .where("responsible_email", "=", shownEmail)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return "unchanged";
    // A held notice to this address says less than the details now sent: it is let go as superseded.
    await closeHeldMails(trx, commitmentId, "released", organizerId, at);
    const links = { appUrl: options.appUrl, updateUrl: followUpUrls(commitment, { ...options, now }).updateUrl };
    await enqueueResponsibleMail(trx, commitment, "details", `commitment:${commitmentId}:confirmed:${at}`, links);
    await recordAudit(trx, {
      actor: actorOf.organizer(organizerId),
      action: "commitment.responsible_confirm",
      entity: "commitment",
      entityId: commitmentId,
      data: { responsibleEmail: commitment.responsible_email },
    });
    return "done";
  });
}

/**
 * An organizer stops a pending responsible: no mail, no reminders, held mails dropped. The stop
 * is the organizer's: the official cannot resume those reminders. `shownEmail` as for confirming.
 */
export async function stopPendingResponsible(
  db: DB,
  commitmentId: number,
  organizerId: number,
  shownEmail: string | null,
  now = new Date(),
): Promise<ResponsibleDecision> {
  const at = now.toISOString();
  return writeTransaction(db, async (trx): Promise<ResponsibleDecision> => {
    const current = await trx
      .selectFrom("commitments")
      .select(["responsible_email", "responsible_pending_at", "reminders_stopped_at"])
      .where("id", "=", commitmentId)
      .executeTakeFirst();
    if (!current || current.responsible_pending_at === null || current.reminders_stopped_at !== null) return "unchanged";
    if (current.responsible_email !== shownEmail) return "changed";
    const result = await trx
      .updateTable("commitments")
      .set({ reminders_stopped_at: at, reminders_stopped_by: "organizer" })
      .where("id", "=", commitmentId)
      .where("responsible_pending_at", "is not", null)
      .where("reminders_stopped_at", "is", null)
      .where("responsible_email", "=", shownEmail)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return "unchanged";
    await closeHeldMails(trx, commitmentId, "stopped", organizerId, at);
    await recordAudit(trx, { actor: actorOf.organizer(organizerId), action: "commitment.responsible_stop", entity: "commitment", entityId: commitmentId });
    return "done";
  });
}

export type HeldMailDecision = "released" | "stopped" | "stale" | "unknown";

/**
 * An organizer lets a held mail go, or stops it. A mail to an address that is no longer the
 * commitment's responsible is never sent (stale). What goes is what the commitment says now:
 * the details if its responsible is confirmed, the neutral notice otherwise.
 */
export async function decideHeldMail(db: DB, mailId: number, send: boolean, organizerId: number, options: LinkOptions = {}): Promise<HeldMailDecision> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  return writeTransaction(db, async (trx): Promise<HeldMailDecision> => {
    const mail = await trx.selectFrom("official_mails").selectAll().where("id", "=", mailId).where("status", "=", "held").executeTakeFirst();
    if (!mail) return "unknown";
    const commitment = await findCommitment(trx, mail.commitment_id);
    const stale = !commitment || commitment.responsible_email !== mail.recipient || commitment.reminders_stopped_at !== null;
    const decision: HeldMailDecision = !send ? "stopped" : stale ? "stale" : "released";
    await trx
      .updateTable("official_mails")
      .set({ status: decision === "released" ? "released" : "stopped", decided_at: at, decided_by_organizer_id: organizerId })
      .where("id", "=", mail.id)
      .where("status", "=", "held")
      .execute();
    if (decision === "released" && commitment) {
      const kind = commitment.responsible_pending_at === null ? "details" : "pending_notice";
      await enqueueResponsibleMail(trx, commitment, kind, `official-mail:${mail.id}`, {
        appUrl: options.appUrl,
        updateUrl: followUpUrls(commitment, { ...options, now }).updateUrl,
      });
    }
    await recordAudit(trx, {
      actor: actorOf.organizer(organizerId),
      action: send ? "official_mail.release" : "official_mail.stop",
      entity: "official_mail",
      entityId: mail.id,
      data: { commitmentId: mail.commitment_id, decision },
    });
    return decision;
  });
}
