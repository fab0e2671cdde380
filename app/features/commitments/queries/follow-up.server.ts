import type { DB } from "~db/client";
import type { PlanRules } from "~/features/commitments/follow-up/rules";
import { planFromRow } from "~/features/commitments/rules";

// The follow-up plans of the encounters, the scheduler's runners and what it decided.

export async function getPlan(db: DB, encounterId: number): Promise<PlanRules & { customized: boolean; updatedAt: string | null }> {
  const row = await db.selectFrom("follow_up_plans").selectAll().where("encounter_id", "=", encounterId).executeTakeFirst();
  return { ...planFromRow(row), customized: Boolean(row), updatedAt: row?.updated_at ?? null };
}

export async function plansByEncounter(db: DB): Promise<Map<number, PlanRules>> {
  const rows = await db.selectFrom("follow_up_plans").selectAll().execute();
  return new Map(rows.map((r) => [r.encounter_id, planFromRow(r)]));
}

export async function listRunners(db: DB) {
  return db.selectFrom("follow_up_runners").selectAll().orderBy("last_run_at", "desc").limit(5).execute();
}

export async function followUpCounts(db: DB, encounterId: number) {
  const rows = await db
    .selectFrom("follow_up_events")
    .innerJoin("commitments", "commitments.id", "follow_up_events.commitment_id")
    .select(["follow_up_events.rule", "follow_up_events.outcome", "follow_up_events.occurs_on"])
    .where("commitments.encounter_id", "=", encounterId)
    .execute();
  const reminders = rows.filter((r) => r.outcome === "queued" && r.rule !== "escalation").length;
  const escalations = rows.filter((r) => r.outcome === "queued" && r.rule === "escalation").length;
  const skipped = rows.filter((r) => r.outcome === "skipped").length;
  const last = rows.reduce<string | null>((max, r) => (max === null || r.occurs_on > max ? r.occurs_on : max), null);
  return { reminders, escalations, skipped, last };
}
