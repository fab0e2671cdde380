import { sql, type Kysely } from "kysely";
import { nowText, withId } from "./portable";

// Attendance certificates: one per registration, with a public verification code.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("certificates")
    .$call((t) => withId(db, t))
    .addColumn("registration_id", "integer", (c) => c.notNull().unique().references("registrations.id").onDelete("cascade"))
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("issued_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("certificates").execute();
}
