import type { DB } from "~db/client";
import type { OfficialMailKind } from "~db/schema";
import { localeForEmail, type CommitmentDetail } from "~/features/commitments/queries/commitment.server";
import { getEnv } from "~/server/env.server";
import { enqueueEmail } from "./outbox.server";

// Mail that an official's action causes (recording a commitment, naming a new responsible) is
// capped per official, and an address nobody confirmed gets only a neutral notice. Every such
// mail is kept in official_mails, sent or held, so organizers see and can stop it.
//
// The cap: 20 in any 24 hours. A city's working table records a handful of commitments at an
// encounter (the demo's busiest city has 4), and each names one responsible; 20 leaves room
// for a long session and a few corrections, while a script gets 20 mails out, not thousands.
// A rolling window rather than a calendar day: no burst at midnight, and no zone to pick.
export const officialMailCap = 20;
const capWindowMs = 24 * 3_600_000;

export interface MailLinks {
  appUrl?: string;
  /** The link to report progress, for a confirmed responsible (details). */
  updateUrl?: string;
}

/** Writes the mail itself: the details with the update link, or the neutral notice. */
export async function enqueueResponsibleMail(
  trx: DB,
  commitment: CommitmentDetail,
  kind: OfficialMailKind,
  key: string,
  links: MailLinks & { updateUrl: string },
) {
  const appUrl = links.appUrl ?? getEnv().appUrl;
  const encounter = { title: commitment.encounter_title, url: `${appUrl}/encuentros/${commitment.encounter_slug}` };
  const locale = await localeForEmail(trx, commitment.responsible_email);
  if (kind === "pending_notice") {
    await enqueueEmail(trx, {
      key,
      to: commitment.responsible_email,
      template: "commitment-pending-responsible",
      locale,
      data: { encounter, cityName: commitment.city_name, url: encounter.url },
    });
    return;
  }
  await enqueueEmail(trx, {
    key,
    to: commitment.responsible_email,
    template: "commitment-recorded",
    locale,
    data: {
      name: commitment.responsible_name,
      encounter,
      commitment: {
        title: commitment.title,
        cityName: commitment.city_name,
        instrument: commitment.instrument,
        dueDate: commitment.due_date,
        description: commitment.description || undefined,
      },
      updateUrl: links.updateUrl,
    },
  });
}

/** How many mails this official's own actions sent in the last 24 hours (not those an organizer let through). */
export async function mailsSentBy(trx: DB, participantId: number, now: Date): Promise<number> {
  const row = await trx
    .selectFrom("official_mails")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("participant_id", "=", participantId)
    .where("status", "=", "sent")
    .where("created_at", ">", new Date(now.getTime() - capWindowMs).toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Inside the official's transaction: sends the mail if the official is under the cap, else
 * holds it for an organizer. Either way it is kept, so organizers see it.
 */
export async function mailForOfficial(
  trx: DB,
  input: { participantId: number; commitment: CommitmentDetail; kind: OfficialMailKind; key: string; now: Date; links: MailLinks & { updateUrl: string } },
): Promise<"sent" | "held"> {
  const held = (await mailsSentBy(trx, input.participantId, input.now)) >= officialMailCap;
  await trx
    .insertInto("official_mails")
    .values({
      participant_id: input.participantId,
      commitment_id: input.commitment.id,
      recipient: input.commitment.responsible_email,
      kind: input.kind,
      status: held ? "held" : "sent",
      created_at: input.now.toISOString(),
    })
    .execute();
  if (!held) await enqueueResponsibleMail(trx, input.commitment, input.kind, input.key, input.links);
  return held ? "held" : "sent";
}
