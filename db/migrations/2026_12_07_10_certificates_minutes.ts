import type { Kysely } from "kysely";
import { nowText, withId } from "./portable";

// Certificates an institution signs, and the minutes (issue 18, sections 4 and 6).
//
// - certificate_settings: an encounter's certificate text (Spanish, English) and whether it
//   states the hours attended; an encounter without a row issues the standard certificate.
// - certificate_logos: the organizing institutions' logos (PNG or JPEG, checked by their first
//   bytes and their header; at most 4), in order, stored under random keys like any upload.
// - certificate_signatories: up to three people who sign, in order, with their position and an
//   optional signature image (without one the certificate draws a line and the name).
// - encounter_minutes: the record of what was said and agreed (Markdown), its publication
//   (published_at, null while hidden) and notified_at, set once when the registrants were told:
//   publishing again after hiding mails nobody twice.
// - session_minutes: the record of one agenda item, when organizers write it per session.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("certificate_settings")
    .addColumn("encounter_id", "integer", (c) => c.primaryKey().references("encounters.id").onDelete("cascade"))
    .addColumn("text_es", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("text_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("show_hours", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn("updated_by", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .execute();

  await db.schema
    .createTable("certificate_logos")
    .$call((t) => withId(db, t))
    .addColumn("encounter_id", "integer", (c) => c.notNull().references("encounters.id").onDelete("cascade"))
    .addColumn("institution", "text", (c) => c.notNull())
    .addColumn("file_key", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("width", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn("created_by", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("certificate_logos_encounter").on("certificate_logos").columns(["encounter_id", "position"]).execute();

  await db.schema
    .createTable("certificate_signatories")
    .$call((t) => withId(db, t))
    .addColumn("encounter_id", "integer", (c) => c.notNull().references("encounters.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("signature_key", "text")
    .addColumn("signature_type", "text")
    .addColumn("signature_width", "integer")
    .addColumn("signature_height", "integer")
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .execute();
  await db.schema.createIndex("certificate_signatories_encounter").on("certificate_signatories").columns(["encounter_id", "position"]).execute();

  await db.schema
    .createTable("encounter_minutes")
    .addColumn("encounter_id", "integer", (c) => c.primaryKey().references("encounters.id").onDelete("cascade"))
    .addColumn("body", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("published_at", "text")
    .addColumn("published_by", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("notified_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn("updated_by", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .execute();

  await db.schema
    .createTable("session_minutes")
    .$call((t) => withId(db, t))
    .addColumn("encounter_id", "integer", (c) => c.notNull().references("encounters.id").onDelete("cascade"))
    .addColumn("agenda_item_id", "integer", (c) => c.notNull().unique().references("agenda_items.id").onDelete("cascade"))
    .addColumn("body", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn("updated_by", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("session_minutes_encounter").on("session_minutes").column("encounter_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["session_minutes", "encounter_minutes", "certificate_signatories", "certificate_logos", "certificate_settings"]) {
    await db.schema.dropTable(table).execute();
  }
}
