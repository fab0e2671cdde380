import type { DB } from "~db/client";
import type { Survey } from "~db/schema";
import { answerText } from "~/features/questions/answers";
import { inLanguage, type Lang } from "~/features/questions/kinds";
import { allQuestions } from "~/features/questions/queries.server";
import { surveySet } from "~/features/questions/sets.server";
import { ratedSessions } from "~/features/surveys/queries.server";
import type { SurveyResults } from "~/features/surveys/results.server";
import type { Messages } from "~/i18n/index";
import { formatDateTime } from "~/lib/time";
import type { Cell, Sheet } from "~/server/spreadsheet.server";

// A survey's answers as a table (CSV, and the XLSX's first sheet): one row per response, one
// column per question (per question and session for the matrix). No names: a linked survey's
// row says only the person's city, an anonymous one's nothing about who.

export async function answerRows(db: DB, survey: Survey, timezone: string, lang: Lang, t: Messages): Promise<Cell[][]> {
  const [questions, sessions, responses, answers] = await Promise.all([
    allQuestions(db, surveySet(survey.id)),
    ratedSessions(db, survey.encounter_id),
    db
      .selectFrom("survey_responses")
      .leftJoin("registrations", "registrations.id", "survey_responses.registration_id")
      .leftJoin("participants", "participants.id", "registrations.participant_id")
      .leftJoin("cities", "cities.id", "participants.city_id")
      .select(["survey_responses.id", "survey_responses.updated_at", "cities.name as city"])
      .where("survey_responses.survey_id", "=", survey.id)
      .orderBy("survey_responses.id")
      .execute(),
    db
      .selectFrom("survey_answers")
      .innerJoin("survey_responses", "survey_responses.id", "survey_answers.response_id")
      .select(["survey_answers.response_id", "survey_answers.question_id", "survey_answers.agenda_item_id", "survey_answers.value"])
      .where("survey_responses.survey_id", "=", survey.id)
      .execute(),
  ]);
  const columns = questions.flatMap((q) =>
    q.perSession
      ? sessions.map((s) => ({ q, item: s.id as number | null, title: `${inLanguage(q.wording, lang)} — ${s.title}` }))
      : [{ q, item: null, title: inLanguage(q.wording, lang) }],
  );
  const byResponse = new Map<number, Map<string, string>>();
  for (const a of answers) {
    let own = byResponse.get(a.response_id);
    if (!own) byResponse.set(a.response_id, (own = new Map()));
    own.set(`${a.question_id}:${a.agenda_item_id ?? ""}`, a.value);
  }
  const a = t.surveys.admin;
  const words = { yes: t.questions.fields.yes, no: t.questions.fields.no };
  const header: Cell[] = [a.exportNumber, a.exportUpdated, ...(survey.mode === "linked" ? [a.exportCity] : []), ...columns.map((c) => c.title)];
  const rows = responses.map((r, i): Cell[] => {
    const own = byResponse.get(r.id);
    return [
      i + 1,
      formatDateTime(r.updated_at, timezone, lang),
      ...(survey.mode === "linked" ? [r.city] : []),
      ...columns.map(({ q, item }) => {
        const value = own?.get(`${q.id}:${item ?? ""}`);
        if (value === undefined) return null;
        if (q.kind === "number" || q.kind === "scale") return Number(value);
        return answerText({ kind: q.kind, options: q.options.map((o) => ({ code: o.code, label: inLanguage(o, lang) })) }, value, words);
      }),
    ];
  });
  return [header, ...rows];
}

/** The results page's figures as a sheet: rate, then each question's counts or means. */
export function summarySheet(results: SurveyResults, t: Messages["surveys"]["admin"]): Sheet {
  const rows: Cell[][] = [[t.answers, results.responses], [t.of, results.base], [t.rateColumn, results.rate], []];
  if (results.byCity) rows.push([t.city, t.answered, t.of, t.rateColumn], ...results.byCity.map((c): Cell[] => [c.city, c.responses, c.base, c.rate]), []);
  for (const q of results.questions) {
    if (q.kind === "counted")
      rows.push([q.label, t.answers], ...q.bars.map((b): Cell[] => [b.label, b.value]), ...(q.mean !== null ? [[t.meanShort, q.mean]] : []), []);
    else if (q.kind === "sessions")
      rows.push([q.label, t.answers, t.meanShort, "1", "2", "3", "4", "5"], ...q.rows.map((r): Cell[] => [r.session, r.answered, r.mean, ...r.counts]), []);
    else if (q.kind === "listed") rows.push([q.label, q.texts.length], []);
    else rows.push([q.label, q.answered, q.least, q.most], []);
  }
  return { name: t.summarySheet, rows };
}
