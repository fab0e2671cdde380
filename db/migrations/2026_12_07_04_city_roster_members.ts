import { sql, type Kysely } from "kysely";
import { nowText, withId } from "./portable";

// Frozen once landed. The city roster as the issue on cities as members describes it: per
// capital, its focal points (enlaces) and verified officials, kept across encounters, the one
// source of a city's authority.
// - city_roster.role is 'focal_point' or 'official' (the column exists since 2026_12_07_01); a
//   city may have several focal points. focal_point_since: since when the row holds that role.
// - entity and position as held on the roster (copied from the participant when a verification
//   comes from a registration, typed when an organizer or a focal point adds the person).
// - who vouched or withdrew when it was a focal point (a participant): verified_by_participant_id,
//   withdrawn_by_participant_id. No foreign keys: participants are never deleted (deletion
//   anonymizes the row), and SQLite cannot drop a column that is one, which `down` must.
// - city_email_domains: an address at one of these domains, proven by the email link it signs
//   in with, verifies its holder for the city. A domain belongs to one city.
// - cities.focal_point_name/email (migration 2026_11_29_05, the escalations' addressee) move to
//   the roster as focal points, and the columns go: the roster is their one source now.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("city_roster").addColumn("entity", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema.alterTable("city_roster").addColumn("position", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema.alterTable("city_roster").addColumn("focal_point_since", "text").execute();
  await db.schema.alterTable("city_roster").addColumn("verified_by_participant_id", "integer").execute();
  await db.schema.alterTable("city_roster").addColumn("withdrawn_by_participant_id", "integer").execute();
  await sql`update city_roster set
      entity = coalesce((select p.entity from participants p where p.id = city_roster.participant_id), ''),
      position = coalesce((select p.position from participants p where p.id = city_roster.participant_id), '')`.execute(db);
  await db.schema.createIndex("city_roster_role").on("city_roster").columns(["city_id", "role"]).execute();

  await db.schema
    .createTable("city_email_domains")
    .$call((t) => withId(db, t))
    .addColumn("city_id", "integer", (c) => c.notNull().references("cities.id").onDelete("cascade"))
    .addColumn("domain", "text", (c) => c.notNull().unique())
    .addColumn("added_by_organizer_id", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("added_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .execute();
  await db.schema.createIndex("city_email_domains_city").on("city_email_domains").column("city_id").execute();

  await moveFocalPointsToRoster(db);
  await db.schema.alterTable("cities").dropColumn("focal_point_email").execute();
  await db.schema.alterTable("cities").dropColumn("focal_point_name").execute();
}

/**
 * Each city's focal point typed by an organizer becomes a focal point on its roster: the person
 * (created when the address belongs to nobody yet) with a row verified by the organizers. A
 * person already verified for the city keeps their row and takes the role; one verified for
 * another city cannot speak for two, and stays as they are (the organizers name another).
 */
async function moveFocalPointsToRoster(db: Kysely<any>): Promise<void> {
  const at = new Date().toISOString();
  const cities: Array<{ id: number; focal_point_name: string | null; focal_point_email: string | null }> = await db
    .selectFrom("cities")
    .select(["id", "focal_point_name", "focal_point_email"])
    .where("focal_point_email", "is not", null)
    .execute();
  for (const city of cities) {
    const email = String(city.focal_point_email).trim().toLowerCase();
    if (!email) continue;
    let person: { id: number; entity: string; position: string } | undefined = await db
      .selectFrom("participants")
      .select(["id", "entity", "position"])
      .where("email", "=", email)
      .executeTakeFirst();
    if (!person) {
      person = await db
        .insertInto("participants")
        .values({ email, full_name: city.focal_point_name || email, city_id: city.id, entity: "", position: "", updated_at: at })
        .returning(["id", "entity", "position"])
        .executeTakeFirstOrThrow();
    }
    const active: { id: number; city_id: number } | undefined = await db
      .selectFrom("city_roster")
      .select(["id", "city_id"])
      .where("participant_id", "=", person!.id)
      .where("withdrawn_at", "is", null)
      .executeTakeFirst();
    if (active && active.city_id !== city.id) continue;
    if (active) {
      await db.updateTable("city_roster").set({ role: "focal_point", focal_point_since: at }).where("id", "=", active.id).execute();
      continue;
    }
    await db
      .insertInto("city_roster")
      .values({
        city_id: city.id,
        participant_id: person!.id,
        role: "focal_point",
        verified_at: at,
        verified_via: "organizer",
        entity: person!.entity,
        position: person!.position,
        focal_point_since: at,
      })
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("cities").addColumn("focal_point_name", "text").execute();
  await db.schema.alterTable("cities").addColumn("focal_point_email", "text").execute();
  // The first active focal point of each city goes back to the city's columns.
  await sql`update cities set
      focal_point_email = (select p.email from city_roster r join participants p on p.id = r.participant_id
        where r.city_id = cities.id and r.role = 'focal_point' and r.withdrawn_at is null order by r.id limit 1),
      focal_point_name = (select p.full_name from city_roster r join participants p on p.id = r.participant_id
        where r.city_id = cities.id and r.role = 'focal_point' and r.withdrawn_at is null order by r.id limit 1)`.execute(db);
  await db.schema.dropTable("city_email_domains").execute();
  await db.schema.dropIndex("city_roster_role").execute();
  for (const column of ["withdrawn_by_participant_id", "verified_by_participant_id", "focal_point_since", "position", "entity"]) {
    await db.schema.alterTable("city_roster").dropColumn(column).execute();
  }
}
