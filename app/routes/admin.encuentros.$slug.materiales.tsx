import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { MaterialUploadForm } from "~/features/materials/components/upload-form";
import { MaterialsTable } from "~/features/materials/components/materials-table";
import { format, useT } from "~/i18n/index";
import { listMaterialsWithCounts } from "~/features/materials/queries.server";
import { createMaterialFromForm, refuseUpload } from "~/features/materials/upload-actions.server";
import { materialFlashes } from "~/features/materials/flash.server";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { redirectWithFlash } from "~/server/flash.server";
import { materialLinkDays } from "~/server/signed-links.server";
import { typeLabel } from "~/server/uploads.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Materiales · ${data.encounter.title} · Convoca` : "Convoca" }];

// /admin/encuentros/:slug/materiales: one encounter's materials and an upload form for it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const rows = await listMaterialsWithCounts(db, { encounterId: encounter.id });
  return {
    encounter: { id: encounter.id, slug: encounter.slug, title: encounter.title },
    materials: rows.map((m) => ({ ...m, typeLabel: typeLabel(m.content_type) })),
    maxMb: getEnv().maxUploadMb,
    notifyDays: materialLinkDays,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const result = await createMaterialFromForm(db, request, { organizerId: organizer.id, encounterId: encounter.id, appUrl: getEnv().appUrl });
  if (!result.ok) return refuseUpload(result);
  return redirectWithFlash(`/admin/materiales/${result.materialId}`, (await materialFlashes(request)).created(result.notified));
}

export default function EncounterMaterials() {
  const data = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="stack">
      <p className="no-print">
        <Link to="/admin/materiales">{t.materials.allMaterials}</Link> ·{" "}
        <Link to={`/encuentros/${data.encounter.slug}/materiales`}>{t.materials.encounterPage}</Link>
      </p>
      <h1>{format(t.materials.adminEncounterTitle, { encounter: data.encounter.title })}</h1>
      <MaterialsTable rows={data.materials} showEncounter={false} />
      <MaterialUploadForm state={refused} maxMb={data.maxMb} notifyDays={data.notifyDays} fixedEncounter />
    </section>
  );
}
