import { sql, type Kysely } from "kysely";
import { nowText, withId } from "./portable";

// Frozen once landed. Follow-up of commitments:
// - cities get a focal point (who hears when a commitment of the city is long overdue) and a
//   version number for their calendar feed link (raising it voids the old link);
// - each history entry says what kind of event it was (an update, a validation, a reopening...)
//   and, for file evidence, the type, size and hash needed to serve it back;
// - follow_up_plans: the reminder rules of one encounter (no row: the defaults);
// - follow_up_events: every decision of the scheduler, under the same key as its mail, so that
//   two schedulers running at once write each reminder once (the unique key is the claim);
// - follow_up_runners: when each scheduler process last ran, for the organizers' page.
// Values are spelled out here (not imported) so later edits to the app cannot change this.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("cities").addColumn("focal_point_name", "text").execute();
  await db.schema.alterTable("cities").addColumn("focal_point_email", "text").execute();
  await db.schema
    .alterTable("cities")
    .addColumn("calendar_feed_version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .alterTable("commitment_updates")
    .addColumn("kind", "text", (c) =>
      c
        .notNull()
        .defaultTo("update")
        .check(sql`kind in ('created', 'update', 'edited', 'validated', 'reopened', 'reminders_stopped', 'reminders_resumed')`),
    )
    .execute();
  await db.schema.alterTable("commitment_updates").addColumn("evidence_type", "text").execute();
  await db.schema.alterTable("commitment_updates").addColumn("evidence_size", "integer").execute();
  await db.schema.alterTable("commitment_updates").addColumn("evidence_sha256", "text").execute();

  await db.schema.createIndex("commitments_city").on("commitments").columns(["city_id", "due_date"]).execute();
  await db.schema.createIndex("commitments_responsible").on("commitments").column("responsible_email").execute();

  await db.schema
    .createTable("follow_up_plans")
    .addColumn("encounter_id", "integer", (c) => c.primaryKey().references("encounters.id").onDelete("cascade"))
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    // Days before the due date, largest first, e.g. "30,7,1".
    .addColumn("reminder_days", "text", (c) => c.notNull().defaultTo("30,7,1"))
    .addColumn("overdue_notice", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("weekly_overdue", "integer", (c) => c.notNull().defaultTo(1))
    // Null: never escalate.
    .addColumn("escalate_after_weeks", "integer", (c) => c.defaultTo(4).check(sql`escalate_after_weeks between 1 and 52`))
    .addColumn("send_hour", "integer", (c) => c.notNull().defaultTo(8).check(sql`send_hour between 0 and 23`))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn("updated_by", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .execute();

  await db.schema
    .createTable("follow_up_events")
    .$call((t) => withId(db, t))
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("commitment_id", "integer", (c) => c.notNull().references("commitments.id").onDelete("cascade"))
    .addColumn("rule", "text", (c) => c.notNull())
    .addColumn("occurs_on", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull().check(sql`outcome in ('queued', 'skipped')`))
    .addColumn("recipients", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("detail", "text")
    .addColumn("runner", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .execute();
  await db.schema.createIndex("follow_up_events_commitment").on("follow_up_events").columns(["commitment_id", "occurs_on"]).execute();

  await db.schema
    .createTable("follow_up_runners")
    .addColumn("runner", "text", (c) => c.primaryKey())
    .addColumn("last_run_at", "text", (c) => c.notNull())
    .addColumn("last_considered", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_written", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("follow_up_runners").ifExists().execute();
  await db.schema.dropTable("follow_up_events").ifExists().execute();
  await db.schema.dropTable("follow_up_plans").ifExists().execute();
  await db.schema.dropIndex("commitments_responsible").ifExists().execute();
  await db.schema.dropIndex("commitments_city").ifExists().execute();
  for (const column of ["evidence_sha256", "evidence_size", "evidence_type", "kind"]) {
    await db.schema.alterTable("commitment_updates").dropColumn(column).execute();
  }
  for (const column of ["calendar_feed_version", "focal_point_email", "focal_point_name"]) {
    await db.schema.alterTable("cities").dropColumn(column).execute();
  }
}
