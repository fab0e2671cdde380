import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildAgendaItemCalendar, calendarLocale, calendarResponse } from "~/features/agenda/calendar.server";
import { getDb } from "~/server/db.server";
import { loadVisibleEncounter } from "~/features/encounters/access.server";
import { notFound } from "~/server/http.server";

// GET /encuentros/:slug/agenda/:itemId.ics — one session, with the same UID as in the whole calendar.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await loadVisibleEncounter(db, request, params.slug);
  const raw = params.itemId ?? "";
  const itemId = /^\d{1,9}$/.test(raw) ? Number(raw) : null;
  const file = itemId ? await buildAgendaItemCalendar(db, encounter.id, itemId, { locale: calendarLocale(request) }) : null;
  if (!file) notFound("Esa sesión no existe en este encuentro");
  return calendarResponse(request, file, { isPrivate: encounter.status === "draft" });
}
