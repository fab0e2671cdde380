import type { DB } from "~db/client";
import { writeTransaction } from "~db/write-transaction";
import { enqueueEmails } from "~/features/mail/outbox.server";
import { stopMessagesUrl } from "~/features/messages/opt-out.server";
import { publicPagesChanged } from "~/server/public-versions.server";
import { minutesAudience } from "~/features/minutes/queries.server";
import { markdownToPlainText } from "~/lib/markdown";
import { actorOf, recordAudit } from "~/server/audit.server";

// The organizers' changes to an encounter's minutes (relatoría): writing them (general and per
// session), publishing them with the materials, hiding them again. The registrants are told
// once, the first time they are published: encounter_minutes.notified_at marks it, and each
// mail's idempotency key (minutes:<encounter>:p<participant>) keeps it once even so.

type Actor = { organizerId: number; encounterId: number };

export async function saveMinutes(db: DB, actor: Actor, input: { body: string; sessions: Map<number, string> }): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const now = new Date().toISOString();
    await trx
      .insertInto("encounter_minutes")
      .values({ encounter_id: actor.encounterId, body: input.body, updated_at: now, updated_by: actor.organizerId })
      .onConflict((oc) => oc.column("encounter_id").doUpdateSet({ body: input.body, updated_at: now, updated_by: actor.organizerId }))
      .execute();
    const items = await trx.selectFrom("agenda_items").select("id").where("encounter_id", "=", actor.encounterId).execute();
    for (const { id } of items) {
      const body = input.sessions.get(id);
      if (body === undefined) continue;
      if (!body) {
        await trx.deleteFrom("session_minutes").where("agenda_item_id", "=", id).execute();
        continue;
      }
      await trx
        .insertInto("session_minutes")
        .values({ encounter_id: actor.encounterId, agenda_item_id: id, body, updated_at: now, updated_by: actor.organizerId })
        .onConflict((oc) => oc.column("agenda_item_id").doUpdateSet({ body, updated_at: now, updated_by: actor.organizerId }))
        .execute();
    }
    await recordAudit(trx, {
      actor: actorOf.organizer(actor.organizerId),
      action: "minutes.save",
      entity: "encounter",
      entityId: actor.encounterId,
      data: { sessions: [...input.sessions.values()].filter(Boolean).length },
    });
  });
}

export type PublishOutcome = { ok: true; notified: number } | { ok: false; reason: "empty" };

/**
 * Publishes the minutes (refused while they say nothing). The first time, every confirmed
 * registrant who did not stop messages is told by mail, in the same transaction.
 */
export async function publishMinutes(db: DB, actor: Actor, input: { appUrl: string; now?: Date }): Promise<PublishOutcome> {
  const now = (input.now ?? new Date()).toISOString();
  return writeTransaction(db, async (trx) => {
    const encounter = await trx.selectFrom("encounters").select(["id", "slug", "title"]).where("id", "=", actor.encounterId).executeTakeFirstOrThrow();
    const general = await trx.selectFrom("encounter_minutes").selectAll().where("encounter_id", "=", actor.encounterId).executeTakeFirst();
    const sessions = await trx.selectFrom("session_minutes").select("body").where("encounter_id", "=", actor.encounterId).execute();
    if (!general?.body && sessions.every((s) => !s.body)) return { ok: false as const, reason: "empty" as const };
    await trx
      .updateTable("encounter_minutes")
      .set({ published_at: general?.published_at ?? now, published_by: actor.organizerId, notified_at: general?.notified_at ?? now })
      .where("encounter_id", "=", actor.encounterId)
      .execute();
    // The public materials page links to published minutes.
    await publicPagesChanged(trx);
    let notified = 0;
    if (!general?.notified_at) {
      const url = `${input.appUrl}/encuentros/${encounter.slug}/relatoria`;
      const summary = markdownToPlainText(general?.body || sessions.map((s) => s.body).join("\n\n"));
      const people = await minutesAudience(trx, actor.encounterId);
      const { keys } = await enqueueEmails(
        trx,
        people.map((person) => ({
          key: `minutes:${encounter.id}:p${person.id}`,
          to: person.email,
          template: "minutes-published" as const,
          locale: person.locale,
          data: {
            name: person.full_name,
            encounter: { title: encounter.title, url: `${input.appUrl}/encuentros/${encounter.slug}` },
            summary: summary ? (summary.length > 300 ? `${summary.slice(0, 299)}…` : summary) : undefined,
            url,
            stopUrl: stopMessagesUrl(person, { appUrl: input.appUrl }),
          },
        })),
      );
      notified = keys.length;
    }
    await recordAudit(trx, {
      actor: actorOf.organizer(actor.organizerId),
      action: "minutes.publish",
      entity: "encounter",
      entityId: actor.encounterId,
      data: { notified },
    });
    return { ok: true as const, notified };
  });
}

/** Takes the minutes off the public page; publishing again tells nobody a second time. */
export async function hideMinutes(db: DB, actor: Actor): Promise<void> {
  await writeTransaction(db, async (trx) => {
    await trx.updateTable("encounter_minutes").set({ published_at: null }).where("encounter_id", "=", actor.encounterId).execute();
    await publicPagesChanged(trx);
    await recordAudit(trx, { actor: actorOf.organizer(actor.organizerId), action: "minutes.hide", entity: "encounter", entityId: actor.encounterId });
  });
}
