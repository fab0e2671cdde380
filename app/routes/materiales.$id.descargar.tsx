import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { currentVersionOf, serveVersion, viewerOf } from "~/features/materials/downloads.server";
import { accessOf, findMaterial, findVersion } from "~/features/materials/queries.server";
import { hiddenFrom } from "~/features/materials/rules";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/http.server";

// GET /materiales/:id/descargar: the current version for whoever may have it; organizers may
// ask for an older one with ?v=<version>. A resource route: it checks access itself.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const id = /^\d{1,9}$/.test(params.id ?? "") ? Number(params.id) : null;
  const material = id ? await findMaterial(db, id) : null;
  if (!material) notFound();
  const viewer = await viewerOf(db, request);
  if (hiddenFrom(viewer, material)) notFound();

  const access = await accessOf(db, viewer, material);
  if (access === "signIn") {
    const back = material.encounter_slug ? `/encuentros/${material.encounter_slug}/materiales` : `/materiales/${material.id}/descargar`;
    throw redirect(`/ingresar/enlace?redirectTo=${encodeURIComponent(back)}`);
  }
  if (access !== "allowed") {
    throw new Response(
      access === "attend"
        ? "Este material es solo para quienes asistieron al encuentro."
        : "Este material es solo para las personas inscritas en el encuentro.",
      { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } },
    );
  }

  const current = currentVersionOf(material);
  const asked = new URL(request.url).searchParams.get("v");
  let version = current;
  if (asked !== null && viewer.organizerId !== null) {
    const older = /^\d{1,6}$/.test(asked) ? await findVersion(db, material.id, Number(asked)) : null;
    if (!older) notFound();
    version = older;
  }
  return serveVersion(
    db,
    request,
    version,
    { participantId: viewer.participantId, organizerId: viewer.organizerId, via: "page" },
    { waitForDrain: context.waitForDrain },
  );
}
