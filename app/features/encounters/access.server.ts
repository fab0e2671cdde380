import type { DB } from "~db/client";
import { findEncounterBySlug } from "~/features/encounters/model.server";
import { getOrganizer } from "~/server/auth.server";
import { notFound } from "~/server/http.server";

/** The encounter a visitor may see: drafts only for organizers, unknown slugs a 404. */
export async function loadVisibleEncounter(db: DB, request: Request, slug: string | undefined) {
  if (!slug || slug.length > 120) notFound();
  const organizer = await getOrganizer(request, db);
  const encounter = await findEncounterBySlug(db, slug, { includeDrafts: organizer !== null });
  if (!encounter) notFound();
  return { encounter, organizer };
}
