import type { LoaderFunctionArgs } from "@remix-run/node";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { listForOrganizers } from "~/features/registrations/queries.server";
import { registrationSheets } from "~/features/registrations/export.server";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { getDb } from "~/server/db.server";
import { parseListFilters } from "~/features/registrations/forms";
import { xlsxResponse } from "~/server/spreadsheet.server";

// /admin/encuentros/:slug/registros.xlsx — the list as shown (same filters), as a workbook.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const locale = await getLocale(request);
  const rows = await listForOrganizers(db, encounter.id, parseListFilters(new URL(request.url)));
  return xlsxResponse(`inscripciones-${encounter.slug}.xlsx`, registrationSheets(rows, encounter, messagesFor(locale).registration, locale));
}
