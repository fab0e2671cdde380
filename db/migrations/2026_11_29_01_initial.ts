import { sql, type ColumnDefinitionBuilder, type Kysely } from "kysely";
import { floatType, nowText, withId } from "./portable";

// Frozen once landed: change the schema with a new migration, never by editing this one.
// The enumerations are spelled out here (not imported) so that later edits to the app
// cannot silently change what this migration did.

function oneOf(column: string, values: readonly string[]) {
  const list = sql.join(values.map((v) => sql.lit(v)));
  return sql`${sql.ref(column)} in (${list})`;
}

export async function up(db: Kysely<any>): Promise<void> {
  const createdAt = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(nowText(db));
  await withId(db, db.schema.createTable("cities"))
    .addColumn("dane", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("department", "text", (c) => c.notNull())
    .addColumn("lat", floatType(db), (c) => c.notNull())
    .addColumn("lon", floatType(db), (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable("organizers"))
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().check(oneOf("role", ["admin", "organizer"])))
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", createdAt)
    .addColumn("disabled_at", "text")
    .execute();

  await withId(db, db.schema.createTable("participants"))
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("full_name", "text", (c) => c.notNull())
    .addColumn("city_id", "integer", (c) => c.notNull().references("cities.id"))
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("position", "text", (c) => c.notNull())
    .addColumn("phone", "text")
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("es").check(oneOf("locale", ["es", "en"])))
    .addColumn("created_at", "text", createdAt)
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("participants_city").on("participants").column("city_id").execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organizer_id", "integer", (c) => c.references("organizers.id").onDelete("cascade"))
    .addColumn("participant_id", "integer", (c) => c.references("participants.id").onDelete("cascade"))
    .addColumn("created_at", "text", createdAt)
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addCheckConstraint("sessions_one_subject", sql`(organizer_id is null) <> (participant_id is null)`)
    .execute();

  await withId(db, db.schema.createTable("login_tokens"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("redirect_to", "text")
    .addColumn("created_at", "text", createdAt)
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();

  await db.schema
    .createTable("rate_limits")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("window_started_at", "text", (c) => c.notNull())
    .addColumn("hits", "integer", (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable("encounters"))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("venue", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("address", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("host_city_id", "integer", (c) => c.references("cities.id"))
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("timezone", "text", (c) => c.notNull().defaultTo("America/Bogota"))
    .addColumn("capacity", "integer", (c) => c.notNull().check(sql`capacity > 0`))
    .addColumn("city_quota", "integer", (c) => c.notNull().check(sql`city_quota > 0`))
    .addColumn("registration_opens_at", "text")
    .addColumn("registration_closes_at", "text")
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("draft").check(oneOf("status", ["draft", "published", "closed"])),
    )
    .addColumn("contact_email", "text")
    .addColumn("confirmed_count", "integer", (c) =>
      c.notNull().defaultTo(0).check(sql`confirmed_count >= 0 and confirmed_count <= capacity`),
    )
    .addColumn("commitments_public", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", createdAt)
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint("encounters_dates", sql`ends_at >= starts_at`)
    .execute();
  await db.schema.createIndex("encounters_status_start").on("encounters").columns(["status", "starts_at"]).execute();

  await db.schema
    .createTable("encounter_city_places")
    .addColumn("encounter_id", "integer", (c) => c.notNull().references("encounters.id").onDelete("cascade"))
    .addColumn("city_id", "integer", (c) => c.notNull().references("cities.id"))
    .addColumn("confirmed_count", "integer", (c) => c.notNull().defaultTo(0).check(sql`confirmed_count >= 0`))
    .addPrimaryKeyConstraint("encounter_city_places_pk", ["encounter_id", "city_id"])
    .execute();

  await withId(db, db.schema.createTable("agenda_items"))
    .addColumn("encounter_id", "integer", (c) => c.notNull().references("encounters.id").onDelete("cascade"))
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("kind", "text", (c) =>
      c.notNull().check(oneOf("kind", ["plenary", "panel", "workshop", "working_table", "break"])),
    )
    .addColumn("room", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", createdAt)
    .execute();
  await db.schema.createIndex("agenda_items_encounter").on("agenda_items").columns(["encounter_id", "position"]).execute();

  await withId(db, db.schema.createTable("speakers"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("organization", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", createdAt)
    .execute();

  await db.schema
    .createTable("agenda_item_speakers")
    .addColumn("agenda_item_id", "integer", (c) => c.notNull().references("agenda_items.id").onDelete("cascade"))
    .addColumn("speaker_id", "integer", (c) => c.notNull().references("speakers.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull().check(oneOf("role", ["speaker", "moderator"])))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("agenda_item_speakers_pk", ["agenda_item_id", "speaker_id"])
    .execute();

  await withId(db, db.schema.createTable("registrations"))
    .addColumn("encounter_id", "integer", (c) => c.notNull().references("encounters.id").onDelete("cascade"))
    .addColumn("participant_id", "integer", (c) => c.notNull().references("participants.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull().check(oneOf("status", ["confirmed", "waitlisted", "cancelled"])))
    .addColumn("waitlist_position", "integer")
    .addColumn("consent_at", "text", (c) => c.notNull())
    .addColumn("needs", "text")
    .addColumn("checked_in_at", "text")
    .addColumn("manage_token_hash", "text", (c) => c.notNull().unique())
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("es").check(oneOf("locale", ["es", "en"])))
    .addColumn("created_at", "text", createdAt)
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("cancelled_at", "text")
    .addUniqueConstraint("registrations_one_per_person", ["encounter_id", "participant_id"])
    .addCheckConstraint(
      "registrations_waitlist_position",
      sql`(status = 'waitlisted') = (waitlist_position is not null)`,
    )
    .execute();
  await db.schema.createIndex("registrations_encounter_status").on("registrations").columns(["encounter_id", "status"]).execute();

  await withId(db, db.schema.createTable("materials"))
    .addColumn("encounter_id", "integer", (c) => c.references("encounters.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("language", "text", (c) => c.notNull().defaultTo("es"))
    .addColumn("visibility", "text", (c) =>
      c.notNull().check(oneOf("visibility", ["public", "registered", "attendees"])),
    )
    .addColumn("current_version_id", "integer")
    .addColumn("created_by", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("created_at", "text", createdAt)
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable("material_versions"))
    .addColumn("material_id", "integer", (c) => c.notNull().references("materials.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull().check(sql`version > 0`))
    .addColumn("file_key", "text", (c) => c.notNull().unique())
    .addColumn("original_name", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull().check(sql`size >= 0`))
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("created_at", "text", createdAt)
    .addUniqueConstraint("material_versions_number", ["material_id", "version"])
    .execute();

  await withId(db, db.schema.createTable("downloads"))
    .addColumn("material_version_id", "integer", (c) =>
      c.notNull().references("material_versions.id").onDelete("cascade"),
    )
    .addColumn("participant_id", "integer", (c) => c.references("participants.id").onDelete("set null"))
    .addColumn("organizer_id", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("created_at", "text", createdAt)
    .execute();
  await db.schema.createIndex("downloads_version").on("downloads").column("material_version_id").execute();

  await withId(db, db.schema.createTable("commitments"))
    .addColumn("encounter_id", "integer", (c) => c.notNull().references("encounters.id").onDelete("cascade"))
    .addColumn("city_id", "integer", (c) => c.notNull().references("cities.id"))
    .addColumn("agenda_item_id", "integer", (c) => c.references("agenda_items.id").onDelete("set null"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("instrument", "text", (c) => c.notNull().check(oneOf("instrument", ["PDT", "PISCC", "other"])))
    .addColumn("theme", "text", (c) =>
      c.notNull().check(oneOf("theme", ["trafficking", "smuggling", "both", "other"])),
    )
    .addColumn("responsible_name", "text", (c) => c.notNull())
    .addColumn("responsible_position", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("responsible_email", "text", (c) => c.notNull())
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("indicator", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("target", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("proposed").check(oneOf("status", ["proposed", "in_progress", "done", "at_risk", "dropped"])),
    )
    .addColumn("progress", "integer", (c) => c.notNull().defaultTo(0).check(sql`progress between 0 and 100`))
    .addColumn("validated_at", "text")
    .addColumn("reminders_stopped_at", "text")
    .addColumn("created_by_participant_id", "integer", (c) => c.references("participants.id").onDelete("set null"))
    .addColumn("created_by_organizer_id", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("created_at", "text", createdAt)
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("commitments_encounter_city").on("commitments").columns(["encounter_id", "city_id"]).execute();
  await db.schema.createIndex("commitments_due").on("commitments").columns(["status", "due_date"]).execute();

  await withId(db, db.schema.createTable("commitment_updates"))
    .addColumn("commitment_id", "integer", (c) => c.notNull().references("commitments.id").onDelete("cascade"))
    .addColumn("author_kind", "text", (c) =>
      c.notNull().check(oneOf("author_kind", ["participant", "organizer", "responsible"])),
    )
    .addColumn("author_name", "text", (c) => c.notNull())
    .addColumn("status_from", "text")
    .addColumn("status_to", "text", (c) => c.notNull())
    .addColumn("progress_from", "integer")
    .addColumn("progress_to", "integer", (c) => c.notNull().check(sql`progress_to between 0 and 100`))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("evidence_key", "text")
    .addColumn("evidence_name", "text")
    .addColumn("evidence_url", "text")
    .addColumn("created_at", "text", createdAt)
    .execute();
  await db.schema.createIndex("commitment_updates_commitment").on("commitment_updates").column("commitment_id").execute();

  await withId(db, db.schema.createTable("email_outbox"))
    .addColumn("idempotency_key", "text", (c) => c.notNull().unique())
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("template", "text", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("es").check(oneOf("locale", ["es", "en"])))
    .addColumn("data", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("pending").check(oneOf("status", ["pending", "sending", "sent", "failed"])),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("claimed_at", "text")
    .addColumn("claimed_by", "text")
    .addColumn("last_error", "text")
    .addColumn("subject", "text")
    .addColumn("message_id", "text")
    .addColumn("created_at", "text", createdAt)
    .addColumn("sent_at", "text")
    .execute();
  await db.schema.createIndex("email_outbox_due").on("email_outbox").columns(["status", "next_attempt_at"]).execute();

  await withId(db, db.schema.createTable("audit_log"))
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text")
    .addColumn("data", "text")
    .addColumn("created_at", "text", createdAt)
    .execute();
  await db.schema.createIndex("audit_log_entity").on("audit_log").columns(["entity", "entity_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "audit_log",
    "email_outbox",
    "commitment_updates",
    "commitments",
    "downloads",
    "material_versions",
    "materials",
    "registrations",
    "agenda_item_speakers",
    "speakers",
    "agenda_items",
    "encounter_city_places",
    "encounters",
    "rate_limits",
    "login_tokens",
    "sessions",
    "participants",
    "organizers",
    "cities",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
