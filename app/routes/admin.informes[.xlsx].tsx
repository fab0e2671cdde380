import type { LoaderFunctionArgs } from "@remix-run/node";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { crossEncounterReport } from "~/features/reports/queries.server";
import { crossReportSheets } from "~/features/reports/tables.server";
import { requireOrganizer } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { readCrossReportFilters } from "~/features/reports/forms";
import { xlsxResponse } from "~/server/spreadsheet.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const { filters } = readCrossReportFilters(new URL(request.url));
  const report = await crossEncounterReport(getDb(), filters, new Date().toISOString().slice(0, 10));
  const sheets = crossReportSheets(report, messagesFor(await getLocale(request)).reports);
  return xlsxResponse("informe-ciudades.xlsx", sheets);
}
