import { sql, type Kysely } from "kysely";

// Frozen once landed. Personal data kept no longer and no wider than needed (Ley 1581):
// - rate_limits: keys become keyed hashes (app/utils/rate-limit.server.ts) instead of email
//   and client addresses in clear; each row says when it may be purged (`expires_at`), and
//   `last_hit_at` is when its last try was counted (the sign-in slow-down waits from it). The
//   old rows are counters of at most an hour, keyed in clear: dropped rather than converted.
// - commitment_updates.author_participant_id: which person wrote an update (the name alone
//   could not find the updates a person wrote on other commitments of their city, so neither
//   the deletion nor the data copy covered them). Older rows get it where exactly one person
//   of the commitment's city has the name written on the update.

export async function up(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("rate_limits").execute();
  await db.schema.alterTable("rate_limits").addColumn("expires_at", "text").execute();
  await db.schema.alterTable("rate_limits").addColumn("last_hit_at", "text").execute();
  await db.schema.createIndex("rate_limits_expires").on("rate_limits").column("expires_at").execute();

  // No foreign key: participants are never deleted (deletion anonymizes the row), and SQLite
  // cannot drop a column that is one, which `down` must.
  await db.schema.alterTable("commitment_updates").addColumn("author_participant_id", "integer").execute();
  const sameName = sql`from participants p join commitments c on c.city_id = p.city_id
    where c.id = commitment_updates.commitment_id and p.full_name = commitment_updates.author_name`;
  await sql`update commitment_updates
    set author_participant_id = (select min(p.id) ${sameName})
    where author_kind = 'participant' and (select count(*) ${sameName}) = 1`.execute(db);
  await db.schema.createIndex("commitment_updates_author").on("commitment_updates").column("author_participant_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("commitment_updates_author").execute();
  await db.schema.alterTable("commitment_updates").dropColumn("author_participant_id").execute();
  await db.schema.dropIndex("rate_limits_expires").execute();
  await db.schema.alterTable("rate_limits").dropColumn("last_hit_at").execute();
  await db.schema.alterTable("rate_limits").dropColumn("expires_at").execute();
}
