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
    // 'organizer' | 'check_in_undone' | 'person_deleted' | 'city_changed': a check-in never
    // re-verifies someone an organizer withdrew.
    .addColumn("withdrawn_reason", "text")
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

  await db.schema.alterTable("commitments").addColumn("responsible_pending_at", "text").execute();
  // Who stopped the reminders ('organizer' | 'participant' | 'responsible'): an organizer's
  // stop is theirs to undo, not the official's.
  await db.schema.alterTable("commitments").addColumn("reminders_stopped_by", "text").execute();
  await holdResponsiblesOfUnverifiedParticipants(db);

  // City-wide calendar keys handed out before authority came from the roster may be in the
  // hands of people who never were verified: every one of them stops working. Organizers copy
  // the new keys from the focal points page.
  await sql`update cities set calendar_feed_version = calendar_feed_version + 1`.execute(db);

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

/**
 * Responsibles named so far were mailed already, but those a participant named were never
 * vouched for: when the last one to set a commitment's responsible address was a participant
 * who speaks for no city now (no backfilled roster row for the commitment's city), the address
 * waits for an organizer, as one named from now on would. The history says who set it: the
 * "created" entry (the creator is on the commitment) or an "edited" entry naming
 * responsibleEmail (the participant is the actor of the matching audit entry). When the
 * participant cannot be told, the address waits too: the safe side, an organizer confirms in
 * one click.
 */
async function holdResponsiblesOfUnverifiedParticipants(db: Kysely<any>): Promise<void> {
  const entries: Array<{ commitment_id: number; id: number; kind: string; author_kind: string }> = await db
    .selectFrom("commitment_updates")
    .select(["commitment_id", "id", "kind", "author_kind"])
    .where((eb) => eb.or([eb("kind", "=", "created"), eb.and([eb("kind", "=", "edited"), eb("note", "like", "%responsibleEmail%")])]))
    .orderBy("commitment_id")
    .orderBy("id")
    .execute();
  const lastSetter = new Map<number, (typeof entries)[number]>();
  for (const entry of entries) lastSetter.set(entry.commitment_id, entry);
  const at = new Date().toISOString();
  for (const [commitmentId, entry] of lastSetter) {
    if (entry.author_kind !== "participant") continue;
    const commitment = await db.selectFrom("commitments").select(["city_id", "created_by_participant_id"]).where("id", "=", commitmentId).executeTakeFirst();
    if (!commitment) continue;
    let participantId: number | null = null;
    if (entry.kind === "created") participantId = commitment.created_by_participant_id;
    else {
      // Each edit writes its audit entry (naming the changed fields) in the history entry's
      // transaction, so the last edit of the address in one is the last in the other.
      const audit = await db
        .selectFrom("audit_log")
        .select("actor")
        .where("action", "=", "commitment.edit")
        .where("entity", "=", "commitment")
        .where("entity_id", "=", String(commitmentId))
        .where("data", "like", '%"responsibleEmail"%')
        .orderBy("id", "desc")
        .executeTakeFirst();
      const match = /^participant:(\d+)$/.exec(String(audit?.actor ?? ""));
      participantId = match ? Number(match[1]) : null;
    }
    const vouched =
      participantId !== null &&
      (await db.selectFrom("city_roster").select("id").where("participant_id", "=", participantId).where("city_id", "=", commitment.city_id).where("withdrawn_at", "is", null).executeTakeFirst()) !== undefined;
    if (!vouched) await db.updateTable("commitments").set({ responsible_pending_at: at }).where("id", "=", commitmentId).where("reminders_stopped_at", "is", null).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("official_mails").execute();
  await db.schema.alterTable("commitments").dropColumn("reminders_stopped_by").execute();
  await db.schema.alterTable("commitments").dropColumn("responsible_pending_at").execute();
  await db.schema.dropTable("city_roster").execute();
}
