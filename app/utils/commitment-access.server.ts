import { redirect } from "@remix-run/node";
import type { DB } from "~db/client";
import { canAccessCommitment, findCommitment, type CommitmentActor } from "~/models/commitments.server";
import { getOrganizer, getParticipant, type SignedInOrganizer, type SignedInParticipant } from "./auth.server";
import { notFound } from "./http.server";

// Who may see and change a city's commitments: organizers, any city; a signed-in authority,
// only its own city. Anyone else is sent to sign in; another city's commitment is a 404
// (whatever id is tried, nothing says whether it exists).

export type Viewer = { kind: "organizer"; organizer: SignedInOrganizer } | { kind: "participant"; participant: SignedInParticipant };

export async function getViewer(request: Request, db: DB): Promise<Viewer | null> {
  const organizer = await getOrganizer(request, db);
  if (organizer) return { kind: "organizer", organizer };
  const participant = await getParticipant(request, db);
  return participant ? { kind: "participant", participant } : null;
}

/** An organizer or an authority; anyone else goes to the authorities' sign-in and comes back. */
export async function requireViewer(request: Request, db: DB): Promise<Viewer> {
  const viewer = await getViewer(request, db);
  if (viewer) return viewer;
  const url = new URL(request.url);
  throw redirect(`/ingresar/enlace?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

export function actorFor(viewer: Viewer): CommitmentActor {
  return viewer.kind === "organizer"
    ? { kind: "organizer", id: viewer.organizer.id, name: viewer.organizer.name }
    : { kind: "participant", id: viewer.participant.id, name: viewer.participant.fullName, cityId: viewer.participant.cityId };
}

export function viewerScope(viewer: Viewer): { kind: "organizer" } | { kind: "participant"; cityId: number } {
  return viewer.kind === "organizer" ? { kind: "organizer" } : { kind: "participant", cityId: viewer.participant.cityId };
}

export function parseId(value: string | undefined): number | null {
  if (!value || !/^\d{1,9}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
}

/** The commitment named in the URL, if this viewer may see it; otherwise a 404. */
export async function requireCommitment(request: Request, db: DB, idParam: string | undefined) {
  const viewer = await requireViewer(request, db);
  const id = parseId(idParam);
  const commitment = id ? await findCommitment(db, id) : null;
  if (!commitment || !canAccessCommitment(viewerScope(viewer), commitment)) notFound();
  return { viewer, commitment };
}
