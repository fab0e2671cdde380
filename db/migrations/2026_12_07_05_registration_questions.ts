import { sql, type Kysely } from "kysely";
import { nowText, withId } from "./portable";

// Frozen once landed. Each encounter asks its own registration questions (issue 16, item 4).
//
// - registration_questions: one question of one encounter. `kind` is one of short_text,
//   long_text, one_choice, many_choices, yes_no, number, date; `options` is the JSON list of a
//   choice question's options, each {code, es, en}: the code is stable (answers store it), the
//   labels can be reworded. `position` orders the form; a hidden question is no longer asked but
//   keeps its answers. `standard_code` names a question of the standard disaggregation set
//   (sex, gender identity, age range, ethnic self-recognition, disability, nationality,
//   migratory status): their answers are sensitive data under Ley 1581. At most one of each per
//   encounter (NULLs are distinct in a unique index on both engines).
// - registration_answers: one answer of one registration to one question, the value as text
//   (a code, a JSON list of codes, "yes"/"no", a number, a date, or the words typed). A question
//   with answers is never deleted (the command refuses, the foreign key too), so a question set
//   that changes after people answered keeps their answers.
// - registrations.sensitive_consent_at: when the person gave the separate, explicit consent to
//   keep their answers to the disaggregation set; without it none is stored.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("registration_questions")
    .$call((t) => withId(db, t))
    .addColumn("encounter_id", "integer", (c) => c.notNull().references("encounters.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("required", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("wording_es", "text", (c) => c.notNull())
    .addColumn("wording_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("help_es", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("help_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("options", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("hidden", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("standard_code", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addCheckConstraint(
      "registration_questions_kind",
      sql`kind in ('short_text', 'long_text', 'one_choice', 'many_choices', 'yes_no', 'number', 'date')`,
    )
    .execute();
  await db.schema.createIndex("registration_questions_encounter").on("registration_questions").columns(["encounter_id", "position"]).execute();
  await db.schema
    .createIndex("registration_questions_standard")
    .on("registration_questions")
    .columns(["encounter_id", "standard_code"])
    .unique()
    .execute();

  await db.schema
    .createTable("registration_answers")
    .$call((t) => withId(db, t))
    .addColumn("registration_id", "integer", (c) => c.notNull().references("registrations.id").onDelete("cascade"))
    // No cascade: a question that has answers cannot be deleted.
    .addColumn("question_id", "integer", (c) => c.notNull().references("registration_questions.id"))
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .execute();
  await db.schema.createIndex("registration_answers_pair").on("registration_answers").columns(["registration_id", "question_id"]).unique().execute();
  await db.schema.createIndex("registration_answers_question").on("registration_answers").column("question_id").execute();

  await db.schema.alterTable("registrations").addColumn("sensitive_consent_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("registrations").dropColumn("sensitive_consent_at").execute();
  await db.schema.dropTable("registration_answers").execute();
  await db.schema.dropTable("registration_questions").execute();
}
