import type { DB } from "~db/client";
import type { Locale } from "~db/schema";
import { writeTransaction } from "~db/write-transaction";
import { enqueueEmail, InvalidEmailError } from "~/features/mail/outbox.server";
import { stopMessagesUrl } from "~/features/messages/opt-out.server";
import { audienceOf, audienceWithoutDownload, findMaterial, receiptsByCity } from "~/features/materials/queries.server";
import { isPendingCity, shortened } from "~/features/materials/rules";
import { actorOf, recordAudit } from "~/server/audit.server";
import { materialLinkDays, signMaterialLink } from "~/server/signed-links.server";

// The mail about a material: the notice that it is new or updated, and the reminder to those
// who have not downloaded it. Each message carries a signed personal download link; the
// templates (emails/materials-*.tsx) write the text.

export function materialLink(appUrl: string, participantId: number, materialId: number, now = new Date()) {
  const expiresAt = new Date(now.getTime() + materialLinkDays * 86_400_000);
  return {
    url: `${appUrl}/d/${signMaterialLink({ participantId, materialId, expiresAt })}`,
    validUntil: expiresAt.toISOString().slice(0, 10),
  };
}

type Recipient = { id: number; email: string; full_name: string; locale: Locale };

/** Enqueues one message per recipient; an address the outbox refuses is skipped, not fatal. */
async function mailEach(recipients: Recipient[], send: (r: Recipient) => Promise<{ enqueued: boolean }>) {
  let enqueued = 0;
  let skipped = 0;
  for (const recipient of recipients) {
    try {
      if ((await send(recipient)).enqueued) enqueued++;
    } catch (error) {
      if (!(error instanceof InvalidEmailError)) throw error;
      skipped++;
    }
  }
  return { enqueued, skipped };
}

type MailedMaterial = NonNullable<Awaited<ReturnType<typeof findMaterial>>>;

/** The encounter and material as the templates show them. */
function aboutMaterial(material: MailedMaterial, appUrl: string) {
  return {
    encounter: { title: shortened(material.encounter_title ?? "", 300), url: `${appUrl}/encuentros/${material.encounter_slug}` },
    material: { title: material.title, description: material.description ? shortened(material.description, 500) : undefined },
  };
}

/**
 * Tells everyone the material is meant for that it is new or has a new version (once per
 * version). Runs inside the publishing command's transaction.
 */
export async function notifyAudience(trx: DB, materialId: number, appUrl: string, now: Date): Promise<number> {
  const material = await findMaterial(trx, materialId);
  if (!material || material.encounter_id === null || !material.encounter_slug || material.encounter_status === "draft") return 0;
  const about = aboutMaterial(material, appUrl);
  const { enqueued } = await mailEach(await audienceOf(trx, material), (person) =>
    enqueueEmail(trx, {
      key: `material:${material.id}:v${material.version}:p${person.id}`,
      to: person.email,
      template: "materials-available",
      locale: person.locale,
      data: {
        name: person.full_name,
        encounter: about.encounter,
        materials: [about.material],
        url: materialLink(appUrl, person.id, material.id, now).url,
        stopUrl: stopMessagesUrl(person, { appUrl }),
      },
    }),
  );
  return enqueued;
}

/**
 * Reminds the people the material is meant for who have not downloaded it: those of the given
 * cities, or (cityIds omitted) of every city where nobody has. At most one reminder per person
 * and material a day, whatever the number of clicks.
 */
export async function remindNonDownloaders(
  db: DB,
  input: { organizerId: number; materialId: number; cityIds?: number[]; appUrl: string; now?: Date },
): Promise<{ enqueued: number; people: number }> {
  const now = input.now ?? new Date();
  return writeTransaction(db, async (trx) => {
    const material = await findMaterial(trx, input.materialId);
    if (!material || material.encounter_id === null || !material.encounter_slug) return { enqueued: 0, people: 0 };
    const cityIds = input.cityIds ?? (await receiptsByCity(trx, material)).filter(isPendingCity).map((c) => c.cityId);
    const people = await audienceWithoutDownload(trx, material, { cityIds });
    const about = aboutMaterial(material, input.appUrl);
    const day = now.toISOString().slice(0, 10);
    const { enqueued } = await mailEach(people, (person) => {
      const link = materialLink(input.appUrl, person.id, material.id, now);
      return enqueueEmail(trx, {
        key: `material-reminder:${material.id}:p${person.id}:${day}`,
        to: person.email,
        template: "materials-reminder",
        locale: person.locale,
        data: {
          name: person.full_name,
          encounter: about.encounter,
          material: about.material,
          url: link.url,
          validUntil: link.validUntil,
          stopUrl: stopMessagesUrl(person, { appUrl: input.appUrl }),
        },
      });
    });
    await recordAudit(trx, {
      actor: actorOf.organizer(input.organizerId),
      action: "material.remind",
      entity: "material",
      entityId: material.id,
      data: { cityIds, people: people.length, enqueued },
    });
    return { enqueued, people: people.length };
  });
}
