import type { DB } from "~db/client";
import { writeTransaction } from "~db/write-transaction";
import { actorOf, recordAudit } from "~/models/audit.server";
import { findCommitment } from "~/models/commitments.server";
import { followUpUrls, type LinkOptions } from "./commitments.server";
import { enqueueResponsibleMail } from "./official-mail.server";

// The organizers' side of officials' mail (/admin/compromisos/responsables): the responsibles
// officials named that nobody confirmed yet, and the mails the daily cap held back. Confirming a
// responsible sends them the details and starts their reminders; stopping ends the matter.

export async function listPendingResponsibles(db: DB) {
  return db
    .selectFrom("commitments")
    .innerJoin("cities", "cities.id", "commitments.city_id")
    .innerJoin("encounters", "encounters.id", "commitments.encounter_id")
    .leftJoin("participants", "participants.id", "commitments.created_by_participant_id")
    .select([
      "commitments.id",
      "commitments.title",
      "commitments.responsible_name",
      "commitments.responsible_email",
      "commitments.created_at",
      "commitments.updated_at",
      "cities.name as city_name",
      "encounters.title as encounter_title",
      "encounters.timezone as encounter_timezone",
      "participants.full_name as recorded_by",
    ])
    .where("commitments.responsible_pending_at", "is not", null)
    .where("commitments.reminders_stopped_at", "is", null)
    .orderBy("commitments.updated_at", "desc")
    .limit(500)
    .execute();
}

/** Mails held by the cap, and those an organizer stopped, newest first. */
export async function listReviewedMails(db: DB) {
  return db
    .selectFrom("official_mails")
    .innerJoin("participants", "participants.id", "official_mails.participant_id")
    .innerJoin("commitments", "commitments.id", "official_mails.commitment_id")
    .innerJoin("cities", "cities.id", "commitments.city_id")
    .select([
      "official_mails.id",
      "official_mails.recipient",
      "official_mails.kind",
      "official_mails.status",
      "official_mails.created_at",
      "official_mails.decided_at",
      "official_mails.commitment_id",
      "participants.full_name as official_name",
      "participants.email as official_email",
      "cities.name as city_name",
      "commitments.title as commitment_title",
    ])
    .where("official_mails.status", "in", ["held", "stopped"])
    .orderBy("official_mails.status")
    .orderBy("official_mails.created_at", "desc")
    .limit(500)
    .execute();
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
export async function confirmResponsible(db: DB, commitmentId: number, organizerId: number, shownEmail: string | null, options: LinkOptions = {}): Promise<ResponsibleDecision> {
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
    await recordAudit(trx, { actor: actorOf.organizer(organizerId), action: "commitment.responsible_confirm", entity: "commitment", entityId: commitmentId, data: { responsibleEmail: commitment.responsible_email } });
    return "done";
  });
}

/**
 * An organizer stops a pending responsible: no mail, no reminders, held mails dropped. The stop
 * is the organizer's: the official cannot resume those reminders. `shownEmail` as for confirming.
 */
export async function stopPendingResponsible(db: DB, commitmentId: number, organizerId: number, shownEmail: string | null, now = new Date()): Promise<ResponsibleDecision> {
  const at = now.toISOString();
  return writeTransaction(db, async (trx): Promise<ResponsibleDecision> => {
    const current = await trx.selectFrom("commitments").select(["responsible_email", "responsible_pending_at", "reminders_stopped_at"]).where("id", "=", commitmentId).executeTakeFirst();
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
      await enqueueResponsibleMail(trx, commitment, kind, `official-mail:${mail.id}`, { appUrl: options.appUrl, updateUrl: followUpUrls(commitment, { ...options, now }).updateUrl });
    }
    await recordAudit(trx, { actor: actorOf.organizer(organizerId), action: send ? "official_mail.release" : "official_mail.stop", entity: "official_mail", entityId: mail.id, data: { commitmentId: mail.commitment_id, decision } });
    return decision;
  });
}
