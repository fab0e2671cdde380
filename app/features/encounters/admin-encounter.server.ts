import type { DB } from "~db/client";
import { findEncounterBySlug } from "~/features/encounters/model.server";
import { requireOrganizer } from "~/server/auth.server";
import { notFound } from "~/server/http.server";

/** For organizer routes under /admin/encuentros/:slug: checks sign-in, then finds the encounter (drafts too). */
export async function requireOrganizerEncounter(db: DB, request: Request, slug: string | undefined) {
  const organizer = await requireOrganizer(request, db);
  if (!slug || slug.length > 120) notFound();
  const encounter = await findEncounterBySlug(db, slug, { includeDrafts: true });
  if (!encounter) notFound();
  return { organizer, encounter };
}
