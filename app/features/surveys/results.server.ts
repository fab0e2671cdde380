import type { DB } from "~db/client";
import type { Survey } from "~db/schema";
import { countByCode, countedCodes } from "~/features/questions/aggregate";
import { answerText } from "~/features/questions/answers";
import { inLanguage, type Lang, type Question } from "~/features/questions/kinds";
import { allQuestions } from "~/features/questions/queries.server";
import { surveySet } from "~/features/questions/sets.server";
import { ratedSessions } from "~/features/surveys/queries.server";
import { forThoseWhoCame, listedKinds, percent, scaleMean } from "~/features/surveys/rules";

// A survey's results (/admin/encuentros/:slug/encuestas/:id): how many answered, of whom (by
// city, for a linked survey), and for each question its figures: bars for choices and yes/no,
// the distribution and mean of a scale (per session for the matrix), the words people wrote.
// Read in three queries and counted here, so 2,000 answers take a few milliseconds.

export interface Bar {
  label: string;
  value: number;
}

export type QuestionResult =
  | { id: number; label: string; kind: "counted"; scale: boolean; answered: number; bars: Bar[]; mean: number | null }
  | { id: number; label: string; kind: "sessions"; rows: Array<{ session: string; answered: number; mean: number | null; counts: number[] }> }
  | { id: number; label: string; kind: "listed"; answered: number; texts: string[] }
  | { id: number; label: string; kind: "figures"; answered: number; least: string | null; most: string | null; mean: number | null };

export interface SurveyResults {
  responses: number;
  base: number;
  rate: number | null;
  /** Linked surveys only: responses and base per city (anonymous answers name no city). */
  byCity: Array<{ city: string; responses: number; base: number; rate: number | null }> | null;
  questions: QuestionResult[];
}

/** The figures behind the rate: who came (or, before check-in, who is confirmed), by city. */
async function baseByCity(db: DB, encounterId: number) {
  const rows = await db
    .selectFrom("registrations")
    .innerJoin("participants", "participants.id", "registrations.participant_id")
    .innerJoin("cities", "cities.id", "participants.city_id")
    .select([
      "cities.name as city",
      (eb) => eb.fn.countAll<number>().as("confirmed"),
      (eb) => eb.fn.count<number>("registrations.checked_in_at").as("checked_in"),
    ])
    .where("registrations.encounter_id", "=", encounterId)
    .where("registrations.status", "=", "confirmed")
    .groupBy("cities.name")
    .execute();
  const checkedIn = rows.reduce((n, r) => n + Number(r.checked_in), 0);
  const cameOnly = forThoseWhoCame(checkedIn);
  return new Map(rows.map((r) => [r.city, cameOnly ? Number(r.checked_in) : Number(r.confirmed)]));
}

export async function surveyResults(
  db: DB,
  survey: Survey,
  lang: Lang,
  words: { yes: string; no: string; scale: Record<string, string> },
): Promise<SurveyResults> {
  const [questions, sessions, responses, answers, bases] = await Promise.all([
    allQuestions(db, surveySet(survey.id)),
    ratedSessions(db, survey.encounter_id),
    db
      .selectFrom("survey_responses")
      .leftJoin("registrations", "registrations.id", "survey_responses.registration_id")
      .leftJoin("participants", "participants.id", "registrations.participant_id")
      .leftJoin("cities", "cities.id", "participants.city_id")
      .select(["survey_responses.id", "cities.name as city"])
      .where("survey_responses.survey_id", "=", survey.id)
      .execute(),
    db
      .selectFrom("survey_answers")
      .innerJoin("survey_responses", "survey_responses.id", "survey_answers.response_id")
      .select(["survey_answers.question_id", "survey_answers.agenda_item_id", "survey_answers.value"])
      .where("survey_responses.survey_id", "=", survey.id)
      .orderBy("survey_responses.updated_at", "desc")
      .execute(),
    baseByCity(db, survey.encounter_id),
  ]);
  const base = [...bases.values()].reduce((a, b) => a + b, 0);
  const results: SurveyResults = { responses: responses.length, base, rate: percent(responses.length, base), byCity: null, questions: [] };
  if (survey.mode === "linked") {
    const counts = new Map<string, number>();
    for (const r of responses) if (r.city) counts.set(r.city, (counts.get(r.city) ?? 0) + 1);
    const cities = [...new Set([...bases.keys(), ...counts.keys()])].sort((a, b) => a.localeCompare(b, "es"));
    results.byCity = cities.map((city) => {
      const n = counts.get(city) ?? 0;
      const of = bases.get(city) ?? 0;
      return { city, responses: n, base: of, rate: percent(n, of) };
    });
  }
  const byQuestion = new Map<number, Array<{ item: number | null; value: string }>>();
  for (const a of answers) {
    let list = byQuestion.get(a.question_id);
    if (!list) byQuestion.set(a.question_id, (list = []));
    list.push({ item: a.agenda_item_id, value: a.value });
  }
  for (const q of questions) {
    const own = byQuestion.get(q.id) ?? [];
    if (q.hidden && own.length === 0) continue;
    results.questions.push(resultOf(q, own, sessions, lang, words));
  }
  return results;
}

function resultOf(
  q: Question,
  own: Array<{ item: number | null; value: string }>,
  sessions: Array<{ id: number; title: string }>,
  lang: Lang,
  words: { yes: string; no: string; scale: Record<string, string> },
): QuestionResult {
  const label = inLanguage(q.wording, lang);
  if (q.perSession) {
    return {
      id: q.id,
      label,
      kind: "sessions",
      rows: sessions.map((s) => {
        const counts = countByCode(
          q,
          own.filter((a) => a.item === s.id).map((a) => a.value),
        );
        return { session: s.title, answered: counts.reduce((a, b) => a + b, 0), mean: scaleMean(counts), counts };
      }),
    };
  }
  const values = own.filter((a) => a.item === null).map((a) => a.value);
  const codes = countedCodes(q);
  if (codes.length) {
    const counts = countByCode(q, values);
    const labels =
      q.kind === "yes_no" ? [words.yes, words.no] : q.kind === "scale" ? codes.map((c) => words.scale[c] ?? c) : q.options.map((o) => inLanguage(o, lang));
    return {
      id: q.id,
      label,
      kind: "counted",
      scale: q.kind === "scale",
      answered: values.length,
      bars: counts.map((value, i) => ({ label: labels[i], value })),
      mean: q.kind === "scale" ? scaleMean(counts) : null,
    };
  }
  if (listedKinds.includes(q.kind)) {
    const options = q.options.map((o) => ({ code: o.code, label: inLanguage(o, lang) }));
    return { id: q.id, label, kind: "listed", answered: values.length, texts: values.map((v) => answerText({ kind: q.kind, options }, v, words)) };
  }
  const sorted = [...values].sort((a, b) => (q.kind === "number" ? Number(a) - Number(b) : a.localeCompare(b)));
  const mean = q.kind === "number" && values.length ? Math.round((values.reduce((n, v) => n + Number(v), 0) / values.length) * 10) / 10 : null;
  return { id: q.id, label, kind: "figures", answered: values.length, least: sorted[0] ?? null, most: sorted[sorted.length - 1] ?? null, mean };
}
