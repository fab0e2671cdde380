import { sql, type Kysely } from "kysely";
import { nowText, withId } from "./portable";

// A city's authority is granted, not typed. city_roster holds who speaks for which city: a row
// is written when an organizer verifies a person or staff check them in at an encounter, and
// is withdrawn (never deleted, so the history of who vouched for whom stays). A person has at
// most one active row. The city roster of the next issue (focal points, officials) grows here.
//
// Commitments recorded by an official may name a responsible address nobody has confirmed yet:
// responsible_pending_at holds since when (null: confirmed, as every commitment so far and any
// an organizer records), until an organizer confirms it; and official_mails keeps every mail an official's action caused, to cap them
// per day and let organizers hold, send or stop them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("city_roster")
    .$call((t) => withId(db, t))
    .addColumn("city_id", "integer", (c) => c.notNull().references("cities.id").onDelete("cascade"))
    .addColumn("participant_id", "integer", (c) => c.notNull().references("participants.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull().defaultTo("official"))
    .addColumn("verified_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn("verified_by_organizer_id", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("verified_via", "text", (c) => c.notNull())
    .addColumn("withdrawn_at", "text")
    .addColumn("withdrawn_by_organizer_id", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .execute();
  // One active row per person: a second verification at the same moment cannot slip in.
  await db.schema.createIndex("city_roster_active_person").on("city_roster").column("participant_id").unique().where(sql.ref("withdrawn_at"), "is", null).execute();
  await db.schema.createIndex("city_roster_city").on("city_roster").columns(["city_id", "withdrawn_at"]).execute();
  // People who were checked in before this rule existed were seen at the door by staff: they
  // keep speaking for the city they were registered for. Everyone else waits for an organizer.
  await sql`
    insert into city_roster (city_id, participant_id, role, verified_at, verified_via)
    select p.city_id, p.id, 'official',
      (select min(r.checked_in_at) from registrations r where r.participant_id = p.id and r.checked_in_at is not null),
      'check_in'
    from participants p
    where exists (select 1 from registrations r where r.participant_id = p.id and r.checked_in_at is not null)
  `.execute(db);

  // Every responsible named so far was mailed already: null, nothing to hold back.
  await db.schema.alterTable("commitments").addColumn("responsible_pending_at", "text").execute();

  await db.schema
    .createTable("official_mails")
    .$call((t) => withId(db, t))
    .addColumn("participant_id", "integer", (c) => c.notNull().references("participants.id").onDelete("cascade"))
    .addColumn("commitment_id", "integer", (c) => c.notNull().references("commitments.id").onDelete("cascade"))
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn("decided_at", "text")
    .addColumn("decided_by_organizer_id", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("official_mails_participant").on("official_mails").columns(["participant_id", "created_at"]).execute();
  await db.schema.createIndex("official_mails_status").on("official_mails").columns(["status", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("official_mails").execute();
  await db.schema.alterTable("commitments").dropColumn("responsible_pending_at").execute();
  await db.schema.dropTable("city_roster").execute();
}
