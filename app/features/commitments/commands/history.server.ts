import type { DB } from "~db/client";
import type { CommitmentStatus, CommitmentUpdateKind } from "~db/schema";
import { actorOf } from "~/server/audit.server";
import { cityAuthorityOf, speaksFor } from "~/features/cities/authority.server";
import { CommitmentRuleError, type CommitmentActor, type EvidenceFile } from "~/features/commitments/rules";

// Low-level parts of the commitment commands, run inside the caller's write transaction: the
// history row every change writes, the audit actor's label, and the checks that read.

export function actorLabel(actor: CommitmentActor): string {
  if (actor.kind === "organizer") return actorOf.organizer(actor.id);
  if (actor.kind === "participant") return actorOf.participant(actor.id);
  return actorOf.responsible(actor.email);
}

/**
 * Checked again inside each write's transaction: a verification withdrawn while a form was
 * open stops the change, answered as for another city's commitment.
 */
export async function refuseWithoutAuthority(trx: DB, actor: CommitmentActor, cityId: number): Promise<void> {
  if (actor.kind !== "participant") return;
  if (!speaksFor(await cityAuthorityOf(trx, actor.id), cityId)) throw new CommitmentRuleError("_form", "invalid", 404);
}

export async function checkAgendaItem(trx: DB, agendaItemId: number | null, encounterId: number) {
  if (agendaItemId === null) return;
  const item = await trx.selectFrom("agenda_items").select("id").where("id", "=", agendaItemId).where("encounter_id", "=", encounterId).executeTakeFirst();
  if (!item) throw new CommitmentRuleError("agendaItemId", "agendaItem");
}

export async function addHistory(
  trx: DB,
  entry: {
    commitmentId: number;
    kind: CommitmentUpdateKind;
    actor: CommitmentActor;
    statusFrom: CommitmentStatus | null;
    statusTo: CommitmentStatus;
    progressFrom: number | null;
    progressTo: number;
    note?: string;
    evidenceUrl?: string | null;
    evidence?: EvidenceFile | null;
    at: string;
  },
): Promise<number> {
  const row = await trx
    .insertInto("commitment_updates")
    .values({
      commitment_id: entry.commitmentId,
      kind: entry.kind,
      author_kind: entry.actor.kind,
      author_name: entry.actor.name,
      author_participant_id: entry.actor.kind === "participant" ? entry.actor.id : null,
      status_from: entry.statusFrom,
      status_to: entry.statusTo,
      progress_from: entry.progressFrom,
      progress_to: entry.progressTo,
      note: entry.note ?? "",
      evidence_url: entry.evidenceUrl ?? null,
      evidence_key: entry.evidence?.key ?? null,
      evidence_name: entry.evidence?.originalName ?? null,
      evidence_type: entry.evidence?.contentType ?? null,
      evidence_size: entry.evidence?.size ?? null,
      evidence_sha256: entry.evidence?.sha256 ?? null,
      created_at: entry.at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
