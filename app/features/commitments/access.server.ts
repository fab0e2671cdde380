import { redirect } from "@remix-run/node";
import type { DB } from "~db/client";
import { findCommitment } from "~/features/commitments/queries/commitment.server";
import type { CommitmentActor } from "~/features/commitments/rules";
import { getOrganizer, getParticipant, type SignedInOrganizer, type SignedInParticipant } from "~/server/auth.server";
import { cityAuthorityOf, speaksFor, type CityAuthority } from "~/features/cities/authority.server";
import { notFound } from "~/server/http.server";
import { requireId } from "~/server/params.server";
import type { Params } from "@remix-run/react";

// Who may see and change a city's commitments: organizers, any city; a signed-in person, only
// the city they were verified for (city-authority.server.ts), and nothing before that. Anyone
// else is sent to sign in; another city's commitment is a 404 (whatever id is tried, nothing
// says whether it exists).

export type Viewer =
  { kind: "organizer"; organizer: SignedInOrganizer } | { kind: "participant"; participant: SignedInParticipant; authority: CityAuthority | null };

export async function getViewer(request: Request, db: DB): Promise<Viewer | null> {
  const organizer = await getOrganizer(request, db);
  if (organizer) return { kind: "organizer", organizer };
  const participant = await getParticipant(request, db);
  return participant ? { kind: "participant", participant, authority: await cityAuthorityOf(db, participant.id) } : null;
}

/** An organizer or a signed-in person; anyone else goes to the email-link sign-in and comes back. */
export async function requireViewer(request: Request, db: DB): Promise<Viewer> {
  const viewer = await getViewer(request, db);
  if (viewer) return viewer;
  const url = new URL(request.url);
  throw redirect(`/ingresar/enlace?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/** The author of a change: an organizer, or a person for the city they speak for (null: none). */
export function actorFor(viewer: Viewer): CommitmentActor | null {
  if (viewer.kind === "organizer") return { kind: "organizer", id: viewer.organizer.id, name: viewer.organizer.name };
  if (!viewer.authority) return null;
  return { kind: "participant", id: viewer.participant.id, name: viewer.participant.fullName, cityId: viewer.authority.cityId };
}

/** Organizers see every commitment; a person only those of the city they were verified for. */
export function canAccessCommitment(
  viewer: { kind: "organizer" } | { kind: "participant"; authority: CityAuthority | null },
  commitment: { city_id: number },
): boolean {
  return viewer.kind === "organizer" || speaksFor(viewer.authority, commitment.city_id);
}

export function viewerScope(viewer: Viewer): { kind: "organizer" } | { kind: "participant"; authority: CityAuthority | null } {
  return viewer.kind === "organizer" ? { kind: "organizer" } : { kind: "participant", authority: viewer.authority };
}

/** The commitment named in the URL, if this viewer may see it, with who acts on it; otherwise a 404. */
export async function requireCommitment(request: Request, db: DB, params: Params) {
  const viewer = await requireViewer(request, db);
  const commitment = await findCommitment(db, requireId(params, "id"));
  const actor = actorFor(viewer);
  if (!commitment || !actor || !canAccessCommitment(viewerScope(viewer), commitment)) notFound();
  return { viewer, commitment, actor };
}
