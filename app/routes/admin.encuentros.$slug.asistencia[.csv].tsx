import type { LoaderFunctionArgs } from "@remix-run/node";
import { messagesFor } from "~/i18n";
import { getLocale } from "~/i18n/locale.server";
import { listRegistrations } from "~/models/registrations.server";
import { attendanceRows } from "~/services/registration-admin.server";
import { requireOrganizerEncounter } from "~/utils/admin-encounter.server";
import { getDb } from "~/utils/db.server";
import { csvResponse } from "~/utils/spreadsheet.server";

// /admin/encuentros/:slug/asistencia.csv — confirmed people by city with their arrival time.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const locale = await getLocale(request);
  const rows = await listRegistrations(db, encounter.id, { status: "confirmed" });
  return csvResponse(`asistencia-${encounter.slug}.csv`, attendanceRows(rows, encounter, messagesFor(locale).registration, locale));
}
