import type { LoaderFunctionArgs } from "@remix-run/node";
import { issueEncounterCertificates } from "~/features/certificates/commands/issue.server";
import { encounterCertificatesZip } from "~/features/certificates/design.server";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";

// Every attendee's certificate in one ZIP, streamed as it is made (one person at a time).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const attendees = await issueEncounterCertificates(db, encounter.id);
  const zip = await encounterCertificatesZip(db, encounter.id, attendees, getEnv().appUrl);
  return new Response(zip, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="certificados-${encounter.slug}.zip"`,
      "Cache-Control": "no-store",
    },
  });
}
