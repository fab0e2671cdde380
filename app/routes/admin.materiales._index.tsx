import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { MaterialUploadForm } from "~/features/materials/components/upload-form";
import { MaterialsTable } from "~/features/materials/components/materials-table";
import { useT } from "~/i18n/index";
import { listEncounterChoices, listMaterialsWithCounts } from "~/features/materials/queries.server";
import { createMaterialFromForm, refuseUpload } from "~/features/materials/upload-actions.server";
import { materialFlashes } from "~/features/materials/flash.server";
import { requireOrganizer } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { redirectWithFlash } from "~/server/flash.server";
import { materialLinkDays } from "~/server/signed-links.server";
import { typeLabel } from "~/server/uploads.server";

export const meta: MetaFunction = () => [{ title: "Materiales · Organizadores · Convoca" }];

// /admin/materiales: every material (or one encounter's, or the general ones), and the upload
// form with a choice of encounter.
export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  await requireOrganizer(request, db);
  const encounters = await listEncounterChoices(db);
  const filter = new URL(request.url).searchParams.get("encuentro");
  const chosen = filter && filter !== "general" ? encounters.find((e) => e.slug === filter) : undefined;
  const rows = await listMaterialsWithCounts(db, filter === "general" ? { encounterId: null } : chosen ? { encounterId: chosen.id } : {});
  return {
    materials: rows.map((m) => ({ ...m, typeLabel: typeLabel(m.content_type) })),
    encounters: encounters.map((e) => ({ id: e.id, slug: e.slug, title: e.title })),
    filter: filter === "general" ? "general" : (chosen?.slug ?? null),
    maxMb: getEnv().maxUploadMb,
    notifyDays: materialLinkDays,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const organizer = await requireOrganizer(request, db);
  const result = await createMaterialFromForm(db, request, { organizerId: organizer.id, appUrl: getEnv().appUrl });
  if (!result.ok) return refuseUpload(result);
  return redirectWithFlash(`/admin/materiales/${result.materialId}`, (await materialFlashes(request)).created(result.notified));
}

export default function AdminMaterials() {
  const data = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const t = useT();
  const [params] = useSearchParams();
  const linkClass = (active: boolean) => (active ? "active" : undefined);
  return (
    <section className="stack">
      <h1>{t.materials.adminTitle}</h1>
      <p>{t.materials.adminIntro}</p>
      <nav aria-label={t.materials.allMaterials} className="actions filter-links">
        <Link to="/admin/materiales" className={linkClass(!params.get("encuentro"))} aria-current={!params.get("encuentro") ? "page" : undefined}>
          {t.materials.filterAll}
        </Link>
        <Link to="?encuentro=general" className={linkClass(data.filter === "general")} aria-current={data.filter === "general" ? "page" : undefined}>
          {t.materials.filterGeneral}
        </Link>
        {data.encounters.map((e) => (
          <Link key={e.id} to={`?encuentro=${e.slug}`} className={linkClass(data.filter === e.slug)} aria-current={data.filter === e.slug ? "page" : undefined}>
            {e.title}
          </Link>
        ))}
      </nav>
      <MaterialsTable rows={data.materials} showEncounter />
      <MaterialUploadForm state={refused} maxMb={data.maxMb} notifyDays={data.notifyDays} encounters={data.encounters} />
    </section>
  );
}
