import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { answerRows, summarySheet } from "~/features/surveys/export.server";
import { findSurvey } from "~/features/surveys/queries.server";
import { surveyResults } from "~/features/surveys/results.server";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/http.server";
import { requireId } from "~/server/params.server";
import { xlsxResponse } from "~/server/spreadsheet.server";

// /admin/encuentros/:slug/encuestas/:id/respuestas.xlsx — the answers, and the results page's figures.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const survey = await findSurvey(db, encounter.id, requireId(params, "id"));
  if (!survey) notFound();
  const locale = await getLocale(request);
  const t = messagesFor(locale);
  const words = { yes: t.questions.fields.yes, no: t.questions.fields.no, scale: t.questions.fields.scale };
  const [rows, results] = await Promise.all([answerRows(db, survey, encounter.timezone, locale, t), surveyResults(db, survey, locale, words)]);
  return xlsxResponse(`encuesta-${encounter.slug}-${survey.id}.xlsx`, [{ name: t.surveys.admin.answersSheet, rows }, summarySheet(results, t.surveys.admin)]);
}
