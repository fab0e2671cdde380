import { findCommitment } from "~/features/commitments/queries/commitment.server";
import { parseId } from "~/features/commitments/access.server";
import { requireOrganizer } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/http.server";

/** The signed-in organizer and the commitment named in the URL; anyone else signs in, an unknown id is a 404. */
export async function loadForOrganizer(request: Request, idParam: string | undefined) {
  const organizer = await requireOrganizer(request);
  const db = getDb();
  const id = parseId(idParam);
  const commitment = id ? await findCommitment(db, id) : null;
  if (!commitment) notFound();
  return { db, organizer, commitment };
}
