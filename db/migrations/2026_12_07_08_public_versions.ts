import type { Kysely } from "kysely";

// Frozen once landed. The version of what anonymous visitors read (app/server/public-cache.server.ts):
// every instance keeps rendered public pages in memory under the version it read here, and the
// commands that change those pages raise it in their own transaction (publicPagesChanged), so
// a change made through one instance is seen on the next request to any other.
//
// One row per scope (today one: "public", every public page); no row yet reads as version 0.
// No row is written here: a freshly migrated database stays empty, as db/copy.ts requires of
// its target. `changed_at` is part of what a cached page is kept under, so a database restored
// from a backup (its counter back at an older number) never meets a page kept before.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("public_versions")
    .addColumn("scope", "text", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("changed_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("public_versions").execute();
}
