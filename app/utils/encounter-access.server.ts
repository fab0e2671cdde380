import type { DB } from "~db/client";
import { findEncounterBySlug } from "~/models/encounters.server";
import { getOrganizer } from "./auth.server";
import { notFound } from "./http.server";

/** The encounter a visitor may see: drafts only for organizers, unknown slugs a 404. */
export async function loadVisibleEncounter(db: DB, request: Request, slug: string | undefined) {
  if (!slug || slug.length > 120) notFound();
  const organizer = await getOrganizer(request, db);
  const encounter = await findEncounterBySlug(db, slug, { includeDrafts: organizer !== null });
  if (!encounter) notFound();
  return { encounter, organizer };
}
