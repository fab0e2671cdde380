import { sql, type Kysely } from "kysely";
import { dialectOf } from "../client";
import { nowText, withId } from "./portable";

// Cities invited to an encounter, and the delegations their focal points register.
//
// - invitations: one per encounter and city (a withdrawn one is invited again in the same row).
//   Addressed to the city's focal point (focal_point_id: a participant on the city roster with
//   role 'focal_point') or, for a city without one, to an address an organizer typed
//   (typed_email). The mailed link is signed over (id, link_version): raising the version
//   voids every link mailed before (withdrawal, a new addressee). status follows the city's
//   answer: sent → opened (the link was opened) → registered (a delegation of at least one
//   person) or declined (with decline_reason). last_reminded_at: the last reminder an
//   organizer sent (at most one a day); auto_reminded_at: the automatic one before
//   registration closes, written once by a conditional update whatever the schedulers.
// - registrations.invitation_id / registered_by_participant_id: the delegation a registration
//   belongs to and the focal point it was addressed to (null: the person themself, an organizer,
//   or a typed address). No foreign keys on added columns: SQLite cannot drop such a column,
//   which `down` must.
// - registrations.source gains 'delegation'. Its CHECK was written inline by migration
//   2026_11_29_04: PostgreSQL drops and adds it; SQLite (whose schema table cannot be edited
//   here) rebuilds the table from its own CREATE statement, rows, indexes and all.
// - encounters.invitation_reminder_days: how many days before registration closes the
//   automatic reminder goes (0: none).

const sources = ["form", "import", "walk_in", "organizer"];
const withDelegation = [...sources, "delegation"];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("invitations")
    .$call((t) => withId(db, t))
    .addColumn("encounter_id", "integer", (c) => c.notNull().references("encounters.id").onDelete("cascade"))
    .addColumn("city_id", "integer", (c) => c.notNull().references("cities.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("sent").check(sql`status in ('sent', 'opened', 'registered', 'declined')`))
    .addColumn("focal_point_id", "integer", (c) => c.references("participants.id").onDelete("set null"))
    .addColumn("typed_email", "text")
    .addColumn("link_version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addColumn("opened_at", "text")
    .addColumn("responded_at", "text")
    .addColumn("decline_reason", "text")
    .addColumn("last_reminded_at", "text")
    .addColumn("auto_reminded_at", "text")
    .addColumn("withdrawn_at", "text")
    .addColumn("invited_by_organizer_id", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("invitations_encounter_city", ["encounter_id", "city_id"])
    .execute();
  await db.schema.createIndex("invitations_focal_point").on("invitations").column("focal_point_id").execute();

  await db.schema.alterTable("registrations").addColumn("invitation_id", "integer").execute();
  await db.schema.alterTable("registrations").addColumn("registered_by_participant_id", "integer").execute();
  await db.schema.createIndex("registrations_invitation").on("registrations").columns(["invitation_id", "status"]).execute();

  await db.schema
    .alterTable("encounters")
    .addColumn("invitation_reminder_days", "integer", (c) => c.notNull().defaultTo(3).check(sql`invitation_reminder_days between 0 and 60`))
    .execute();

  await replaceSourceCheck(db, withDelegation);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.updateTable("registrations").set({ source: "organizer" }).where("source", "=", "delegation").execute();
  await replaceSourceCheck(db, sources);
  await db.schema.alterTable("encounters").dropColumn("invitation_reminder_days").execute();
  await db.schema.dropIndex("registrations_invitation").execute();
  await db.schema.alterTable("registrations").dropColumn("registered_by_participant_id").execute();
  await db.schema.alterTable("registrations").dropColumn("invitation_id").execute();
  await db.schema.dropTable("invitations").execute();
}

const checkOf = (values: string[]) => `"source" in (${values.map((v) => `'${v}'`).join(", ")})`;

/** Makes registrations.source accept exactly `values`, on either engine, keeping every row. */
async function replaceSourceCheck(db: Kysely<any>, values: string[]): Promise<void> {
  if (dialectOf(db) === "postgres") {
    const found = await sql<{ name: string }>`
      select conname as name from pg_constraint
      where conrelid = 'registrations'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%source%'`.execute(db);
    for (const { name } of found.rows) await sql`alter table registrations drop constraint ${sql.id(name)}`.execute(db);
    await sql`alter table registrations add constraint registrations_source_check check (${sql.raw(checkOf(values))})`.execute(db);
    return;
  }
  // SQLite: the documented rebuild (https://www.sqlite.org/lang_altertable.html#otheralter),
  // outside any transaction of the migrator's (it keeps none on SQLite), with foreign keys off
  // so that dropping the old table touches none of the rows that point at it.
  const table = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'registrations'`.execute(db);
  const create = table.rows[0]?.sql ?? "";
  const check = /"source" in \([^)]*\)/;
  if (!check.test(create)) throw new Error("registrations: no CHECK on source to replace");
  const rebuilt = create.replace(check, checkOf(values)).replace(/^CREATE TABLE\s+"?registrations"?/i, 'CREATE TABLE "registrations_rebuilt"');
  const indexes = await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = 'registrations' and sql is not null`.execute(db);
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await sql`begin immediate`.execute(db);
    try {
      await sql.raw(rebuilt).execute(db);
      await sql`insert into registrations_rebuilt select * from registrations`.execute(db);
      await sql`drop table registrations`.execute(db);
      await sql`alter table registrations_rebuilt rename to registrations`.execute(db);
      for (const index of indexes.rows) await sql.raw(index.sql).execute(db);
      const broken = await sql`pragma foreign_key_check`.execute(db);
      if (broken.rows.length > 0) throw new Error(`registrations: ${broken.rows.length} foreign keys broken by the rebuild`);
      await sql`commit`.execute(db);
    } catch (error) {
      await sql`rollback`.execute(db).catch(() => undefined);
      throw error;
    }
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
