import type { LoaderFunctionArgs } from "@remix-run/node";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { listRegistrations } from "~/features/registrations/queries.server";
import { attendanceRows } from "~/features/registrations/export.server";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { getDb } from "~/server/db.server";
import { csvResponse } from "~/server/spreadsheet.server";

// /admin/encuentros/:slug/asistencia.csv — confirmed people by city with their arrival time.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const locale = await getLocale(request);
  const rows = await listRegistrations(db, encounter.id, { status: "confirmed" });
  return csvResponse(`asistencia-${encounter.slug}.csv`, attendanceRows(rows, encounter, messagesFor(locale).registration, locale));
}
