import type { LoaderFunctionArgs } from "@remix-run/node";
import { issueEncounterCertificates } from "~/features/certificates/commands.server";
import { certificatesZip } from "~/features/certificates/pdf.server";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const { zip } = await certificatesZip(await issueEncounterCertificates(db, encounter.id), getEnv().appUrl);
  return new Response(new Uint8Array(zip), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="certificados-${encounter.slug}.zip"`,
      "Cache-Control": "no-store",
    },
  });
}
