import type { LoaderFunctionArgs } from "@remix-run/node";
import { certificateFileName } from "~/features/certificates/rules";
import { personalCertificatePdf } from "~/features/certificates/design.server";
import { issueCertificate } from "~/features/certificates/commands/issue.server";
import { registrationOwner } from "~/features/certificates/queries.server";
import { getOrganizer, getParticipant } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { clientAddress, notFound } from "~/server/http.server";
import { limitFailedLookups, signedLinkRule } from "~/server/rate-limit.server";
import { sha256 } from "~/server/session.server";

// The attendance certificate of one registration: for organizers, for the person signed in, or
// for whoever holds that registration's manage link (?t=). Anyone else learns nothing: a 404.
// Wrong links count against the client: past the limit, any ?t= is refused (429) unchecked.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const registration = await registrationOwner(db, id);
  const token = new URL(request.url).searchParams.get("t");
  let allowed =
    registration !== undefined && ((await getOrganizer(request, db)) !== null || (await getParticipant(request, db))?.id === registration.participant_id);
  if (!allowed && token !== null) {
    allowed = await limitFailedLookups(
      db,
      [`certificate-link:client:${clientAddress(context)}`],
      signedLinkRule,
      () => registration !== undefined && token.length < 200 && sha256(token) === registration.manage_token_hash,
      (ok) => !ok,
    );
  }
  if (!registration || !allowed) notFound();
  const facts = await issueCertificate(db, id);
  if (!facts) throw new Response("El certificado está disponible cuando la persona registra su asistencia en el encuentro.", { status: 404 });
  const pdf = await personalCertificatePdf(db, facts, getEnv().appUrl);
  const name = certificateFileName(facts);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${name}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
