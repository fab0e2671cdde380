import type { Kysely } from "kysely";
import { nowText, withId } from "./portable";

// Messages to the people who come (issue 16, section 5).
//
// - messages: what an organizer writes to an encounter's registrants, and the automatic
//   reminders before it (kind "reminder", one row per encounter and number of days: the unique
//   index on (encounter_id, reminder_days) is the reminder's once-only marker; a message has
//   reminder_days null, and nulls never collide). `segment` is JSON (app/features/messages/rules.ts).
//   A scheduler claims a due row with a conditional update (status scheduled -> sending,
//   claimed_by), queues the mail, then marks it sent; one found "sending" long after its claim
//   belonged to a process that died and is claimed again (the outbox keys keep it once).
// - message_deliveries: who a message was queued for, with the outbox key of their mail
//   (`message:<id>:registration:<id>`): each person gets it once, and their page lists it.
// - encounter_reminder_settings: an encounter's reminder plan; none means the defaults (7 and
//   1 days before, 08:00 in the encounter's zone, nothing to bring).
// - participants.messages_stopped_at: since when the person wants no more messages or
//   reminders (the link in every mail); confirmations, cancellations and agenda changes still go.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("messages")
    .$call((t) => withId(db, t))
    .addColumn("encounter_id", "integer", (c) => c.notNull().references("encounters.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("message"))
    .addColumn("reminder_days", "integer")
    .addColumn("subject", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("body", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("segment", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    .addColumn("send_at", "text")
    .addColumn("created_by", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn("claimed_by", "text")
    .addColumn("claimed_at", "text")
    .addColumn("sent_at", "text")
    .addColumn("recipients", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("cancelled_at", "text")
    .addColumn("cancelled_by", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    // 'organizer' | 'no_recipients'
    .addColumn("cancel_reason", "text")
    .execute();
  await db.schema.createIndex("messages_due").on("messages").columns(["status", "send_at"]).execute();
  await db.schema.createIndex("messages_encounter").on("messages").columns(["encounter_id", "created_at"]).execute();
  await db.schema.createIndex("messages_reminder_once").on("messages").columns(["encounter_id", "reminder_days"]).unique().execute();

  await db.schema
    .createTable("message_deliveries")
    .$call((t) => withId(db, t))
    .addColumn("message_id", "integer", (c) => c.notNull().references("messages.id").onDelete("cascade"))
    .addColumn("registration_id", "integer", (c) => c.notNull().references("registrations.id").onDelete("cascade"))
    .addColumn("outbox_key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .execute();
  await db.schema.createIndex("message_deliveries_once").on("message_deliveries").columns(["message_id", "registration_id"]).unique().execute();
  await db.schema.createIndex("message_deliveries_registration").on("message_deliveries").column("registration_id").execute();

  await db.schema
    .createTable("encounter_reminder_settings")
    .addColumn("encounter_id", "integer", (c) => c.primaryKey().references("encounters.id").onDelete("cascade"))
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    // JSON array of whole days before the encounter's first day, largest first: "[7,1]".
    .addColumn("days_before", "text", (c) => c.notNull().defaultTo("[7,1]"))
    // Wall-clock "HH:MM" in the encounter's zone.
    .addColumn("send_time", "text", (c) => c.notNull().defaultTo("08:00"))
    .addColumn("what_to_bring", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn("updated_by", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .execute();

  await db.schema.alterTable("participants").addColumn("messages_stopped_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("participants").dropColumn("messages_stopped_at").execute();
  await db.schema.dropTable("encounter_reminder_settings").execute();
  await db.schema.dropTable("message_deliveries").execute();
  await db.schema.dropTable("messages").execute();
}
