import type { DB } from "~db/client";
import type { Survey } from "~db/schema";
import { answersToValues, type AnswerFormValues } from "~/features/questions/answers";
import { questionsForForm } from "~/features/questions/queries.server";
import { surveySet } from "~/features/questions/sets.server";
import type { Question } from "~/features/questions/kinds";
import { currentSurvey, sessionPrefix, unratedAgendaKinds } from "~/features/surveys/rules";

// Reads of the surveys area: an encounter's surveys, one survey's form (its questions and the
// sessions of its matrix), and what one respondent answered before. Never a transaction.

/** An encounter's surveys, oldest first, each with how many answered. */
export async function listSurveys(db: DB, encounterId: number): Promise<Array<Survey & { responses: number }>> {
  const [surveys, counts] = await Promise.all([
    db.selectFrom("surveys").selectAll().where("encounter_id", "=", encounterId).orderBy("opens_at").orderBy("id").execute(),
    db
      .selectFrom("survey_responses")
      .innerJoin("surveys", "surveys.id", "survey_responses.survey_id")
      .select(["survey_responses.survey_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("surveys.encounter_id", "=", encounterId)
      .groupBy("survey_responses.survey_id")
      .execute(),
  ]);
  const byId = new Map(counts.map((c) => [c.survey_id, Number(c.n)]));
  return surveys.map((s) => ({ ...s, responses: byId.get(s.id) ?? 0 }));
}

export async function findSurvey(db: DB, encounterId: number, surveyId: number): Promise<Survey | null> {
  return (await db.selectFrom("surveys").selectAll().where("id", "=", surveyId).where("encounter_id", "=", encounterId).executeTakeFirst()) ?? null;
}

/** The survey /encuentros/:slug/encuesta shows (rules.ts currentSurvey). */
export async function findCurrentSurvey(db: DB, encounterId: number, now = new Date()): Promise<Survey | null> {
  return currentSurvey(await db.selectFrom("surveys").selectAll().where("encounter_id", "=", encounterId).execute(), now);
}

/** The sessions a matrix asks about: the agenda's items but the breaks, in time order. */
export async function ratedSessions(db: DB, encounterId: number): Promise<Array<{ id: number; title: string; starts_at: string }>> {
  return db
    .selectFrom("agenda_items")
    .select(["id", "title", "starts_at"])
    .where("encounter_id", "=", encounterId)
    .where("kind", "not in", [...unratedAgendaKinds] as never[])
    .orderBy("starts_at")
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export interface SurveyForm {
  /** The questions asked once, in order. */
  questions: Question[];
  /** The scales asked for each session. */
  perSession: Question[];
  sessions: Array<{ id: number; title: string; starts_at: string }>;
}

export async function surveyForm(db: DB, survey: Pick<Survey, "id" | "encounter_id">): Promise<SurveyForm> {
  const [questions, sessions] = await Promise.all([questionsForForm(db, surveySet(survey.id)), ratedSessions(db, survey.encounter_id)]);
  return { questions: questions.filter((q) => !q.perSession), perSession: sessions.length ? questions.filter((q) => q.perSession) : [], sessions };
}

export type Respondent = { kind: "registration"; registrationId: number; participantId: number } | { kind: "browser"; key: string };

/** The respondent's earlier response: its id, when it was last saved and its answers as form values. */
export async function findResponse(db: DB, surveyId: number, who: Respondent): Promise<{ id: number; updatedAt: string; values: AnswerFormValues } | null> {
  let query = db.selectFrom("survey_responses").select(["id", "updated_at"]).where("survey_id", "=", surveyId);
  query = who.kind === "registration" ? query.where("registration_id", "=", who.registrationId) : query.where("browser_key", "=", who.key);
  const response = await query.executeTakeFirst();
  if (!response) return null;
  const answers = await db
    .selectFrom("survey_answers")
    .innerJoin("survey_questions", "survey_questions.id", "survey_answers.question_id")
    .select(["survey_answers.question_id", "survey_answers.agenda_item_id", "survey_answers.value", "survey_questions.kind"])
    .where("survey_answers.response_id", "=", response.id)
    .execute();
  const values: AnswerFormValues = {};
  for (const a of answers) {
    const prefix = a.agenda_item_id === null ? "" : sessionPrefix(a.agenda_item_id);
    Object.assign(values, answersToValues([{ questionId: a.question_id, kind: a.kind, value: a.value }], prefix));
  }
  return { id: response.id, updatedAt: response.updated_at, values };
}

/** The registration a linked survey is answered for: the person's standing registration of the encounter. */
export async function standingRegistration(db: DB, encounterId: number, registrationId: number) {
  return db
    .selectFrom("registrations")
    .select(["id", "participant_id"])
    .where("id", "=", registrationId)
    .where("encounter_id", "=", encounterId)
    .where("status", "!=", "cancelled")
    .executeTakeFirst();
}

/** A signed-in person's standing registration of the encounter (a linked survey opened from the room's QR code). */
export async function registrationOfParticipant(db: DB, encounterId: number, participantId: number) {
  return db
    .selectFrom("registrations")
    .select(["id", "participant_id"])
    .where("participant_id", "=", participantId)
    .where("encounter_id", "=", encounterId)
    .where("status", "!=", "cancelled")
    .executeTakeFirst();
}

/** What a person's registration page lists: the encounter's surveys that take answers now, and whether they answered. */
export async function openSurveysFor(db: DB, encounterId: number, registrationId: number, now = new Date()) {
  const at = now.toISOString();
  const rows = await db
    .selectFrom("surveys")
    .leftJoin("survey_responses", (join) =>
      join.onRef("survey_responses.survey_id", "=", "surveys.id").on("survey_responses.registration_id", "=", registrationId),
    )
    .select(["surveys.id", "surveys.title_es", "surveys.title_en", "surveys.mode", "surveys.closes_at", "survey_responses.id as response_id"])
    .where("surveys.encounter_id", "=", encounterId)
    .where("surveys.opens_at", "<=", at)
    .where("surveys.closes_at", ">", at)
    .orderBy("surveys.opens_at")
    .execute();
  return rows.map((r) => ({ id: r.id, title: { es: r.title_es, en: r.title_en }, mode: r.mode, closesAt: r.closes_at, answered: r.response_id !== null }));
}

/** Every linked answer a person gave, for the copy of their data (Ley 1581). */
export async function surveyAnswersOfPerson(db: DB, participantId: number) {
  return db
    .selectFrom("survey_answers")
    .innerJoin("survey_responses", "survey_responses.id", "survey_answers.response_id")
    .innerJoin("surveys", "surveys.id", "survey_responses.survey_id")
    .innerJoin("survey_questions", "survey_questions.id", "survey_answers.question_id")
    .innerJoin("registrations", "registrations.id", "survey_responses.registration_id")
    .leftJoin("agenda_items", "agenda_items.id", "survey_answers.agenda_item_id")
    .select([
      "surveys.title_es as survey",
      "survey_questions.wording_es as question",
      "agenda_items.title as session",
      "survey_answers.value as answer",
      "survey_responses.updated_at as answered_at",
    ])
    .where("registrations.participant_id", "=", participantId)
    .orderBy("survey_answers.id")
    .execute();
}
