import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { answerRows } from "~/features/surveys/export.server";
import { findSurvey } from "~/features/surveys/queries.server";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/http.server";
import { requireId } from "~/server/params.server";
import { csvResponse } from "~/server/spreadsheet.server";

// /admin/encuentros/:slug/encuestas/:id/respuestas.csv — a survey's answers, one row per response.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const survey = await findSurvey(db, encounter.id, requireId(params, "id"));
  if (!survey) notFound();
  const locale = await getLocale(request);
  return csvResponse(`encuesta-${encounter.slug}-${survey.id}.csv`, await answerRows(db, survey, encounter.timezone, locale, messagesFor(locale)));
}
