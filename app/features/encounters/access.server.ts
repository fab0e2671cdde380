import type { DB } from "~db/client";
import { findEncounterBySlug } from "~/features/encounters/queries.server";
import { getOrganizer, requireOrganizer } from "~/server/auth.server";
import { notFound } from "~/server/http.server";
import { requireSlug } from "~/server/params.server";

// The guards of the pages under /encuentros/:slug and /admin/encuentros/:slug. A slug no
// encounter could have (none, too long, or for the organizers' pages not one the app makes:
// requireSlug) is a 404 before any query.

const plausibleSlug = (slug: string | undefined): slug is string => Boolean(slug) && slug!.length <= 120;

/** The encounter a visitor may see: drafts only for organizers, unknown slugs a 404. */
export async function loadVisibleEncounter(db: DB, request: Request, slug: string | undefined) {
  if (!plausibleSlug(slug)) notFound();
  const organizer = await getOrganizer(request, db);
  const encounter = await findEncounterBySlug(db, slug, { includeDrafts: organizer !== null });
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
