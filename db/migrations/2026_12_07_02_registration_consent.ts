import { type Kysely } from "kysely";
import { nowText, withId } from "./portable";

// Consent is the person's own (Ley 1581 de 2012): who entered a registration, and whether the
// person still has to give their own consent (registrations entered by an organizer: CSV import,
// walk-in). While `consent_pending` is 1, `consent_at` holds the time the registration was
// entered, not a consent. And the differences an anonymous registration of a known email asked
// for, waiting for the owner of the address to confirm them from a single-use mailed link.
// Frozen once landed.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("registrations")
    .addColumn("registered_by_organizer_id", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .execute();
  await db.schema
    .alterTable("registrations")
    .addColumn("consent_pending", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("profile_change_requests")
    .$call((t) => withId(db, t))
    .addColumn("participant_id", "integer", (c) => c.notNull().references("participants.id").onDelete("cascade"))
    .addColumn("registration_id", "integer", (c) => c.notNull().references("registrations.id").onDelete("cascade"))
    // JSON: the submitted values that differ from the stored profile (personal data).
    .addColumn("changes", "text", (c) => c.notNull())
    // Only the sha256 of the mailed token: a copy of the database yields no working link.
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("profile_change_requests_participant").on("profile_change_requests").column("participant_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("profile_change_requests").execute();
  await db.schema.alterTable("registrations").dropColumn("consent_pending").execute();
  await db.schema.alterTable("registrations").dropColumn("registered_by_organizer_id").execute();
}
