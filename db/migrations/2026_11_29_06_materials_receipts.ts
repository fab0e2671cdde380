import { sql, type Kysely } from "kysely";

// Frozen once landed. Download receipts say how the file was reached ("page": signed in on the
// site; "link": a signed link from an email), and the receipt and materials pages look rows up
// by person and by encounter.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("downloads")
    .addColumn("via", "text", (c) => c.check(sql`via in ('page', 'link')`))
    .execute();
  await db.schema.createIndex("downloads_participant").on("downloads").column("participant_id").execute();
  await db.schema.createIndex("materials_encounter").on("materials").column("encounter_id").execute();
  await db.schema.createIndex("material_versions_material").on("material_versions").columns(["material_id", "version"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("material_versions_material").ifExists().execute();
  await db.schema.dropIndex("materials_encounter").ifExists().execute();
  await db.schema.dropIndex("downloads_participant").ifExists().execute();
  await db.schema.alterTable("downloads").dropColumn("via").execute();
}
