import type { DB } from "~db/client";
import { localDate } from "~/lib/calendar-date";
import { getEnv } from "~/server/env.server";
import { enqueueEmail } from "~/features/mail/outbox.server";
import { isValidRecipient } from "~/features/mail/rules";
import { followUpUrls, type LinkOptions } from "~/features/commitments/links.server";
import { localeForEmail, type CommitmentDetail } from "~/features/commitments/queries/commitment.server";
import { mailCommitment } from "~/features/commitments/rules";

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
