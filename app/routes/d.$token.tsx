import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { currentVersionOf, serveVersion } from "~/features/materials/downloads.server";
import { findMaterial, standingOf } from "~/features/materials/queries.server";
import { accessFor } from "~/features/materials/rules";
import { getDb } from "~/server/db.server";
import { clientAddress, notFound } from "~/server/http.server";
import { limitFailedLookups, signedLinkRule } from "~/server/rate-limit.server";
import { verifyMaterialLink } from "~/server/signed-links.server";

// GET /d/:token: the signed link from an email takes that person straight to the current file,
// without a password, while it is valid and while the person still has access. The receipt
// says the download came from the link. A resource route: it checks access itself. A client
// that sent too many forged links is refused (429) before any check, good link or not.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const check = await limitFailedLookups(
    db,
    [`download-link:client:${clientAddress(context)}`],
    signedLinkRule,
    () => verifyMaterialLink(params.token ?? ""),
    (result) => !result.ok && result.reason === "invalid",
  );
  if (!check.ok && check.reason === "invalid") {
    throw new Response("El enlace de descarga no es válido. Ábralo tal como llegó en el correo.", {
      status: 403,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const { participantId, materialId } = check as { participantId: number; materialId: number };
  const material = await findMaterial(db, materialId);
  if (!material || material.encounter_status === "draft") notFound();
  const page = material.encounter_slug ? `/encuentros/${material.encounter_slug}/materiales` : "/";
  if (!check.ok) throw redirect(`${page}?enlace=vencido`);

  const standing = await standingOf(db, participantId, material.encounter_id);
  if (accessFor(material.visibility, { organizer: false, participant: true }, standing) !== "allowed") {
    throw redirect(`${page}?enlace=sin-acceso`);
  }
  return serveVersion(db, request, currentVersionOf(material), { participantId, organizerId: null, via: "link" }, { waitForDrain: context.waitForDrain });
}
