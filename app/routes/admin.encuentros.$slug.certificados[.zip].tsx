import type { LoaderFunctionArgs } from "@remix-run/node";
import { certificatesZip } from "~/features/certificates/certificates.server";
import { requireOrganizerEncounter } from "~/features/encounters/admin-encounter.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const { zip } = await certificatesZip(db, encounter.id, getEnv().appUrl);
  return new Response(new Uint8Array(zip), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="certificados-${encounter.slug}.zip"`,
      "Cache-Control": "no-store",
    },
  });
}
