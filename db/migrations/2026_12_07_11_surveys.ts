import { sql, type Kysely } from "kysely";
import { nowText, withId } from "./portable";

// Frozen once landed. Surveys after an encounter (issue 18, section 1).
//
// - surveys: one survey of one encounter, open from opens_at until closes_at (UTC instants; the
//   forms speak the encounter's zone). `mode` is 'linked' (answered once per registration, from
//   a personal link or a signed-in session) or 'anonymous' (no link to anyone: one answer per
//   browser, kept by a cookie, and a per-client rate limit). `mail_after_end`: invite the people
//   who came `mail_delay_hours` after the encounter ends (once: invited_at is the marker, set by
//   a conditional update), and remind those who did not answer `reminder_days` later (linked
//   surveys only; 0 = no reminder; reminded_at is its marker).
// - survey_questions: the registration questions' shape (app/features/questions/), owned by a
//   survey, with one more kind, 'scale' (1 to 5), and `per_session`: a scale asked once for each
//   session of the agenda (the evaluation matrix).
// - survey_responses: one person's (registration_id) or one browser's (browser_key, a keyed
//   hash of the cookie's random value) answer to a survey; unique per survey for each.
// - survey_answers: one value per question (and per session for a matrix), the value as text,
//   like registration_answers. Deleted with the response; a question with answers is never
//   deleted (the command refuses, the foreign key too).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("surveys")
    .$call((t) => withId(db, t))
    .addColumn("encounter_id", "integer", (c) => c.notNull().references("encounters.id").onDelete("cascade"))
    .addColumn("title_es", "text", (c) => c.notNull())
    .addColumn("title_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("intro_es", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("intro_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("opens_at", "text", (c) => c.notNull())
    .addColumn("closes_at", "text", (c) => c.notNull())
    .addColumn("mail_after_end", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("mail_delay_hours", "integer", (c) => c.notNull().defaultTo(2))
    .addColumn("reminder_days", "integer", (c) => c.notNull().defaultTo(3))
    .addColumn("invited_at", "text")
    .addColumn("reminded_at", "text")
    .addColumn("created_by", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addCheckConstraint("surveys_mode", sql`mode in ('linked', 'anonymous')`)
    .execute();
  await db.schema.createIndex("surveys_encounter").on("surveys").columns(["encounter_id", "opens_at"]).execute();

  await db.schema
    .createTable("survey_questions")
    .$call((t) => withId(db, t))
    .addColumn("survey_id", "integer", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("required", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("wording_es", "text", (c) => c.notNull())
    .addColumn("wording_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("help_es", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("help_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("options", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("hidden", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("per_session", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addCheckConstraint(
      "survey_questions_kind",
      sql`kind in ('short_text', 'long_text', 'one_choice', 'many_choices', 'yes_no', 'number', 'date', 'scale')`,
    )
    .execute();
  await db.schema.createIndex("survey_questions_survey").on("survey_questions").columns(["survey_id", "position"]).execute();

  await db.schema
    .createTable("survey_responses")
    .$call((t) => withId(db, t))
    .addColumn("survey_id", "integer", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("registration_id", "integer", (c) => c.references("registrations.id").onDelete("cascade"))
    .addColumn("browser_key", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .execute();
  await db.schema.createIndex("survey_responses_person").on("survey_responses").columns(["survey_id", "registration_id"]).unique().execute();
  await db.schema.createIndex("survey_responses_browser").on("survey_responses").columns(["survey_id", "browser_key"]).unique().execute();
  await db.schema.createIndex("survey_responses_registration").on("survey_responses").column("registration_id").execute();

  await db.schema
    .createTable("survey_answers")
    .$call((t) => withId(db, t))
    .addColumn("response_id", "integer", (c) => c.notNull().references("survey_responses.id").onDelete("cascade"))
    // No cascade: a question that has answers cannot be deleted.
    .addColumn("question_id", "integer", (c) => c.notNull().references("survey_questions.id"))
    .addColumn("agenda_item_id", "integer", (c) => c.references("agenda_items.id").onDelete("cascade"))
    .addColumn("value", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("survey_answers_response").on("survey_answers").column("response_id").execute();
  await db.schema.createIndex("survey_answers_question").on("survey_answers").column("question_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("survey_answers").execute();
  await db.schema.dropTable("survey_responses").execute();
  await db.schema.dropTable("survey_questions").execute();
  await db.schema.dropTable("surveys").execute();
}
