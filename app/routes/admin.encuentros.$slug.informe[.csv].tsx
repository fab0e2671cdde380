import type { LoaderFunctionArgs } from "@remix-run/node";
import { messagesFor } from "~/i18n";
import { getLocale } from "~/i18n/locale.server";
import { encounterReport } from "~/models/reports.server";
import { encounterReportSheets } from "~/services/report-tables.server";
import { requireOrganizerEncounter } from "~/utils/admin-encounter.server";
import { getDb } from "~/utils/db.server";
import { csvResponse } from "~/utils/spreadsheet.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const sheets = encounterReportSheets(await encounterReport(db, encounter.id), messagesFor(await getLocale(request)).reports);
  return csvResponse(`informe-${encounter.slug}.csv`, sheets[0].rows);
}
