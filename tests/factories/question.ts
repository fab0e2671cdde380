import type { Insertable } from "kysely";
import type { DB } from "~db/client";
import type { RegistrationAnswer, RegistrationAnswersTable, RegistrationQuestion, RegistrationQuestionsTable } from "~db/schema";
import type { QuestionOption } from "~/features/questions/kinds";
import { makeEncounter } from "./encounter";
import { makeRegistration } from "./registration";
import { sequence } from "./sequence";

export type QuestionOverrides = Partial<Omit<Insertable<RegistrationQuestionsTable>, "options">> & {
  /** The options of a choice question (two by default for one_choice and many_choices). */
  options?: QuestionOption[];
};

const twoOptions: QuestionOption[] = [
  { code: "a", es: "Opción A", en: "Option A" },
  { code: "b", es: "Opción B", en: "Option B" },
];

/**
 * A registration question, short text unless told, optional, at the end of its encounter's
 * form (a new encounter unless `encounter_id` is given).
 */
export async function makeQuestion(db: DB, overrides: QuestionOverrides = {}): Promise<RegistrationQuestion> {
  const n = sequence();
  const encounterId = overrides.encounter_id ?? (await makeEncounter(db)).id;
  const kind = overrides.kind ?? "short_text";
  const last = await db
    .selectFrom("registration_questions")
    .select((eb) => eb.fn.max("position").as("p"))
    .where("encounter_id", "=", encounterId)
    .executeTakeFirst();
  const options = overrides.options ?? (kind === "one_choice" || kind === "many_choices" ? twoOptions : []);
  return db
    .insertInto("registration_questions")
    .values({
      wording_es: `Pregunta de prueba ${n}`,
      wording_en: `Test question ${n}`,
      position: Number(last?.p ?? 0) + 1,
      ...overrides,
      kind,
      encounter_id: encounterId,
      options: JSON.stringify(options),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type AnswerOverrides = Partial<Insertable<RegistrationAnswersTable>>;

/** An answer to a question (a new one unless given) by a registration of its encounter (new unless given). */
export async function makeAnswer(db: DB, overrides: AnswerOverrides = {}): Promise<RegistrationAnswer> {
  const question = overrides.question_id
    ? await db.selectFrom("registration_questions").selectAll().where("id", "=", overrides.question_id).executeTakeFirstOrThrow()
    : await makeQuestion(db);
  const registrationId = overrides.registration_id ?? (await makeRegistration(db, { encounter_id: question.encounter_id })).id;
  return db
    .insertInto("registration_answers")
    .values({ value: "Respuesta de prueba", ...overrides, question_id: question.id, registration_id: registrationId })
    .returningAll()
    .executeTakeFirstOrThrow();
}
