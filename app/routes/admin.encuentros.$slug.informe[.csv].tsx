import type { LoaderFunctionArgs } from "@remix-run/node";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { encounterReport } from "~/features/reports/queries.server";
import { encounterReportSheets } from "~/features/reports/tables.server";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { getDb } from "~/server/db.server";
import { csvResponse } from "~/server/spreadsheet.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const sheets = encounterReportSheets(await encounterReport(db, encounter.id), messagesFor(await getLocale(request)).reports);
  return csvResponse(`informe-${encounter.slug}.csv`, sheets[0].rows);
}
