import { sql } from "kysely";
import type { DB } from "~db/client";
import { writeTransaction } from "~db/write-transaction";
import { actorOf, recordAudit } from "~/server/audit.server";
import { findCommitment } from "~/features/commitments/model.server";
import { followUpUrls, type LinkOptions } from "./service.server";
import { enqueueResponsibleMail } from "~/features/mail/official-mail.server";

// The organizers' side of officials' mail (/admin/compromisos/responsables): the responsibles
// officials named that nobody confirmed yet, and the mails the daily cap held back. Confirming a
// responsible sends them the details and starts their reminders; stopping ends the matter.

// One official may cause thousands of these: each list shows at most this many per official
// (the newest), and the summary by official counts them all, so nobody else's are pushed off.
export const reviewRowsPerOfficial = 10;

// Who named a pending responsible: the official whose action last mailed the commitment's
// responsible (every official's naming writes an official_mails row), else its recorder.
const namedBy = sql<number | null>`coalesce((select om.participant_id from official_mails om where om.commitment_id = commitments.id order by om.id desc limit 1), commitments.created_by_participant_id)`;

function pendingCommitments(db: DB) {
  return db.selectFrom("commitments").where("commitments.responsible_pending_at", "is not", null).where("commitments.reminders_stopped_at", "is", null);
}

export async function listPendingResponsibles(db: DB) {
  const ranked = pendingCommitments(db)
    .select(["commitments.id", namedBy.as("named_by"), sql<number>`row_number() over (partition by ${namedBy} order by commitments.updated_at desc, commitments.id desc)`.as("rank")])
    .as("ranked");
  return db
    .selectFrom(ranked)
    .innerJoin("commitments", "commitments.id", "ranked.id")
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
      "ranked.named_by",
    ])
    .where("ranked.rank", "<=", reviewRowsPerOfficial)
    .orderBy("commitments.updated_at", "desc")
    .execute();
}

/** Mails held by the cap, and those an organizer stopped, newest first (a few per official and status). */
export async function listReviewedMails(db: DB) {
  const ranked = db
    .selectFrom("official_mails")
    .select([
      "official_mails.id",
      sql<number>`row_number() over (partition by official_mails.participant_id, official_mails.status order by official_mails.created_at desc, official_mails.id desc)`.as("rank"),
    ])
    .where("official_mails.status", "in", ["held", "stopped"])
    .as("ranked");
  return db
    .selectFrom(ranked)
    .innerJoin("official_mails", "official_mails.id", "ranked.id")
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
      "official_mails.participant_id",
      "participants.full_name as official_name",
      "participants.email as official_email",
      "cities.name as city_name",
      "commitments.title as commitment_title",
    ])
    .where("ranked.rank", "<=", reviewRowsPerOfficial)
    .orderBy("official_mails.status")
    .orderBy("official_mails.created_at", "desc")
    .execute();
}

export interface OfficialSummary {
  participantId: number | null;
  name: string | null;
  email: string | null;
  cityName: string | null;
  pending: number;
  held: number;
  stopped: number;
}

/** Every official with pending responsibles or held or stopped mails, with how many; most first. */
export async function summarizeByOfficial(db: DB): Promise<OfficialSummary[]> {
  const [pending, mails] = await Promise.all([
    db
      .selectFrom(pendingCommitments(db).select(namedBy.as("named_by")).as("p"))
      .select(["p.named_by", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("p.named_by")
      .execute(),
    db
      .selectFrom("official_mails")
      .select(["participant_id", "status", (eb) => eb.fn.countAll<number>().as("n")])
      .where("status", "in", ["held", "stopped"])
      .groupBy(["participant_id", "status"])
      .execute(),
  ]);
  const byOfficial = new Map<number | null, OfficialSummary>();
  const entry = (id: number | null) => {
    let found = byOfficial.get(id);
    if (!found) byOfficial.set(id, (found = { participantId: id, name: null, email: null, cityName: null, pending: 0, held: 0, stopped: 0 }));
    return found;
  };
  for (const row of pending) entry(row.named_by).pending += Number(row.n);
  for (const row of mails) entry(row.participant_id)[row.status === "held" ? "held" : "stopped"] += Number(row.n);
  const ids = [...byOfficial.keys()].filter((id): id is number => id !== null);
  for (let i = 0; i < ids.length; i += 500) {
    const people = await db
      .selectFrom("participants")
      .innerJoin("cities", "cities.id", "participants.city_id")
      .select(["participants.id", "participants.full_name", "participants.email", "cities.name as city_name"])
      .where("participants.id", "in", ids.slice(i, i + 500))
      .execute();
    for (const p of people) Object.assign(entry(p.id), { name: p.full_name, email: p.email, cityName: p.city_name });
  }
  return [...byOfficial.values()].sort((a, b) => b.pending + b.held - (a.pending + a.held) || b.stopped - a.stopped);
}

/**
 * An organizer stops everything of one official at once: every responsible they named that
 * waits for confirmation (no mail, no reminders, the stop is the organizer's) and every mail of
 * theirs the cap held. Stopping sends nothing, so it need not be bound to what the page showed.
 */
export async function stopAllOfOfficial(db: DB, participantId: number, organizerId: number, now = new Date()): Promise<{ responsibles: number; mails: number }> {
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
    await recordAudit(trx, { actor: actorOf.organizer(organizerId), action: "official_mail.stop_all", entity: "participant", entityId: participantId, data: counts });
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
