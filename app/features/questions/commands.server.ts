import type { DB } from "~db/client";
import { writeTransaction } from "~db/write-transaction";
import { encodeAnswer, type ParsedAnswers } from "~/features/questions/answers";
import { questionLimits, type QuestionKind } from "~/features/questions/kinds";
import { answeredCodes, countAnswers, findQuestion, toQuestion } from "~/features/questions/queries.server";
import { deletion, kindChange, moveInOrder, reviseOptions, type Direction, type OptionRow, type QuestionRefusal } from "~/features/questions/rules";
import { standardSet } from "~/features/questions/standard-set";
import { recordAudit } from "~/server/audit.server";

// The writers of an encounter's registration questions and of the answers people give. Each
// opens its write transaction and writes its audit entry (the question set's history) in it;
// saveAnswers runs inside the transaction of whoever registers the person.

export interface QuestionInput {
  kind: QuestionKind;
  required: boolean;
  wording: { es: string; en: string };
  help: { es: string; en: string };
  options: OptionRow[];
}

export type QuestionOutcome = { ok: true; id: number } | { ok: false; refusal: QuestionRefusal; row?: number };

const audit = (trx: DB, actor: string, action: string, questionId: number, data: Record<string, unknown>) =>
  recordAudit(trx, { actor, action: `question.${action}`, entity: "registration_question", entityId: questionId, data });

async function nextPosition(trx: DB, encounterId: number): Promise<number> {
  const row = await trx
    .selectFrom("registration_questions")
    .select((eb) => eb.fn.max("position").as("last"))
    .where("encounter_id", "=", encounterId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

async function questionCount(trx: DB, encounterId: number): Promise<number> {
  const row = await trx
    .selectFrom("registration_questions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("encounter_id", "=", encounterId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Adds an organizer's question at the end of the form. */
export async function addQuestion(db: DB, encounterId: number, input: QuestionInput, actor: string): Promise<QuestionOutcome> {
  const options = reviseOptions(input.kind, [], input.options);
  if (!options.ok) return options;
  return writeTransaction(db, async (trx): Promise<QuestionOutcome> => {
    if ((await questionCount(trx, encounterId)) >= questionLimits.questions) return { ok: false, refusal: "tooManyQuestions" };
    const row = await trx
      .insertInto("registration_questions")
      .values({
        encounter_id: encounterId,
        kind: input.kind,
        required: input.required ? 1 : 0,
        wording_es: input.wording.es,
        wording_en: input.wording.en,
        help_es: input.help.es,
        help_en: input.help.en,
        options: JSON.stringify(options.options),
        position: await nextPosition(trx, encounterId),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, actor, "add", row.id, { encounterId, kind: input.kind, required: input.required, options: options.options.map((o) => o.code) });
    return { ok: true, id: row.id };
  });
}

/**
 * Changes a question's words, whether it is required, its kind and options. Once people
 * answered, the kind stays and the options they chose stay (their answers must still read); a
 * question of the standard set keeps its kind and options and stays optional.
 */
export async function updateQuestion(
  db: DB,
  encounterId: number,
  questionId: number,
  input: QuestionInput,
  actor: string,
  now = new Date(),
): Promise<QuestionOutcome | null> {
  return writeTransaction(db, async (trx): Promise<QuestionOutcome | null> => {
    const question = await findQuestion(trx, encounterId, questionId);
    if (!question) return null;
    const answers = await countAnswers(trx, questionId);
    const kindRefusal = kindChange(question, input.kind, answers);
    if (kindRefusal) return { ok: false, refusal: kindRefusal };
    let options = question.options;
    if (!question.standardCode) {
      const revised = reviseOptions(input.kind, question.options, input.options, await answeredCodes(trx, questionId, question.kind));
      if (!revised.ok) return revised;
      options = revised.options;
    }
    await trx
      .updateTable("registration_questions")
      .set({
        kind: input.kind,
        required: input.required && !question.standardCode ? 1 : 0,
        wording_es: input.wording.es,
        wording_en: input.wording.en,
        help_es: input.help.es,
        help_en: input.help.en,
        options: JSON.stringify(options),
        updated_at: now.toISOString(),
      })
      .where("id", "=", questionId)
      .execute();
    await audit(trx, actor, "edit", questionId, { encounterId, kind: input.kind, required: input.required, options: options.map((o) => o.code), answers });
    return { ok: true, id: questionId };
  });
}

/** Moves a question one step up or down the form; false when it is already at that end. */
export async function moveQuestion(db: DB, encounterId: number, questionId: number, direction: Direction, actor: string): Promise<boolean | null> {
  return writeTransaction(db, async (trx) => {
    const ids = (
      await trx.selectFrom("registration_questions").select("id").where("encounter_id", "=", encounterId).orderBy("position").orderBy("id").execute()
    ).map((r) => r.id);
    if (!ids.includes(questionId)) return null;
    const order = moveInOrder(ids, questionId, direction);
    if (!order) return false;
    for (const [i, id] of order.entries())
      await trx
        .updateTable("registration_questions")
        .set({ position: i + 1 })
        .where("id", "=", id)
        .execute();
    await audit(trx, actor, "move", questionId, { encounterId, direction });
    return true;
  });
}

/** Hides a question (no longer asked; its answers kept) or shows it again. */
export async function setQuestionHidden(db: DB, encounterId: number, questionId: number, hidden: boolean, actor: string, now = new Date()): Promise<boolean> {
  return writeTransaction(db, async (trx) => {
    const result = await trx
      .updateTable("registration_questions")
      .set({ hidden: hidden ? 1 : 0, updated_at: now.toISOString() })
      .where("id", "=", questionId)
      .where("encounter_id", "=", encounterId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await audit(trx, actor, hidden ? "hide" : "show", questionId, { encounterId });
    return true;
  });
}

export type DeleteOutcome = { ok: true } | { ok: false; refusal: "hasAnswers"; answers: number } | null;

/** Deletes a question nobody answered; one with answers is refused (hiding it keeps them). */
export async function deleteQuestion(db: DB, encounterId: number, questionId: number, actor: string): Promise<DeleteOutcome> {
  return writeTransaction(db, async (trx): Promise<DeleteOutcome> => {
    const question = await findQuestion(trx, encounterId, questionId);
    if (!question) return null;
    const answers = await countAnswers(trx, questionId);
    if (deletion(answers)) return { ok: false, refusal: "hasAnswers", answers };
    await trx.deleteFrom("registration_questions").where("id", "=", questionId).execute();
    await audit(trx, actor, "delete", questionId, { encounterId, kind: question.kind, wording: question.wording.es });
    return { ok: true };
  });
}

/**
 * Adds the standard disaggregation set at the end of the form, in one step: the questions the
 * encounter does not ask yet (a hidden one counts as asked: show it again instead).
 */
export async function addStandardSet(db: DB, encounterId: number, actor: string): Promise<{ added: number }> {
  return writeTransaction(db, async (trx) => {
    const present = new Set(
      (
        await trx
          .selectFrom("registration_questions")
          .select("standard_code")
          .where("encounter_id", "=", encounterId)
          .where("standard_code", "is not", null)
          .execute()
      ).map((r) => r.standard_code),
    );
    const missing = standardSet.filter((q) => !present.has(q.code));
    if ((await questionCount(trx, encounterId)) + missing.length > questionLimits.questions) return { added: 0 };
    let position = await nextPosition(trx, encounterId);
    for (const q of missing) {
      await trx
        .insertInto("registration_questions")
        .values({
          encounter_id: encounterId,
          kind: q.kind,
          required: 0,
          wording_es: q.wording.es,
          wording_en: q.wording.en,
          help_es: q.help.es,
          help_en: q.help.en,
          options: JSON.stringify(q.options),
          position: position++,
          standard_code: q.code,
        })
        .execute();
    }
    if (missing.length)
      await recordAudit(trx, {
        actor,
        action: "question.add_standard_set",
        entity: "encounter",
        entityId: encounterId,
        data: { codes: missing.map((q) => q.code) },
      });
    return { added: missing.length };
  });
}

/**
 * Writes a registration's answers, inside the caller's transaction (the registration's own, so
 * the person and their answers are kept together or not at all). Each question the form asked
 * gets its new answer, or loses its old one when left blank. Sensitive answers need the
 * separate consent: given, its time is kept (the first time); withdrawn, they are deleted.
 */
export async function saveAnswers(trx: DB, registrationId: number, parsed: ParsedAnswers, now = new Date()): Promise<void> {
  const at = now.toISOString();
  if (parsed.asked.length === 0) return;
  // Only the questions of the registration's own encounter, whatever the caller passed.
  const questions = (
    await trx
      .selectFrom("registration_questions")
      .selectAll()
      .where("id", "in", parsed.asked)
      .where("encounter_id", "=", (eb) => eb.selectFrom("registrations").select("encounter_id").where("id", "=", registrationId))
      .execute()
  ).map(toQuestion);
  const sensitiveIds = new Set(questions.filter((q) => q.standardCode !== null).map((q) => q.id));
  const given = new Map(parsed.answers.map((a) => [a.questionId, a]));
  for (const question of questions) {
    const answer = given.get(question.id);
    const keep = answer && (!sensitiveIds.has(question.id) || parsed.sensitiveConsent === true);
    if (!keep) {
      await trx.deleteFrom("registration_answers").where("registration_id", "=", registrationId).where("question_id", "=", question.id).execute();
      continue;
    }
    const value = encodeAnswer(answer);
    const updated = await trx
      .updateTable("registration_answers")
      .set({ value, updated_at: at })
      .where("registration_id", "=", registrationId)
      .where("question_id", "=", question.id)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      await trx
        .insertInto("registration_answers")
        .values({ registration_id: registrationId, question_id: question.id, value, created_at: at, updated_at: at })
        .execute();
  }
  if (parsed.sensitiveConsent === true) {
    await trx
      .updateTable("registrations")
      .set({ sensitive_consent_at: at })
      .where("id", "=", registrationId)
      .where("sensitive_consent_at", "is", null)
      .execute();
  } else if (parsed.sensitiveConsent === false) {
    await forgetSensitiveAnswers(trx, registrationId);
  }
}

/** Withdraws the sensitive-data consent: the answers it covered go with it. */
async function forgetSensitiveAnswers(trx: DB, registrationId: number): Promise<void> {
  await trx
    .deleteFrom("registration_answers")
    .where("registration_id", "=", registrationId)
    .where("question_id", "in", trx.selectFrom("registration_questions").select("id").where("standard_code", "is not", null))
    .execute();
  await trx.updateTable("registrations").set({ sensitive_consent_at: null }).where("id", "=", registrationId).execute();
}

/** The person changes their answers from their own page. */
export async function saveOwnAnswers(db: DB, registrationId: number, parsed: ParsedAnswers, actor: string, now = new Date()): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const before = await trx.selectFrom("registrations").select("sensitive_consent_at").where("id", "=", registrationId).executeTakeFirst();
    await saveAnswers(trx, registrationId, parsed, now);
    await recordAudit(trx, {
      actor,
      action: "registration.answers",
      entity: "registration",
      entityId: registrationId,
      // Which questions, never the answers themselves.
      data: {
        questions: parsed.answers.map((a) => a.questionId),
        sensitiveConsent: parsed.sensitiveConsent === null ? "not asked" : parsed.sensitiveConsent ? (before?.sensitive_consent_at ? "kept" : "given") : "none",
      },
    });
  });
}

/** A person's deletion (Ley 1581): every answer they gave, sensitive or not. */
export async function forgetAnswers(trx: DB, participantId: number): Promise<void> {
  await trx
    .deleteFrom("registration_answers")
    .where("registration_id", "in", trx.selectFrom("registrations").select("id").where("participant_id", "=", participantId))
    .execute();
}

/** An export that carries sensitive answers out of Convoca leaves a trace: who took it, when. */
export async function recordSensitiveExport(db: DB, encounterId: number, actor: string, format: "csv" | "xlsx"): Promise<void> {
  await writeTransaction(db, (trx) =>
    recordAudit(trx, { actor, action: "registrations.export_sensitive", entity: "encounter", entityId: encounterId, data: { format } }),
  );
}
