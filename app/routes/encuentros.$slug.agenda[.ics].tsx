import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildEncounterCalendar, calendarLocale, calendarResponse } from "~/features/agenda/calendar.server";
import { getDb } from "~/server/db.server";
import { loadVisibleEncounter } from "~/features/encounters/access.server";

// GET /encuentros/:slug/agenda.ics — the whole agenda as a calendar (also for webcal:// subscriptions).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await loadVisibleEncounter(db, request, params.slug);
  const file = await buildEncounterCalendar(db, encounter.id, { locale: calendarLocale(request) });
  return calendarResponse(request, file, { isPrivate: encounter.status === "draft" });
}
