import type { DB } from "~db/client";
import { writeTransaction } from "~db/write-transaction";
import { actorOf, recordAudit } from "~/server/audit.server";
import { formatReminderDays, type PlanRules } from "~/features/commitments/follow-up/rules";

// What organizers set around the commitments: an encounter's follow-up plan and a city's
// calendar feed link. A city's focal points (who hear of escalations) are on its roster
// (app/features/cities/members.server.ts).

export async function savePlan(db: DB, encounterId: number, plan: Omit<PlanRules, never>, organizer: { id: number }, now = new Date()): Promise<void> {
  const values = {
    enabled: plan.enabled ? 1 : 0,
    reminder_days: formatReminderDays(plan.reminderDays).replace(/\s/g, ""),
    overdue_notice: plan.overdueNotice ? 1 : 0,
    weekly_overdue: plan.weeklyOverdue ? 1 : 0,
    escalate_after_weeks: plan.escalateAfterWeeks,
    send_hour: plan.sendHour,
    updated_at: now.toISOString(),
    updated_by: organizer.id,
  };
  await writeTransaction(db, async (trx) => {
    await trx
      .insertInto("follow_up_plans")
      .values({ encounter_id: encounterId, ...values })
      .onConflict((oc) => oc.column("encounter_id").doUpdateSet(values))
      .execute();
    await recordAudit(trx, { actor: actorOf.organizer(organizer.id), action: "follow_up_plan.save", entity: "encounter", entityId: encounterId, data: plan });
  });
}

/** Voids the city's calendar feed link given out so far (a new one is shown). */
export async function rotateCityFeed(db: DB, cityId: number, organizer: { id: number }): Promise<void> {
  await writeTransaction(db, async (trx) => {
    await trx
      .updateTable("cities")
      .set((eb) => ({ calendar_feed_version: eb("calendar_feed_version", "+", 1) }))
      .where("id", "=", cityId)
      .execute();
    await recordAudit(trx, { actor: actorOf.organizer(organizer.id), action: "city.feed_rotate", entity: "city", entityId: cityId });
  });
}
