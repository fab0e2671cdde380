import type { DB } from "~db/client";
import type { RegistrationQuestion } from "~db/schema";
import { codesOfAnswer } from "~/features/questions/aggregate";
import { answerItems, answersToValues } from "~/features/questions/answers";
import { localizeQuestion, readOptions, type Lang, type Question, type QuestionKind } from "~/features/questions/kinds";

// Reads of the registration questions and their answers. Never a transaction.

export function toQuestion(row: RegistrationQuestion): Question {
  return {
    id: row.id,
    kind: row.kind,
    required: row.required === 1,
    wording: { es: row.wording_es, en: row.wording_en },
    help: { es: row.help_es, en: row.help_en },
    options: readOptions(row.options),
    position: row.position,
    hidden: row.hidden === 1,
    standardCode: row.standard_code,
  };
}

const inOrder = (db: DB, encounterId: number) =>
  db.selectFrom("registration_questions").selectAll().where("encounter_id", "=", encounterId).orderBy("position").orderBy("id");

/** Every question of the encounter, hidden ones too, in order, each with how many answered it. */
export async function listQuestions(db: DB, encounterId: number): Promise<Array<Question & { answers: number }>> {
  const [rows, counts] = await Promise.all([
    inOrder(db, encounterId).execute(),
    db
      .selectFrom("registration_answers")
      .innerJoin("registration_questions", "registration_questions.id", "registration_answers.question_id")
      .select(["registration_answers.question_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("registration_questions.encounter_id", "=", encounterId)
      .groupBy("registration_answers.question_id")
      .execute(),
  ]);
  const answers = new Map(counts.map((c) => [c.question_id, Number(c.n)]));
  return rows.map((row) => ({ ...toQuestion(row), answers: answers.get(row.id) ?? 0 }));
}

/** The questions a registration form asks (the visible ones, in order), in both languages. */
export async function questionsForForm(db: DB, encounterId: number): Promise<Question[]> {
  return (await inOrder(db, encounterId).where("hidden", "=", 0).execute()).map(toQuestion);
}

/** Every question of the encounter, hidden ones too, in order: what exports and reports list. */
export async function allQuestions(db: DB, encounterId: number): Promise<Question[]> {
  return (await inOrder(db, encounterId).execute()).map(toQuestion);
}

export async function findQuestion(db: DB, encounterId: number, questionId: number): Promise<Question | null> {
  const row = await db.selectFrom("registration_questions").selectAll().where("id", "=", questionId).where("encounter_id", "=", encounterId).executeTakeFirst();
  return row ? toQuestion(row) : null;
}

export async function countAnswers(db: DB, questionId: number): Promise<number> {
  const row = await db
    .selectFrom("registration_answers")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("question_id", "=", questionId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The option codes someone chose in a question: those options cannot be taken out. */
export async function answeredCodes(db: DB, questionId: number, kind: QuestionKind): Promise<Set<string>> {
  const rows = await db.selectFrom("registration_answers").select("value").where("question_id", "=", questionId).execute();
  return new Set(rows.flatMap((r) => codesOfAnswer(kind, r.value)));
}

export interface StoredAnswer {
  questionId: number;
  kind: QuestionKind;
  value: string;
  sensitive: boolean;
}

/** One registration's answers, to any of the encounter's questions (hidden ones too). */
export async function answersOfRegistration(db: DB, registrationId: number): Promise<StoredAnswer[]> {
  const rows = await db
    .selectFrom("registration_answers")
    .innerJoin("registration_questions", "registration_questions.id", "registration_answers.question_id")
    .select(["registration_answers.question_id", "registration_questions.kind", "registration_answers.value", "registration_questions.standard_code"])
    .where("registration_answers.registration_id", "=", registrationId)
    .orderBy("registration_questions.position")
    .execute();
  return rows.map((r) => ({ questionId: r.question_id, kind: r.kind, value: r.value, sensitive: r.standard_code !== null }));
}

/** Every answer of the encounter's registrations: registration id → question id → value (exports). */
export async function answersByRegistration(db: DB, encounterId: number): Promise<Map<number, Map<number, string>>> {
  const rows = await db
    .selectFrom("registration_answers")
    .innerJoin("registration_questions", "registration_questions.id", "registration_answers.question_id")
    .select(["registration_answers.registration_id", "registration_answers.question_id", "registration_answers.value"])
    .where("registration_questions.encounter_id", "=", encounterId)
    .execute();
  const byRegistration = new Map<number, Map<number, string>>();
  for (const r of rows) {
    let answers = byRegistration.get(r.registration_id);
    if (!answers) byRegistration.set(r.registration_id, (answers = new Map()));
    answers.set(r.question_id, r.value);
  }
  return byRegistration;
}

/** The answers a report counts: those of registrations still standing, with each person's city. */
export async function answersForReport(db: DB, encounterId: number): Promise<Array<{ questionId: number; city: string; value: string }>> {
  const rows = await db
    .selectFrom("registration_answers")
    .innerJoin("registration_questions", "registration_questions.id", "registration_answers.question_id")
    .innerJoin("registrations", "registrations.id", "registration_answers.registration_id")
    .innerJoin("participants", "participants.id", "registrations.participant_id")
    .innerJoin("cities", "cities.id", "participants.city_id")
    .select(["registration_answers.question_id", "cities.name as city", "registration_answers.value"])
    .where("registration_questions.encounter_id", "=", encounterId)
    .where("registrations.status", "!=", "cancelled")
    .execute();
  return rows.map((r) => ({ questionId: r.question_id, city: r.city, value: r.value }));
}

/** Registrations still standing (the base of "answered N of M"). */
export async function countStandingRegistrations(db: DB, encounterId: number): Promise<number> {
  const row = await db
    .selectFrom("registrations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("encounter_id", "=", encounterId)
    .where("status", "!=", "cancelled")
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Everything a page shows of one registration's answers, in the reader's language: the form's
 * questions and the stored answers as its values (to edit them), the answers as a list (to
 * read them), and when the person gave the sensitive-data consent.
 */
export async function registrationAnswersView(db: DB, encounterId: number, registrationId: number, lang: Lang, words: { yes: string; no: string }) {
  const [questions, answers, registration] = await Promise.all([
    allQuestions(db, encounterId),
    answersOfRegistration(db, registrationId),
    db.selectFrom("registrations").select("sensitive_consent_at").where("id", "=", registrationId).executeTakeFirst(),
  ]);
  return {
    questions: questions.filter((q) => !q.hidden).map((q) => localizeQuestion(q, lang)),
    values: answersToValues(answers),
    items: answerItems(questions, answers, lang, words),
    sensitiveConsentAt: registration?.sensitive_consent_at ?? null,
  };
}
export type RegistrationAnswersView = Awaited<ReturnType<typeof registrationAnswersView>>;

/** Every answer a person gave, for the copy of their data (Ley 1581): the question, the answer as kept, whether it is sensitive. */
export async function answersOfPerson(db: DB, participantId: number) {
  const rows = await db
    .selectFrom("registration_answers")
    .innerJoin("registration_questions", "registration_questions.id", "registration_answers.question_id")
    .innerJoin("registrations", "registrations.id", "registration_answers.registration_id")
    .innerJoin("encounters", "encounters.id", "registrations.encounter_id")
    .select([
      "encounters.title as encounter",
      "registration_questions.wording_es as question",
      "registration_questions.standard_code",
      "registration_answers.value as answer",
      "registration_answers.updated_at as answered_at",
    ])
    .where("registrations.participant_id", "=", participantId)
    .orderBy("registration_answers.id")
    .execute();
  return rows.map(({ standard_code, ...row }) => ({ ...row, sensitive: standard_code !== null }));
}
