import type { LoaderFunctionArgs } from "@remix-run/node";
import { findEvidence } from "~/features/commitments/queries/commitment.server";
import { requireCommitment } from "~/features/commitments/access.server";
import { requireId } from "~/server/params.server";
import { getDb } from "~/server/db.server";
import { sendFile } from "~/server/file-response.server";
import { notFound } from "~/server/http.server";
import { filePathForKey } from "~/server/storage.server";

// An evidence file of a history entry, for the city's authorities and organizers only; served
// as a download (never inline), with nosniff and a sandboxing CSP.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const { commitment } = await requireCommitment(request, db, params);
  const evidence = await findEvidence(db, commitment.id, requireId(params, "updateId"));
  if (!evidence?.evidence_key) notFound();
  const waitForDrain = (context as { waitForDrain?: () => Promise<void> } | undefined)?.waitForDrain;
  const { response } = await sendFile(
    request,
    {
      path: filePathForKey(evidence.evidence_key),
      size: evidence.evidence_size ?? 0,
      contentType: evidence.evidence_type ?? "application/octet-stream",
      downloadName: evidence.evidence_name ?? "evidencia",
      sha256: evidence.evidence_sha256 ?? evidence.evidence_key,
      lastModified: evidence.created_at,
    },
    { waitForDrain },
  );
  return response;
}
