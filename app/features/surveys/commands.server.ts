import type { DB } from "~db/client";
import type { Survey, SurveyMode } from "~db/schema";
import { writeTransaction } from "~db/write-transaction";
import { encodeAnswer, type ParsedAnswers } from "~/features/questions/answers";
import type { Respondent } from "~/features/surveys/queries.server";
import { anonymousClientRule, surveyState, windowRefusal } from "~/features/surveys/rules";
import { starterSet } from "~/features/surveys/starter-set";
import { actorOf, recordAudit } from "~/server/audit.server";
import { hit } from "~/server/rate-limit.server";

// The writers of the surveys area: a survey's settings (its questions are written by the
// questions area's commands, with surveySet), a respondent's answer, and a person's deletion.
// Each opens its write transaction and writes its audit entry in it.

export interface SurveyInput {
  title: { es: string; en: string };
  intro: { es: string; en: string };
  mode: SurveyMode;
  opensAt: string;
  closesAt: string;
  mailAfterEnd: boolean;
  mailDelayHours: number;
  reminderDays: number;
}

export type SurveyOutcome = { ok: true; id: number } | { ok: false; refusal: "closesBeforeOpening" | "modeAnswered" };

const columns = (input: SurveyInput) => ({
  title_es: input.title.es,
  title_en: input.title.en,
  intro_es: input.intro.es,
  intro_en: input.intro.en,
  mode: input.mode,
  opens_at: input.opensAt,
  closes_at: input.closesAt,
  mail_after_end: input.mailAfterEnd ? 1 : 0,
  mail_delay_hours: input.mailDelayHours,
  reminder_days: input.reminderDays,
});

/** A new survey of the encounter, with the starter questions (satisfaction, the sessions' matrix, free questions). */
export async function createSurvey(
  db: DB,
  encounterId: number,
  input: SurveyInput,
  organizerId: number | null,
  actor: string,
  now = new Date(),
): Promise<SurveyOutcome> {
  const refusal = windowRefusal(input.opensAt, input.closesAt);
  if (refusal) return { ok: false, refusal };
  const at = now.toISOString();
  return writeTransaction(db, async (trx) => {
    const survey = await trx
      .insertInto("surveys")
      .values({ encounter_id: encounterId, ...columns(input), created_by: organizerId, created_at: at, updated_at: at })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("survey_questions")
      .values(
        starterSet.map((q, i) => ({
          survey_id: survey.id,
          kind: q.kind,
          required: q.required ? 1 : 0,
          per_session: q.perSession ? 1 : 0,
          wording_es: q.wording.es,
          wording_en: q.wording.en,
          help_es: q.help.es,
          help_en: q.help.en,
          options: JSON.stringify(q.options),
          position: i + 1,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
    await recordAudit(trx, { actor, action: "survey.create", entity: "survey", entityId: survey.id, data: { encounterId, mode: input.mode } });
    return { ok: true, id: survey.id };
  });
}

/** Changes a survey's settings. Its mode stays once someone answered (their answers were given under it). */
export async function updateSurvey(db: DB, survey: Survey, input: SurveyInput, actor: string, now = new Date()): Promise<SurveyOutcome> {
  const refusal = windowRefusal(input.opensAt, input.closesAt);
  if (refusal) return { ok: false, refusal };
  return writeTransaction(db, async (trx) => {
    if (input.mode !== survey.mode) {
      const answered = await trx.selectFrom("survey_responses").select("id").where("survey_id", "=", survey.id).executeTakeFirst();
      if (answered) return { ok: false, refusal: "modeAnswered" } as const;
    }
    await trx
      .updateTable("surveys")
      .set({ ...columns(input), updated_at: now.toISOString() })
      .where("id", "=", survey.id)
      .execute();
    await recordAudit(trx, {
      actor,
      action: "survey.edit",
      entity: "survey",
      entityId: survey.id,
      data: { mode: input.mode, opensAt: input.opensAt, closesAt: input.closesAt },
    });
    return { ok: true, id: survey.id } as const;
  });
}

/** What a form answered: the questions asked once, and the matrix's rows (one per session). */
export interface SurveyAnswers {
  main: ParsedAnswers;
  sessions: Array<{ agendaItemId: number; parsed: ParsedAnswers }>;
}

export type SaveOutcome =
  | { ok: true; responseId: number; created: boolean }
  | { ok: false; refusal: "closed"; closedAt: string }
  | { ok: false; refusal: "upcoming"; opensAt: string }
  | { ok: false; refusal: "rateLimited"; retryAfterSeconds: number };

/**
 * Keeps a respondent's answers: the first time a new response, then the same one replaced (a
 * second visit edits, it never adds). Refused outside the survey's window, checked at `now`
 * inside the transaction. A new anonymous response counts against its client address's limit
 * (`clientKey`); edits do not.
 */
export async function saveResponse(
  db: DB,
  surveyId: number,
  who: Respondent,
  answers: SurveyAnswers,
  options: { clientKey?: string; now?: Date } = {},
): Promise<SaveOutcome> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  return writeTransaction(db, async (trx): Promise<SaveOutcome> => {
    const survey = await trx.selectFrom("surveys").select(["id", "opens_at", "closes_at"]).where("id", "=", surveyId).executeTakeFirstOrThrow();
    const state = surveyState(survey, now);
    if (state === "closed") return { ok: false, refusal: "closed", closedAt: survey.closes_at };
    if (state === "upcoming") return { ok: false, refusal: "upcoming", opensAt: survey.opens_at };
    let query = trx.selectFrom("survey_responses").select("id").where("survey_id", "=", surveyId);
    query = who.kind === "registration" ? query.where("registration_id", "=", who.registrationId) : query.where("browser_key", "=", who.key);
    let responseId = (await query.executeTakeFirst())?.id ?? null;
    const created = responseId === null;
    if (created) {
      if (who.kind === "browser" && options.clientKey) {
        const limit = await hit(trx, `survey:${surveyId}:client:${options.clientKey}`, anonymousClientRule, now);
        if (!limit.allowed) return { ok: false, refusal: "rateLimited", retryAfterSeconds: limit.retryAfterSeconds };
      }
      responseId = (
        await trx
          .insertInto("survey_responses")
          .values({
            survey_id: surveyId,
            registration_id: who.kind === "registration" ? who.registrationId : null,
            browser_key: who.kind === "browser" ? who.key : null,
            created_at: at,
            updated_at: at,
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    } else {
      await trx.updateTable("survey_responses").set({ updated_at: at }).where("id", "=", responseId!).execute();
      await trx.deleteFrom("survey_answers").where("response_id", "=", responseId!).execute();
    }
    const rows = [
      ...answers.main.answers.map((a) => ({ response_id: responseId!, question_id: a.questionId, agenda_item_id: null, value: encodeAnswer(a) })),
      ...answers.sessions.flatMap((s) =>
        s.parsed.answers.map((a) => ({ response_id: responseId!, question_id: a.questionId, agenda_item_id: s.agendaItemId, value: encodeAnswer(a) })),
      ),
    ];
    if (rows.length) await trx.insertInto("survey_answers").values(rows).execute();
    // Which survey and whether it was new, never the answers, nor (anonymous) anything about who.
    await recordAudit(trx, {
      actor: who.kind === "registration" ? actorOf.participant(who.participantId) : "anonymous",
      action: created ? "survey.answer" : "survey.answer_edit",
      entity: "survey",
      entityId: surveyId,
      data: { answers: rows.length },
    });
    return { ok: true, responseId: responseId!, created };
  });
}

/** A person's deletion (Ley 1581): their linked survey responses and every answer in them. */
export async function forgetSurveyResponses(trx: DB, participantId: number): Promise<void> {
  const responses = trx
    .selectFrom("survey_responses")
    .select("survey_responses.id")
    .where("registration_id", "in", trx.selectFrom("registrations").select("id").where("participant_id", "=", participantId));
  await trx.deleteFrom("survey_answers").where("response_id", "in", responses).execute();
  await trx
    .deleteFrom("survey_responses")
    .where("registration_id", "in", trx.selectFrom("registrations").select("id").where("participant_id", "=", participantId))
    .execute();
}
