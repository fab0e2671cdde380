import type { LoaderFunctionArgs } from "@remix-run/node";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { encounterReport } from "~/features/reports/queries.server";
import { encounterReportSheets } from "~/features/reports/tables.server";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { getDb } from "~/server/db.server";
import { xlsxResponse } from "~/server/spreadsheet.server";
import { questionReport, questionReportSheets } from "~/features/questions/report.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const locale = await getLocale(request);
  const t = messagesFor(locale);
  // The registration questions' figures too, sensitive ones only as aggregates under the small-count rule.
  const questions = questionReportSheets(await questionReport(db, encounter.id, locale, t.common), t.questions.report);
  const sheets = [...encounterReportSheets(await encounterReport(db, encounter.id), t.reports), ...questions];
  return xlsxResponse(`informe-${encounter.slug}.xlsx`, sheets);
}
