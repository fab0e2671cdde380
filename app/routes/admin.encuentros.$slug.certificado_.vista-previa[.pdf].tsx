import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadCertificateDesign } from "~/features/certificates/design.server";
import { certificatePdf } from "~/features/certificates/pdf.server";
import { encounterAgendaHours } from "~/features/certificates/queries.server";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { messagesFor } from "~/i18n/catalog.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";

// /admin/encuentros/:slug/certificado/vista-previa.pdf?lang=es|en: the certificate as the saved
// design makes it, for a sample person (a Vietnamese name, to see that any name renders),
// marked as a preview; its code is no real one.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const locale = new URL(request.url).searchParams.get("lang") === "en" ? "en" : "es";
  const sample = messagesFor(locale).certificates.pdf;
  const pdf = await certificatePdf(
    {
      registrationId: 0,
      code: "XXXX-XXXX-XXXX",
      fullName: sample.sampleName,
      entity: sample.sampleEntity,
      city: sample.sampleCity,
      encounterTitle: encounter.title,
      encounterSlug: encounter.slug,
      startsAt: encounter.starts_at,
      timezone: encounter.timezone,
      venue: encounter.venue,
      locale,
    },
    { appUrl: getEnv().appUrl, design: await loadCertificateDesign(db, encounter.id), hours: await encounterAgendaHours(db, encounter.id), preview: true },
  );
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="vista-previa-certificado-${encounter.slug}-${locale}.pdf"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
