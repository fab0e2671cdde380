import type { LoaderFunctionArgs } from "@remix-run/node";
import { messagesFor } from "~/i18n";
import { getLocale } from "~/i18n/locale.server";
import { listForOrganizers, registrationSheets } from "~/services/registration-admin.server";
import { requireOrganizerEncounter } from "~/utils/admin-encounter.server";
import { getDb } from "~/utils/db.server";
import { parseListFilters } from "~/utils/registration-forms";
import { xlsxResponse } from "~/utils/spreadsheet.server";

// /admin/encuentros/:slug/registros.xlsx — the list as shown (same filters), as a workbook.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const locale = await getLocale(request);
  const rows = await listForOrganizers(db, encounter.id, parseListFilters(new URL(request.url)));
  return xlsxResponse(`inscripciones-${encounter.slug}.xlsx`, registrationSheets(rows, encounter, messagesFor(locale).registration, locale));
}
