import type { LoaderFunctionArgs } from "@remix-run/node";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { listForOrganizers } from "~/features/registrations/queries.server";
import { registrationRows } from "~/features/registrations/export.server";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { getDb } from "~/server/db.server";
import { parseListFilters } from "~/features/registrations/forms";
import { csvResponse } from "~/server/spreadsheet.server";

// /admin/encuentros/:slug/registros.csv — the list as shown (same filters), UTF-8 with BOM.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const locale = await getLocale(request);
  const rows = await listForOrganizers(db, encounter.id, parseListFilters(new URL(request.url)));
  return csvResponse(`inscripciones-${encounter.slug}.csv`, registrationRows(rows, encounter, messagesFor(locale).registration, locale));
}
