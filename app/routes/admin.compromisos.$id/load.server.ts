import type { Params } from "@remix-run/react";
import { findCommitment } from "~/features/commitments/queries/commitment.server";
import { requireOrganizer } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/http.server";
import { requireId } from "~/server/params.server";

/** The signed-in organizer and the commitment named in the URL; anyone else signs in, an unknown id is a 404. */
export async function loadForOrganizer(request: Request, params: Params) {
  const organizer = await requireOrganizer(request);
  const db = getDb();
  const commitment = await findCommitment(db, requireId(params, "id"));
  if (!commitment) notFound();
  return { db, organizer, commitment };
}
