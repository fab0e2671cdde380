import { sql, type Kysely } from "kysely";
import { nowText, withId } from "./portable";

// Frozen once landed. What calendars and change notices need from the agenda:
// - agenda_items.sequence: the iCalendar SEQUENCE, raised each time an item's content changes,
//   so that a calendar program replaces its copy instead of keeping the old one;
// - agenda_items.updated_at: the item's last revision (DTSTAMP / LAST-MODIFIED);
// - agenda_changes: each change to a published encounter's agenda, with the item as it was
//   before (JSON), until the organizer tells registered people about it;
// - agenda_notifications: each such notice, which names the mail it wrote in the outbox.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("agenda_items")
    .addColumn("sequence", "integer", (c) => c.notNull().defaultTo(0).check(sql`sequence >= 0`))
    .execute();
  await db.schema.alterTable("agenda_items").addColumn("updated_at", "text").execute();
  await db.schema.createIndex("agenda_items_encounter_start").on("agenda_items").columns(["encounter_id", "starts_at"]).execute();

  await db.schema
    .createTable("agenda_notifications")
    .$call((t) => withId(db, t))
    .addColumn("encounter_id", "integer", (c) => c.notNull().references("encounters.id").onDelete("cascade"))
    .addColumn("organizer_id", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("recipients", "integer", (c) => c.notNull().check(sql`recipients >= 0`))
    .addColumn("changes", "integer", (c) => c.notNull().check(sql`changes >= 0`))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .execute();

  await db.schema
    .createTable("agenda_changes")
    .$call((t) => withId(db, t))
    .addColumn("encounter_id", "integer", (c) => c.notNull().references("encounters.id").onDelete("cascade"))
    // No foreign key: a removed item's changes outlive it (that is the point).
    .addColumn("agenda_item_id", "integer", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull().check(sql`action in ('created', 'updated', 'removed')`))
    // The item before this change (null when it was created by it).
    .addColumn("before", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn("notification_id", "integer", (c) => c.references("agenda_notifications.id").onDelete("set null"))
    .addColumn("notified_at", "text")
    .execute();
  await db.schema.createIndex("agenda_changes_pending").on("agenda_changes").columns(["encounter_id", "notified_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("agenda_changes").execute();
  await db.schema.dropTable("agenda_notifications").execute();
  await db.schema.dropIndex("agenda_items_encounter_start").ifExists().execute();
  await db.schema.alterTable("agenda_items").dropColumn("updated_at").execute();
  await db.schema.alterTable("agenda_items").dropColumn("sequence").execute();
}
