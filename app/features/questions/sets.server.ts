import type { Insertable } from "kysely";
import type { RegistrationQuestion, RegistrationQuestionsTable, SurveyQuestionRow } from "~db/schema";

// Whose questions a read or a write is about: an encounter's registration form (issue 16) or one
// survey (issue 18). Both tables have the same columns, but for the owner (encounter_id or
// survey_id) and one of their own (registration questions: standard_code; survey questions:
// per_session); their answers tables share question_id and value. One implementation serves
// both: Kysely is handed the registration tables' names for typing, the real name at run time.

export type QuestionSet = { kind: "registration"; encounterId: number } | { kind: "survey"; surveyId: number };
/** A bare number: the encounter's registration questions (what the registration pages pass). */
export type SetRef = number | QuestionSet;

export const registrationSet = (encounterId: number): QuestionSet => ({ kind: "registration", encounterId });
export const surveySet = (surveyId: number): QuestionSet => ({ kind: "survey", surveyId });
export const setOf = (ref: SetRef): QuestionSet => (typeof ref === "number" ? registrationSet(ref) : ref);

export interface SetTables {
  questions: "registration_questions";
  answers: "registration_answers";
  owner: "encounter_id";
  ownerId: number;
  /** The audit entries' entity and what they add to name the owner. */
  entity: string;
  ownerData: Record<string, number>;
}

export function tablesOf(ref: SetRef): SetTables {
  const set = setOf(ref);
  if (set.kind === "registration")
    return {
      questions: "registration_questions",
      answers: "registration_answers",
      owner: "encounter_id",
      ownerId: set.encounterId,
      entity: "registration_question",
      ownerData: { encounterId: set.encounterId },
    };
  return {
    questions: "survey_questions" as unknown as "registration_questions",
    answers: "survey_answers" as unknown as "registration_answers",
    owner: "survey_id" as unknown as "encounter_id",
    ownerId: set.surveyId,
    entity: "survey_question",
    ownerData: { surveyId: set.surveyId },
  };
}

/** A new question's row for its table: the owner's column, and per_session for a survey's. */
export function questionRow(ref: SetRef, values: Omit<Insertable<RegistrationQuestionsTable>, "encounter_id">, perSession = false) {
  const set = setOf(ref);
  if (set.kind === "registration") return { ...values, encounter_id: set.encounterId } as Insertable<RegistrationQuestionsTable>;
  const { standard_code: _none, ...rest } = values;
  return { ...rest, survey_id: set.surveyId, per_session: perSession ? 1 : 0 } as unknown as Insertable<RegistrationQuestionsTable>;
}

/** Either table's row, as read through the registration table's type. */
export type AnyQuestionRow = RegistrationQuestion | SurveyQuestionRow;
