import type { DB } from "~db/client";
import { writeTransaction } from "~db/write-transaction";
import { CommitmentRuleError, editCommitment, findCommitment, insertCommitment, localeForEmail, type CommitmentActor, type CommitmentDetail, type NewCommitment } from "~/features/commitments/model.server";
import { localDate } from "~/lib/calendar-date";
import { followUpLinkExpiry, signFollowUpLink } from "~/features/commitments/links.server";
import type { CommitmentFields } from "~/features/commitments/forms";
import { getEnv } from "~/server/env.server";
import { isVerifiedInCity } from "~/features/cities/authority.server";
import { enqueueResponsibleMail, mailForOfficial } from "~/features/mail/official-mail.server";
import { enqueueEmail, InvalidEmailError } from "~/features/mail/outbox.server";
import { isValidRecipient } from "~/features/mail/rules";

// Recording and re-assigning commitments: the change and the mail to the responsible official
// are written in one transaction (a rolled-back change leaves no mail behind).

export interface LinkOptions {
  appUrl?: string;
  secret?: string;
  now?: Date;
}

/** The signed links a mail to the responsible official carries. */
export function followUpUrls(commitment: { id: number; responsible_email: string; due_date: string }, options: LinkOptions = {}) {
  const env = getEnv();
  const appUrl = options.appUrl ?? env.appUrl;
  const token = signFollowUpLink(
    { commitmentId: commitment.id, email: commitment.responsible_email, expiresAt: followUpLinkExpiry(options.now ?? new Date(), commitment.due_date) },
    options.secret ?? env.sessionSecret,
  );
  return { token, updateUrl: `${appUrl}/seguimiento/${token}`, stopUrl: `${appUrl}/seguimiento/${token}/detener` };
}

/** What every commitment mail says about the commitment. */
export function mailCommitment(c: Pick<CommitmentDetail, "title" | "city_name" | "instrument" | "due_date" | "description" | "status" | "progress">) {
  return {
    title: c.title,
    cityName: c.city_name,
    instrument: c.instrument,
    dueDate: c.due_date,
    description: c.description || undefined,
    status: c.status,
    progress: c.progress,
  };
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
    if (error instanceof InvalidEmailError) throw new CommitmentRuleError(error.field === "to" ? "responsibleEmail" : "_form", error.field === "to" ? "email" : "invalid");
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
    const { id, recorded } = await insertCommitment(trx, { ...input, now });
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

/**
 * A fresh link for the responsible official, asked for from an expired one: sent only to the
 * commitment's current responsible address, at most once a day. Says whether a mail was written.
 */
export async function sendFreshLink(db: DB, commitment: CommitmentDetail, options: LinkOptions = {}): Promise<boolean> {
  // Never to an address no organizer confirmed (it never had a link to begin with).
  if (!isValidRecipient(commitment.responsible_email) || commitment.responsible_pending_at !== null) return false;
  const now = options.now ?? new Date();
  const appUrl = options.appUrl ?? getEnv().appUrl;
  const { updateUrl, stopUrl } = followUpUrls(commitment, { ...options, now });
  const { status: _status, progress: _progress, ...ref } = mailCommitment(commitment);
  const { enqueued } = await enqueueEmail(db, {
    key: `commitment:${commitment.id}:link:${localDate(now, commitment.encounter_timezone)}`,
    to: commitment.responsible_email,
    template: "commitment-link",
    locale: await localeForEmail(db, commitment.responsible_email),
    data: {
      name: commitment.responsible_name,
      encounter: { title: commitment.encounter_title, url: `${appUrl}/encuentros/${commitment.encounter_slug}` },
      commitment: ref,
      updateUrl,
      stopUrl,
    },
  });
  return enqueued;
}
