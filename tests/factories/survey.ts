import type { Insertable } from "kysely";
import type { DB } from "~db/client";
import type { Survey, SurveyQuestionRow, SurveyQuestionsTable, SurveysTable } from "~db/schema";
import { makeEncounter } from "./encounter";
import { sequence } from "./sequence";

export type SurveyOverrides = Partial<Insertable<SurveysTable>>;

/** A survey, linked and open now (since yesterday, for a week) unless told, of a new encounter unless `encounter_id` is given. */
export async function makeSurvey(db: DB, overrides: SurveyOverrides = {}): Promise<Survey> {
  const n = sequence();
  const encounterId = overrides.encounter_id ?? (await makeEncounter(db)).id;
  const now = Date.now();
  return db
    .insertInto("surveys")
    .values({
      title_es: `Encuesta de prueba ${n}`,
      mode: "linked",
      opens_at: new Date(now - 86_400_000).toISOString(),
      closes_at: new Date(now + 7 * 86_400_000).toISOString(),
      ...overrides,
      encounter_id: encounterId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type SurveyQuestionOverrides = Partial<Insertable<SurveyQuestionsTable>>;

/** A question of a survey (a new one unless given), a 1-5 scale unless told, at the end of it. */
export async function makeSurveyQuestion(db: DB, overrides: SurveyQuestionOverrides = {}): Promise<SurveyQuestionRow> {
  const n = sequence();
  const surveyId = overrides.survey_id ?? (await makeSurvey(db)).id;
  const last = await db
    .selectFrom("survey_questions")
    .select((eb) => eb.fn.max("position").as("p"))
    .where("survey_id", "=", surveyId)
    .executeTakeFirst();
  return db
    .insertInto("survey_questions")
    .values({ kind: "scale", wording_es: `Pregunta de encuesta ${n}`, position: Number(last?.p ?? 0) + 1, ...overrides, survey_id: surveyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A response to a survey (a registration's when `registration_id` is given, else a browser's) with these answers. */
export async function makeSurveyResponse(
  db: DB,
  overrides: { survey_id: number; registration_id?: number | null },
  answers: Array<{ question_id: number; value: string; agenda_item_id?: number | null }> = [],
): Promise<{ id: number }> {
  const response = await db
    .insertInto("survey_responses")
    .values({
      survey_id: overrides.survey_id,
      registration_id: overrides.registration_id ?? null,
      browser_key: overrides.registration_id ? null : `navegador-${sequence()}`,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (answers.length)
    await db
      .insertInto("survey_answers")
      .values(answers.map((a) => ({ response_id: response.id, question_id: a.question_id, agenda_item_id: a.agenda_item_id ?? null, value: a.value })))
      .execute();
  return response;
}
