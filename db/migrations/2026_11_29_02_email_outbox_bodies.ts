import { sql, type Kysely } from "kysely";
import { nowText } from "./portable";

// Frozen once landed. The rendered message (HTML and text) as it was sent, kept apart from
// email_outbox so that the dispatcher's claim and sweep queries stay on slim rows. Organizers
// read it at /admin/correo; with no SMTP server (the embedded transport) it is the only copy.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("email_outbox_bodies")
    .addColumn("outbox_id", "integer", (c) => c.primaryKey().references("email_outbox.id").onDelete("cascade"))
    .addColumn("html", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("rendered_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("email_outbox_bodies").execute();
}
