import type { DB } from "~db/client";
import { findEncounterBySlug } from "~/features/encounters/queries.server";
import { getOrganizer, requireOrganizer } from "~/server/auth.server";
import { notFound } from "~/server/http.server";
import { requireSlug } from "~/server/params.server";

// The guards of the pages under /encuentros/:slug and /admin/encuentros/:slug. A slug no
// encounter could have (none, too long, not as the app makes them) is a 404 before any query
// (requireSlug), after the sign-in check where there is one.

/** The encounter a visitor may see: drafts only for organizers, unknown slugs a 404. */
export async function loadVisibleEncounter(db: DB, request: Request, slug: string | undefined) {
  const wanted = requireSlug({ slug }, "slug");
  const organizer = await getOrganizer(request, db);
  const encounter = await findEncounterBySlug(db, wanted, { includeDrafts: organizer !== null });
  if (!encounter) notFound();
  return { encounter, organizer };
}

/** For organizer routes under /admin/encuentros/:slug: checks sign-in, then finds the encounter (drafts too). */
export async function requireOrganizerEncounter(db: DB, request: Request, slug: string | undefined) {
  const organizer = await requireOrganizer(request, db);
  const encounter = await findEncounterBySlug(db, requireSlug({ slug }, "slug"), { includeDrafts: true });
  if (!encounter) notFound();
  return { organizer, encounter };
}
