import type { DB } from "~db/client";
import { writeTransaction } from "~db/write-transaction";
import { recordAudit } from "~/server/audit.server";
import { publicProgressChanged } from "~/server/public-versions.server";
import { localDate } from "~/lib/calendar-date";
import { repeatWindowStart, sameTitle } from "~/lib/repeated-submission";
import { isVerifiedInCity } from "~/features/cities/authority.server";
import { enqueueResponsibleMail, mailForOfficial } from "~/features/mail/official-mail.server";
import { InvalidEmailError } from "~/features/mail/outbox.server";
import { isValidRecipient } from "~/features/mail/rules";
import { followUpUrls, type LinkOptions } from "~/features/commitments/links.server";
import { findCommitment, type CommitmentDetail } from "~/features/commitments/queries/commitment.server";
import {
  changedFields,
  checkDueDate,
  CommitmentRuleError,
  editableColumns,
  editableFields,
  type CommitmentActor,
  type CommitmentFields,
} from "~/features/commitments/rules";
import { actorLabel, addHistory, checkAgendaItem, refuseWithoutAuthority } from "./history.server";

// Recording and re-assigning commitments: the change, its history row, its audit entry and the
// mail to the responsible official are written in one transaction (a rolled-back change leaves
// no mail behind).

export interface NewCommitment {
  encounter: { id: number; starts_at: string; timezone: string };
  cityId: number;
  fields: CommitmentFields;
  actor: CommitmentActor;
  now?: Date;
}

/**
 * The commitment this same author recorded from this same form a moment ago, if any: the second
 * send of a double tap or a resent POST. "The same form" is every field the form sends, for the
 * same encounter and city: the title compared as sameTitle does, the rest exactly (the form has
 * trimmed them and lower-cased the address). Comparing every field, not just the title, keeps a
 * correction safe: someone who goes back, fixes the responsible's address and sends again gets
 * what they sent written, not the old commitment with the wrong address and no mail to the new.
 * An author is one participant or one organizer (by id): two authorities of the same city who
 * record the same text each get theirs written.
 */
async function findRepeatedCommitment(trx: DB, input: NewCommitment, now: Date): Promise<number | null> {
  const { encounter, fields, actor } = input;
  if (actor.kind === "responsible") return null;
  const candidates = await trx
    .selectFrom("commitments")
    .selectAll()
    .where("encounter_id", "=", encounter.id)
    .where("city_id", "=", input.cityId)
    .where(actor.kind === "participant" ? "created_by_participant_id" : "created_by_organizer_id", "=", actor.id)
    .where("due_date", "=", fields.dueDate)
    .where("created_at", ">=", repeatWindowStart(now))
    .orderBy("id", "desc")
    .execute();
  const same = candidates.find(
    (c) =>
      sameTitle(c.title, fields.title) && editableFields.every((field) => field === "title" || (c[editableColumns[field]] ?? null) === (fields[field] ?? null)),
  );
  return same?.id ?? null;
}

/**
 * Writes a new commitment (status proposed, progress 0) with its first history entry, or, when
 * the same author sent the same form a moment ago, writes nothing and names that commitment
 * (`recorded: false`), so a double tap leads to one commitment.
 */
async function insertCommitment(trx: DB, input: NewCommitment, now: Date): Promise<{ id: number; recorded: boolean }> {
  const { encounter, fields, actor } = input;
  const at = now.toISOString();
  checkDueDate(fields.dueDate, encounter);
  if (actor.kind === "participant" && actor.cityId !== input.cityId) throw new CommitmentRuleError("cityDane", "city", 403);
  await refuseWithoutAuthority(trx, actor, input.cityId);
  // Inside the write transaction, so two sends that arrive together cannot both miss the
  // other: writers run one at a time, and the second one finds the first one's row.
  const repeated = await findRepeatedCommitment(trx, input, now);
  if (repeated !== null) return { id: repeated, recorded: false };
  await checkAgendaItem(trx, fields.agendaItemId, encounter.id);
  const row = await trx
    .insertInto("commitments")
    .values({
      encounter_id: encounter.id,
      city_id: input.cityId,
      agenda_item_id: fields.agendaItemId,
      title: fields.title,
      description: fields.description,
      instrument: fields.instrument,
      theme: fields.theme,
      responsible_name: fields.responsibleName,
      responsible_position: fields.responsiblePosition,
      responsible_email: fields.responsibleEmail,
      due_date: fields.dueDate,
      indicator: fields.indicator,
      target: fields.target,
      status: "proposed",
      progress: 0,
      created_by_participant_id: actor.kind === "participant" ? actor.id : null,
      created_by_organizer_id: actor.kind === "organizer" ? actor.id : null,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await publicProgressChanged(trx, encounter.id);
  await addHistory(trx, { commitmentId: row.id, kind: "created", actor, statusFrom: null, statusTo: "proposed", progressFrom: null, progressTo: 0, at });
  await recordAudit(trx, {
    actor: actorLabel(actor),
    action: "commitment.create",
    entity: "commitment",
    entityId: row.id,
    data: { encounterId: encounter.id, cityId: input.cityId, title: fields.title, dueDate: fields.dueDate, responsibleEmail: fields.responsibleEmail },
  });
  return { id: row.id, recorded: true };
}

/** Changes the details of a commitment; returns the fields that changed. */
async function editCommitment(
  trx: DB,
  commitmentId: number,
  fields: CommitmentFields,
  actor: CommitmentActor,
  now: Date,
): Promise<{ changed: Array<keyof CommitmentFields>; historyId: number | null }> {
  const at = now.toISOString();
  const current = await findCommitment(trx, commitmentId);
  if (!current) throw new CommitmentRuleError("_form", "invalid", 404);
  await refuseWithoutAuthority(trx, actor, current.city_id);
  if (current.validated_at) throw new CommitmentRuleError("_form", "locked", 409);
  const changed = changedFields(current, fields);
  if (changed.length === 0) return { changed, historyId: null };
  if (changed.includes("dueDate")) checkDueDate(fields.dueDate, { starts_at: current.encounter_starts_at, timezone: current.encounter_timezone });
  if (changed.includes("agendaItemId")) await checkAgendaItem(trx, fields.agendaItemId, current.encounter_id);
  const set: Record<string, unknown> = { updated_at: at };
  for (const field of changed) set[editableColumns[field]] = fields[field];
  const result = await trx.updateTable("commitments").set(set).where("id", "=", commitmentId).where("updated_at", "=", current.updated_at).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new CommitmentRuleError("_form", "conflict", 409);
  await publicProgressChanged(trx, current.encounter_id);
  const historyId = await addHistory(trx, {
    commitmentId,
    kind: "edited",
    actor,
    statusFrom: current.status,
    statusTo: current.status,
    progressFrom: current.progress,
    progressTo: current.progress,
    note: changed.join(","),
    at,
  });
  const before = Object.fromEntries(changed.map((f) => [f, current[editableColumns[f]]]));
  const after = Object.fromEntries(changed.map((f) => [f, fields[f]]));
  await recordAudit(trx, { actor: actorLabel(actor), action: "commitment.edit", entity: "commitment", entityId: commitmentId, data: { before, after } });
  return { changed, historyId };
}

/**
 * Tells the responsible official of a commitment just recorded or re-assigned. An organizer's
 * word is trusted: the details go out at once. An official's is checked: a responsible who is a
 * verified person of the city gets the details; any other address is left to an organizer to
 * confirm and gets only a neutral notice; and the official's mails are capped per day.
 */
async function mailResponsible(trx: DB, commitment: CommitmentDetail, actor: CommitmentActor, key: string, options: LinkOptions & { now: Date }) {
  const trusted = actor.kind !== "participant" || (await isVerifiedInCity(trx, commitment.city_id, commitment.responsible_email));
  await trx
    .updateTable("commitments")
    .set({ responsible_pending_at: trusted ? null : options.now.toISOString() })
    .where("id", "=", commitment.id)
    .execute();
  const links = { appUrl: options.appUrl, updateUrl: followUpUrls(commitment, options).updateUrl };
  if (actor.kind !== "participant") {
    await enqueueResponsibleMail(trx, commitment, "details", key, links);
    return;
  }
  await mailForOfficial(trx, { participantId: actor.id, commitment, kind: trusted ? "details" : "pending_notice", key, now: options.now, links });
}

function refuseBadRecipient(email: string) {
  // The form's check is looser than what may go into a mail header.
  if (!isValidRecipient(email)) throw new CommitmentRuleError("responsibleEmail", "email");
}

async function transaction<T>(db: DB, work: (trx: DB) => Promise<T>): Promise<T> {
  try {
    return await writeTransaction(db, work);
  } catch (error) {
    if (error instanceof InvalidEmailError)
      throw new CommitmentRuleError(error.field === "to" ? "responsibleEmail" : "_form", error.field === "to" ? "email" : "invalid");
    throw error;
  }
}

/**
 * Records a commitment and tells its responsible official, with a link to report progress. The
 * same form sent again a moment later (a double tap, a resent POST) gives the first one's id and
 * writes nothing, so the official gets one commitment and one mail.
 */
export async function recordCommitment(db: DB, input: NewCommitment, options: LinkOptions = {}): Promise<number> {
  refuseBadRecipient(input.fields.responsibleEmail);
  const now = input.now ?? options.now ?? new Date();
  return transaction(db, async (trx) => {
    const { id, recorded } = await insertCommitment(trx, input, now);
    if (!recorded) return id;
    const commitment = await findCommitment(trx, id);
    if (!commitment) throw new Error("El compromiso recién escrito no se encontró");
    await mailResponsible(trx, commitment, input.actor, `commitment:${id}:recorded:${localDate(now, commitment.encounter_timezone)}`, { ...options, now });
    return id;
  });
}

/** Changes the details; a new responsible official is told, and the old one's links stop working. */
export async function changeCommitmentDetails(
  db: DB,
  commitmentId: number,
  fields: CommitmentFields,
  actor: CommitmentActor,
  options: LinkOptions = {},
): Promise<Array<keyof CommitmentFields>> {
  refuseBadRecipient(fields.responsibleEmail);
  const now = options.now ?? new Date();
  return transaction(db, async (trx) => {
    const { changed, historyId } = await editCommitment(trx, commitmentId, fields, actor, now);
    if (changed.includes("responsibleEmail") && historyId !== null) {
      const commitment = await findCommitment(trx, commitmentId);
      if (commitment) await mailResponsible(trx, commitment, actor, `commitment:${commitmentId}:assigned:${historyId}`, { ...options, now });
    }
    return changed;
  });
}
