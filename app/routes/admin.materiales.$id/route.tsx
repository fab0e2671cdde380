import { getFormProps, useForm } from "@conform-to/react";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CheckboxField, FormAlert, FormErrors } from "~/components/forms";
import { FileInput, MaterialFields, uploadErrorText } from "~/features/materials/components/upload-form";
import { findMaterial, listDownloads, listVersions, receiptsByCity } from "~/features/materials/queries.server";
import { isPendingCity } from "~/features/materials/rules";
import { format, useLocale, useT } from "~/i18n/index";
import { defaultTimezone, formatDateTime } from "~/lib/time";
import { requireOrganizer } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { notFound } from "~/server/http.server";
import { requireId } from "~/server/params.server";
import { materialLinkDays } from "~/server/signed-links.server";
import { typeLabel } from "~/server/uploads.server";
import type { action } from "./actions.server";
import { DownloadsTable } from "./downloads-table";
import { ReceiptsTable } from "./receipts-table";
import { VersionsTable } from "./versions-table";

export { action } from "./actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.material.title} · Materiales · Convoca` : "Convoca" }];

// /admin/materiales/:id: the material's data, its versions (restore), new versions, and the
// receipts: downloads by city, the registered cities that have not downloaded it, reminders.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  await requireOrganizer(request, db);
  const material = await findMaterial(db, requireId(params, "id"));
  if (!material) notFound();
  const [versions, receipts, downloads] = await Promise.all([listVersions(db, material.id), receiptsByCity(db, material), listDownloads(db, material.id, 100)]);
  return {
    material: {
      id: material.id,
      title: material.title,
      description: material.description,
      language: material.language,
      visibility: material.visibility,
      currentVersionId: material.current_version_id,
      encounterSlug: material.encounter_slug,
      encounterTitle: material.encounter_title,
      general: material.encounter_id === null,
    },
    versions: versions.map((v) => ({ ...v, typeLabel: typeLabel(v.content_type), downloads: Number(v.downloads ?? 0) })),
    receipts,
    pending: material.encounter_id === null ? [] : receipts.filter(isPendingCity),
    downloads,
    maxMb: getEnv().maxUploadMb,
    notifyDays: materialLinkDays,
  };
}

export default function AdminMaterial() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const d = t.materials.detail;
  const m = data.material;
  const busy = useNavigation().state === "submitting";
  const when = (instant: string) => formatDateTime(instant, defaultTimezone, locale);
  const versionRefusal = result?.form === "version" ? result : null;
  const versionError = uploadErrorText(t, versionRefusal?.uploadError, data.maxMb);
  const [versionForm, versionFields] = useForm<{ notify: string }>({ id: "material-version", lastResult: versionRefusal });
  const [dataForm, dataFields] = useForm<{ title: string; description: string; language: string; visibility: string }>({
    id: "material-data",
    lastResult: result?.form === "update" ? result : undefined,
    defaultValue: { title: m.title, description: m.description, language: m.language, visibility: m.visibility },
  });
  const languages = t.materials.languages as Record<string, string>;
  return (
    <article className="stack">
      <p className="no-print">
        <Link to="/admin/materiales">{d.back}</Link>
        {m.encounterSlug ? (
          <>
            {" · "}
            <Link to={`/admin/encuentros/${m.encounterSlug}/materiales`}>{m.encounterTitle}</Link>
            {" · "}
            <Link to={`/encuentros/${m.encounterSlug}/materiales`}>{t.materials.encounterPage}</Link>
          </>
        ) : null}
      </p>
      <h1>{m.title}</h1>
      <p>
        <span className="badge">{t.materials.visibility[m.visibility]}</span> {languages[m.language] ?? m.language}
        {m.general ? ` · ${t.materials.filterGeneral}` : null}
      </p>
      {result?.form === "other" ? <FormAlert>{t.errors.invalid}</FormAlert> : null}

      <ReceiptsTable receipts={data.receipts} pending={data.pending} general={m.general} busy={busy} when={when} />
      <DownloadsTable downloads={data.downloads} when={when} />
      <VersionsTable materialId={m.id} currentVersionId={m.currentVersionId} versions={data.versions} busy={busy} when={when} />

      <Form
        method="post"
        encType="multipart/form-data"
        className="stack material-form"
        aria-labelledby="new-version-title"
        {...getFormProps(versionForm)}
        noValidate={false}
      >
        <h2 id="new-version-title">{d.newVersion}</h2>
        <p>{d.newVersionHint}</p>
        {versionError ? <FormAlert>{versionError}</FormAlert> : null}
        <FileInput maxMb={data.maxMb} error={versionError} label={t.materials.upload.file} hint={format(t.materials.upload.fileHint, { max: data.maxMb })} />
        {!m.general ? (
          <CheckboxField
            meta={versionFields.notify}
            id="field-version-notify"
            label={t.materials.upload.notify}
            hint={format(t.materials.upload.notifyHint, { days: data.notifyDays })}
          />
        ) : null}
        <div>
          <button type="submit" className="button" disabled={busy}>
            {busy ? t.materials.upload.submitting : d.newVersionSubmit}
          </button>
        </div>
      </Form>

      <Form method="post" className="stack material-form" aria-labelledby="data-title" {...getFormProps(dataForm)} noValidate={false}>
        <h2 id="data-title">{d.data}</h2>
        <FormErrors form={dataForm} />
        <input type="hidden" name="intent" value="update" />
        <MaterialFields fields={dataFields} visibilityId="field-edit-visibility" />
        <div>
          <button type="submit" className="button" disabled={busy}>
            {d.save}
          </button>
        </div>
      </Form>

      <Form method="post" className="stack material-form material-form--danger" aria-labelledby="delete-title">
        <h2 id="delete-title">{d.deleteTitle}</h2>
        <p>{d.deleteWarning}</p>
        <input type="hidden" name="intent" value="delete" />
        <div className="checkbox">
          <input type="checkbox" id="field-confirm" name="confirm" value="on" required />
          <label htmlFor="field-confirm">{d.deleteConfirm}</label>
        </div>
        <div>
          <button type="submit" className="button button--danger" disabled={busy}>
            {d.delete}
          </button>
        </div>
      </Form>
    </article>
  );
}
