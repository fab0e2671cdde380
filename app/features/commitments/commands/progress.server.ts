import type { DB } from "~db/client";
import type { CommitmentStatus } from "~db/schema";
import { writeTransaction } from "~db/write-transaction";
import { actorOf, recordAudit } from "~/server/audit.server";
import { publicProgressChanged } from "~/server/public-versions.server";
import { repeatWindowStart } from "~/lib/repeated-submission";
import { CommitmentRuleError, type CommitmentActor, type EvidenceFile, type ProgressUpdateInput } from "~/features/commitments/rules";
import { actorLabel, addHistory, refuseWithoutAuthority } from "./history.server";

// The life of a commitment after it is recorded: progress updates (by its city, the organizers
// or the responsible official's signed link), an organizer's validation and reopening, and the
// reminders stopped or resumed. Each change writes its history row and audit entry in one
// transaction; status and progress change only with a history row.

/**
 * The history entry a second send of this same update would repeat: the commitment's latest
 * entry, if it is an update by this author (history keeps the kind and name of an author, which
 * for one commitment tell its people apart) that set this status and progress with this note and
 * evidence link, within the repeat window, and the commitment still stands where it left it.
 * An update that brings an evidence file is never taken for a repeat: the file is what the
 * official came to add, and a second photo of the same page is theirs to send.
 */
async function findRepeatedUpdate(
  db: DB,
  current: { id: number; status: CommitmentStatus; progress: number },
  change: { status: CommitmentStatus; progress: number; note: string; evidenceUrl: string | null; evidence: EvidenceFile | null },
  actor: CommitmentActor,
  now: Date,
): Promise<number | null> {
  if (change.evidence) return null;
  const latest = await db
    .selectFrom("commitment_updates")
    .select(["id", "kind", "author_kind", "author_name", "status_to", "progress_to", "note", "evidence_url", "evidence_key", "created_at"])
    .where("commitment_id", "=", current.id)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  const same =
    latest !== undefined &&
    latest.kind === "update" &&
    latest.author_kind === actor.kind &&
    latest.author_name === actor.name &&
    latest.status_to === change.status &&
    latest.progress_to === change.progress &&
    latest.note === change.note &&
    latest.evidence_url === change.evidenceUrl &&
    latest.evidence_key === null &&
    latest.created_at >= repeatWindowStart(now) &&
    current.status === change.status &&
    current.progress === change.progress;
  return same ? latest.id : null;
}

/**
 * An update of status and progress, with a note and evidence. Rules: a validated commitment is
 * locked until an organizer reopens it; "done" sets progress to 100 and needs a note or
 * evidence; "dropped" needs a note; an update must change or say something. The same update
 * sent again a moment later writes nothing and answers with the first one's entry
 * (`recorded: false`).
 */
export async function updateProgress(
  db: DB,
  commitmentId: number,
  input: ProgressUpdateInput,
  actor: CommitmentActor,
  options: { evidence?: EvidenceFile | null; now?: Date } = {},
): Promise<{ historyId: number; status: CommitmentStatus; progress: number; recorded: boolean }> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const evidence = options.evidence ?? null;
  return writeTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom("commitments")
      .select(["id", "encounter_id", "city_id", "status", "progress", "validated_at", "updated_at"])
      .where("id", "=", commitmentId)
      .executeTakeFirst();
    if (!current) throw new CommitmentRuleError("_form", "invalid", 404);
    await refuseWithoutAuthority(trx, actor, current.city_id);
    if (current.validated_at) throw new CommitmentRuleError("_form", "locked", 409);
    const progress = input.status === "done" ? 100 : input.progress;
    // Before the rules: a second send of an update without a note would otherwise meet "nothing
    // changed", an error for an update that was in fact saved.
    const repeated = await findRepeatedUpdate(
      trx,
      current,
      { status: input.status, progress, note: input.note, evidenceUrl: input.evidenceUrl ?? null, evidence },
      actor,
      now,
    );
    if (repeated !== null) return { historyId: repeated, status: input.status, progress, recorded: false };
    const hasEvidence = Boolean(input.evidenceUrl || evidence);
    if (input.status === "done" && current.status !== "done" && !input.note && !hasEvidence) throw new CommitmentRuleError("note", "doneNeedsNote");
    if (input.status === "dropped" && current.status !== "dropped" && !input.note) throw new CommitmentRuleError("note", "droppedNeedsNote");
    if (input.status === current.status && progress === current.progress && !input.note && !hasEvidence) {
      throw new CommitmentRuleError("_form", "nothingChanged");
    }
    const result = await trx
      .updateTable("commitments")
      .set({ status: input.status, progress, updated_at: at })
      .where("id", "=", commitmentId)
      .where("status", "=", current.status)
      .where("progress", "=", current.progress)
      .where("updated_at", "=", current.updated_at)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new CommitmentRuleError("_form", "conflict", 409);
    await publicProgressChanged(trx, current.encounter_id);
    const historyId = await addHistory(trx, {
      commitmentId,
      kind: "update",
      actor,
      statusFrom: current.status,
      statusTo: input.status,
      progressFrom: current.progress,
      progressTo: progress,
      note: input.note,
      evidenceUrl: input.evidenceUrl,
      evidence,
      at,
    });
    await recordAudit(trx, {
      actor: actorLabel(actor),
      action: "commitment.update",
      entity: "commitment",
      entityId: commitmentId,
      data: {
        status: [current.status, input.status],
        progress: [current.progress, progress],
        note: input.note || undefined,
        evidenceUrl: input.evidenceUrl ?? undefined,
        evidenceFile: evidence ? { key: evidence.key, name: evidence.originalName, size: evidence.size } : undefined,
      },
    });
    return { historyId, status: input.status, progress, recorded: true };
  });
}

/** An organizer confirms that a done commitment is done; it is locked until reopened. */
export async function validateCommitment(db: DB, commitmentId: number, organizer: { id: number; name: string }, note: string, now = new Date()) {
  const at = now.toISOString();
  return writeTransaction(db, async (trx) => {
    const current = await trx.selectFrom("commitments").select(["status", "progress", "validated_at"]).where("id", "=", commitmentId).executeTakeFirst();
    if (!current) throw new CommitmentRuleError("_form", "invalid", 404);
    if (current.validated_at) throw new CommitmentRuleError("_form", "alreadyValidated", 409);
    if (current.status !== "done") throw new CommitmentRuleError("_form", "notDone", 409);
    const result = await trx
      .updateTable("commitments")
      .set({ validated_at: at, updated_at: at })
      .where("id", "=", commitmentId)
      .where("status", "=", "done")
      .where("validated_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new CommitmentRuleError("_form", "conflict", 409);
    const actor: CommitmentActor = { kind: "organizer", id: organizer.id, name: organizer.name };
    await addHistory(trx, {
      commitmentId,
      kind: "validated",
      actor,
      statusFrom: "done",
      statusTo: "done",
      progressFrom: current.progress,
      progressTo: current.progress,
      note,
      at,
    });
    await recordAudit(trx, {
      actor: actorOf.organizer(organizer.id),
      action: "commitment.validate",
      entity: "commitment",
      entityId: commitmentId,
      data: { note: note || undefined },
    });
  });
}

/** An organizer sends a done or dropped commitment back to "in progress", with a reason. */
export async function reopenCommitment(db: DB, commitmentId: number, organizer: { id: number; name: string }, note: string, now = new Date()) {
  const at = now.toISOString();
  if (!note) throw new CommitmentRuleError("note", "required");
  return writeTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom("commitments")
      .select(["encounter_id", "status", "progress", "updated_at"])
      .where("id", "=", commitmentId)
      .executeTakeFirst();
    if (!current) throw new CommitmentRuleError("_form", "invalid", 404);
    if (current.status !== "done" && current.status !== "dropped") throw new CommitmentRuleError("_form", "notReopenable", 409);
    const result = await trx
      .updateTable("commitments")
      .set({ status: "in_progress", validated_at: null, updated_at: at })
      .where("id", "=", commitmentId)
      .where("updated_at", "=", current.updated_at)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new CommitmentRuleError("_form", "conflict", 409);
    await publicProgressChanged(trx, current.encounter_id);
    const actor: CommitmentActor = { kind: "organizer", id: organizer.id, name: organizer.name };
    await addHistory(trx, {
      commitmentId,
      kind: "reopened",
      actor,
      statusFrom: current.status,
      statusTo: "in_progress",
      progressFrom: current.progress,
      progressTo: current.progress,
      note,
      at,
    });
    await recordAudit(trx, {
      actor: actorOf.organizer(organizer.id),
      action: "commitment.reopen",
      entity: "commitment",
      entityId: commitmentId,
      data: { from: current.status, note },
    });
  });
}

/** Stops or resumes the reminders to the responsible official; says whether anything changed. */
export async function setRemindersStopped(db: DB, commitmentId: number, stop: boolean, actor: CommitmentActor, now = new Date()): Promise<boolean> {
  const at = now.toISOString();
  return writeTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom("commitments")
      .select(["city_id", "status", "progress", "reminders_stopped_at", "reminders_stopped_by"])
      .where("id", "=", commitmentId)
      .executeTakeFirst();
    if (!current) throw new CommitmentRuleError("_form", "invalid", 404);
    await refuseWithoutAuthority(trx, actor, current.city_id);
    if ((current.reminders_stopped_at !== null) === stop) return false;
    // An organizer's stop (of a responsible nobody confirmed, say) is theirs to undo.
    if (!stop && current.reminders_stopped_by === "organizer" && actor.kind !== "organizer") throw new CommitmentRuleError("_form", "stoppedByOrganizer", 409);
    const result = await trx
      .updateTable("commitments")
      .set({ reminders_stopped_at: stop ? at : null, reminders_stopped_by: stop ? actor.kind : null })
      .where("id", "=", commitmentId)
      .where("reminders_stopped_at", stop ? "is" : "is not", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await addHistory(trx, {
      commitmentId,
      kind: stop ? "reminders_stopped" : "reminders_resumed",
      actor,
      statusFrom: current.status,
      statusTo: current.status,
      progressFrom: current.progress,
      progressTo: current.progress,
      at,
    });
    await recordAudit(trx, {
      actor: actorLabel(actor),
      action: stop ? "commitment.reminders_stop" : "commitment.reminders_resume",
      entity: "commitment",
      entityId: commitmentId,
    });
    return true;
  });
}
