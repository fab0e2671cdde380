import type { LoaderFunctionArgs } from "@remix-run/node";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { listForOrganizers } from "~/features/registrations/queries.server";
import { registrationRows } from "~/features/registrations/export.server";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { getDb } from "~/server/db.server";
import { actorOf } from "~/server/audit.server";
import { recordSensitiveExport } from "~/features/questions/commands.server";
import { answerColumnsFor } from "~/features/questions/export.server";
import { parseListFilters } from "~/features/registrations/forms";
import { csvResponse } from "~/server/spreadsheet.server";

// /admin/encuentros/:slug/registros.csv — the list as shown (same filters), UTF-8 with BOM.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const locale = await getLocale(request);
  const rows = await listForOrganizers(db, encounter.id, parseListFilters(new URL(request.url)));
  // One column per registration question; sensitive answers included, their export audited.
  const columns = await answerColumnsFor(db, encounter.id, locale, messagesFor(locale));
  if (columns.sensitive) await recordSensitiveExport(db, encounter.id, actorOf.organizer(organizer.id), "csv");
  return csvResponse(`inscripciones-${encounter.slug}.csv`, registrationRows(rows, encounter, messagesFor(locale).registration, locale, columns));
}
