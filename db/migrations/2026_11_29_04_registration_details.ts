import { sql, type Kysely } from "kysely";
import { nowText, withId } from "./portable";

// Registration of local authorities: how a registration came in, the nonce its manage link is
// signed from (so the same link can be sent again), the code its check-in QR carries, who
// checked the person in, the waiting list's counter, and imports of invited officials kept
// between their preview and their run. Frozen once landed.

function oneOf(column: string, values: readonly string[]) {
  const list = sql.join(values.map((v) => sql.lit(v)));
  return sql`${sql.ref(column)} in (${list})`;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("registrations")
    .addColumn("source", "text", (c) => c.notNull().defaultTo("form").check(oneOf("source", ["form", "import", "walk_in", "organizer"])))
    .execute();
  await db.schema.alterTable("registrations").addColumn("manage_nonce", "text").execute();
  await db.schema.alterTable("registrations").addColumn("checkin_code", "text").execute();
  await db.schema
    .alterTable("registrations")
    .addColumn("checked_in_by", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("registrations_checkin_code").on("registrations").column("checkin_code").unique().execute();
  // Waiting-list order: one person per place in the line (NULLs, the non-waitlisted, are distinct).
  await db.schema
    .createIndex("registrations_waitlist_order")
    .on("registrations")
    .columns(["encounter_id", "waitlist_position"])
    .unique()
    .execute();

  // Handed out by a conditional UPDATE, so two registrations never get the same place in line
  // (on SQLite and on PostgreSQL alike, where the row lock serialises them).
  await db.schema
    .alterTable("encounters")
    .addColumn("waitlist_seq", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("registration_imports")
    .$call((t) => withId(db, t))
    .addColumn("encounter_id", "integer", (c) => c.notNull().references("encounters.id").onDelete("cascade"))
    .addColumn("organizer_id", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("file_name", "text", (c) => c.notNull())
    // JSON: the rows that passed the checks, in file order, ready to register.
    .addColumn("rows", "text", (c) => c.notNull())
    // JSON: the rows refused at preview, with their line number and reasons.
    .addColumn("refused", "text", (c) => c.notNull())
    .addColumn("total", "integer", (c) => c.notNull())
    .addColumn("processed", "integer", (c) => c.notNull().defaultTo(0))
    // JSON: counts of what each processed row became (confirmed, waitlisted, existing, failed).
    .addColumn("results", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("notify", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("preview").check(oneOf("status", ["preview", "running", "done"])))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn("finished_at", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("registration_imports").execute();
  await db.schema.alterTable("encounters").dropColumn("waitlist_seq").execute();
  await db.schema.dropIndex("registrations_waitlist_order").execute();
  await db.schema.dropIndex("registrations_checkin_code").execute();
  for (const column of ["checked_in_by", "checkin_code", "manage_nonce", "source"]) {
    await db.schema.alterTable("registrations").dropColumn(column).execute();
  }
}
