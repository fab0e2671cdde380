import type { LoaderFunctionArgs } from "@remix-run/node";
import { messagesFor } from "~/i18n";
import { getLocale } from "~/i18n/locale.server";
import { crossEncounterReport } from "~/models/reports.server";
import { crossReportSheets } from "~/services/report-tables.server";
import { requireOrganizer } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readCrossReportFilters } from "~/utils/report-filters.server";
import { csvResponse } from "~/utils/spreadsheet.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const { filters } = readCrossReportFilters(new URL(request.url));
  const report = await crossEncounterReport(getDb(), filters, new Date().toISOString().slice(0, 10));
  const sheets = crossReportSheets(report, messagesFor(await getLocale(request)).reports);
  return csvResponse("informe-ciudades.csv", sheets[0].rows);
}
