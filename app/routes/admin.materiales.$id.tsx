import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field, FormAlert, RadioGroupField, SelectField, TextAreaField } from "~/components/field";
import { FileInput, uploadErrorText, visibilityOptions } from "~/features/materials/components/upload-form";
import { format, plural, useLocale, useT } from "~/i18n";
import { editMaterial, removeMaterial, restoreVersion } from "~/features/materials/commands/material.server";
import { remindNonDownloaders } from "~/features/materials/commands/mail.server";
import { findMaterial, listDownloads, listVersions, receiptsByCity } from "~/features/materials/queries.server";
import { isPendingCity } from "~/features/materials/rules";
import { addVersionFromForm, type UploadRefusal } from "~/features/materials/upload-actions.server";
import { requireOrganizer } from "~/server/auth.server";
import { formatBytes } from "~/lib/bytes";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { badRequest, notFound, readForm } from "~/server/http.server";
import { materialFieldsSchema, materialLanguages } from "~/features/materials/forms";
import { multipartBoundary } from "~/server/multipart.server";
import { materialLinkDays } from "~/server/signed-links.server";
import { defaultTimezone, formatDateTime } from "~/lib/time";
import { typeLabel } from "~/server/uploads.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.material.title} · Materiales · Convoca` : "Convoca" }];

function materialId(param: string | undefined): number {
  if (!param || !/^\d{1,9}$/.test(param)) notFound();
  return Number(param);
}

// /admin/materiales/:id: the material's data, its versions (restore), new versions, and the
// receipts: downloads by city, the registered cities that have not downloaded it, reminders.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  await requireOrganizer(request, db);
  const material = await findMaterial(db, materialId(params.id));
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

type ActionResult = ({ form: "version" } & UploadRefusal) | { form: "update"; errors: FieldErrors; values: Record<string, string> } | { form: "other"; error: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const organizer = await requireOrganizer(request, db);
  const material = await findMaterial(db, materialId(params.id));
  if (!material) notFound();
  const here = `/admin/materiales/${material.id}`;
  const appUrl = getEnv().appUrl;

  if (multipartBoundary(request.headers.get("Content-Type"))) {
    const added = await addVersionFromForm(db, request, { organizerId: organizer.id, materialId: material.id, appUrl });
    if (!added.ok) return badRequest<ActionResult>({ form: "version", errors: added.errors, values: added.values, uploadError: added.uploadError });
    return redirect(`${here}?hecho=version&n=${added.version}&avisos=${added.notified}`);
  }

  const formData = await readForm(request).catch(() => null);
  const intent = formData?.get("intent");
  if (!formData || typeof intent !== "string") return badRequest<ActionResult>({ form: "other", error: "invalid" });

  if (intent === "update") {
    const form = parseForm(materialFieldsSchema, formData);
    if (!form.ok) return badRequest<ActionResult>({ form: "update", errors: form.errors, values: form.values });
    await editMaterial(db, { organizerId: organizer.id, materialId: material.id, fields: form.data });
    return redirect(`${here}?hecho=guardado`);
  }
  if (intent === "restore") {
    const versionId = String(formData.get("versionId") ?? "");
    const restored = /^\d{1,9}$/.test(versionId) ? await restoreVersion(db, { organizerId: organizer.id, materialId: material.id, versionId: Number(versionId) }) : null;
    if (restored === null) return badRequest<ActionResult>({ form: "other", error: "invalid" });
    return redirect(`${here}?hecho=restaurada&n=${restored}`);
  }
  if (intent === "remind") {
    const city = String(formData.get("cityId") ?? "");
    if (city !== "" && !/^\d{1,9}$/.test(city)) return badRequest<ActionResult>({ form: "other", error: "invalid" });
    const result = await remindNonDownloaders(db, { organizerId: organizer.id, materialId: material.id, cityIds: city ? [Number(city)] : undefined, appUrl });
    return redirect(`${here}?hecho=recordatorio&n=${result.enqueued}&personas=${result.people}`);
  }
  if (intent === "delete") {
    if (formData.get("confirm") !== "on") return badRequest<ActionResult>({ form: "other", error: "confirm" });
    await removeMaterial(db, { organizerId: organizer.id, materialId: material.id });
    return redirect(`/admin/materiales?hecho=eliminado`);
  }
  return badRequest<ActionResult>({ form: "other", error: "invalid" });
}

function Flash() {
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const d = t.materials.detail;
  const n = params.get("n") ?? "";
  const done = params.get("hecho");
  const notified = Number(params.get("avisos") ?? 0);
  const text =
    done === "creado"
      ? t.materials.upload.created
      : done === "version"
        ? format(d.versionAdded, { n })
        : done === "restaurada"
          ? format(d.restored, { n })
          : done === "guardado"
            ? d.saved
            : done === "recordatorio"
              ? plural(locale, d.reminded, Number(n), { people: params.get("personas") ?? "0" })
              : null;
  if (!text) return null;
  return (
    <p className="alert alert--ok" role="status">
      {text}
      {notified > 0 ? ` ${plural(locale, t.materials.upload.notified, notified)}` : null}
    </p>
  );
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
  const updateRefusal = result?.form === "update" ? result : null;
  const versionError = uploadErrorText(t, versionRefusal?.uploadError, data.maxMb);
  const languages = t.materials.languages as Record<string, string>;
  const values = updateRefusal?.values ?? { title: m.title, description: m.description, language: m.language, visibility: m.visibility };
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
      <Flash />
      {result?.form === "other" ? <FormAlert>{t.errors.invalid}</FormAlert> : null}

      <section aria-labelledby="receipts-title">
        <h2 id="receipts-title">{d.receipts}</h2>
        {m.general ? <p className="muted">{d.receiptsGeneral}</p> : null}
        {!m.general ? (
          data.receipts.every((r) => r.audience === 0) ? (
            <p>{d.noAudience}</p>
          ) : data.pending.length === 0 ? (
            <p className="alert alert--ok">{d.nonePending}</p>
          ) : (
            <div className="pending-cities">
              <h3>
                {d.pending} ({data.pending.length})
              </h3>
              <ul className="pending-cities__list">
                {data.pending.map((r) => (
                  <li key={r.cityId}>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="remind" />
                      <input type="hidden" name="cityId" value={r.cityId} />
                      {r.name} ({r.audience}){" "}
                      <button type="submit" className="button button--small button--secondary" disabled={busy} aria-label={format(d.remindCity, { city: r.name })}>
                        {d.remind}
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
              <Form method="post">
                <input type="hidden" name="intent" value="remind" />
                <button type="submit" className="button" disabled={busy}>
                  {d.remindAll}
                </button>
              </Form>
            </div>
          )
        ) : null}
        {data.receipts.length > 0 ? (
          <div className="table-scroll">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{d.city}</th>
                  {!m.general ? (
                    <th scope="col" className="num">
                      {d.audience}
                    </th>
                  ) : null}
                  <th scope="col" className="num">
                    {d.downloaders}
                  </th>
                  <th scope="col" className="num">
                    {d.downloads}
                  </th>
                  <th scope="col">{d.lastDownload}</th>
                </tr>
              </thead>
              <tbody>
                {data.receipts.map((r) => (
                  <tr key={r.cityId} className={!m.general && isPendingCity(r) ? "row--pending" : undefined}>
                    <th scope="row">{r.name}</th>
                    {!m.general ? <td className="num">{r.audience}</td> : null}
                    <td className="num">{r.downloaders}</td>
                    <td className="num">{r.downloads}</td>
                    <td>{r.lastDownloadAt ? when(r.lastDownloadAt) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="recent-title">
        <h2 id="recent-title">{d.recent}</h2>
        {data.downloads.length === 0 ? (
          <p>{d.noDownloads}</p>
        ) : (
          <div className="table-scroll">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{d.when}</th>
                  <th scope="col">{d.who}</th>
                  <th scope="col">{d.city}</th>
                  <th scope="col">{d.version}</th>
                  <th scope="col">{d.channel}</th>
                </tr>
              </thead>
              <tbody>
                {data.downloads.map((row) => (
                  <tr key={row.id}>
                    <td>{when(row.created_at)}</td>
                    <td>
                      {row.participant_name ? (
                        <>
                          {row.participant_name}
                          <br />
                          <span className="muted">{row.participant_entity}</span>
                        </>
                      ) : row.organizer_name ? (
                        format(d.organizer, { name: row.organizer_name })
                      ) : (
                        "—"
                      )}
                    </td>
                    <td>{row.city_name ?? "—"}</td>
                    <td className="num">{row.version}</td>
                    <td>{row.via ? d.via[row.via] : d.via.unknown}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="versions-title">
        <h2 id="versions-title">{d.versions}</h2>
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{d.version}</th>
                <th scope="col">{d.file}</th>
                <th scope="col">{d.uploadedAt}</th>
                <th scope="col">{d.uploadedBy}</th>
                <th scope="col" className="num">
                  {d.downloads}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{d.restore}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.versions.map((v) => (
                <tr key={v.id}>
                  <th scope="row">
                    {v.version} {v.id === m.currentVersionId ? <span className="badge badge--ok">{d.current}</span> : null}
                  </th>
                  <td>
                    <a href={`/materiales/${m.id}/descargar?v=${v.version}`} download>
                      {v.original_name}
                    </a>
                    <br />
                    <span className="muted">
                      {v.typeLabel} · {formatBytes(v.size, locale)} ·{" "}
                      <abbr title={v.sha256}>
                        {d.sha256} {v.sha256.slice(0, 12)}…
                      </abbr>
                    </span>
                  </td>
                  <td>{when(v.created_at)}</td>
                  <td>{v.uploaded_by_name ?? "—"}</td>
                  <td className="num">{v.downloads}</td>
                  <td>
                    {v.id !== m.currentVersionId ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="restore" />
                        <input type="hidden" name="versionId" value={v.id} />
                        <button type="submit" className="button button--small button--secondary" disabled={busy} aria-label={format(d.restoreLabel, { n: v.version })}>
                          {d.restore}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <Form method="post" encType="multipart/form-data" className="stack material-form" aria-labelledby="new-version-title">
        <h2 id="new-version-title">{d.newVersion}</h2>
        <p>{d.newVersionHint}</p>
        {versionError ? <FormAlert>{versionError}</FormAlert> : null}
        <FileInput maxMb={data.maxMb} error={versionError} label={t.materials.upload.file} hint={format(t.materials.upload.fileHint, { max: data.maxMb })} />
        {!m.general ? (
          <div className="checkbox">
            <input type="checkbox" id="field-version-notify" name="notify" value="on" />
            <label htmlFor="field-version-notify">
              {t.materials.upload.notify} <span className="field__hint">— {format(t.materials.upload.notifyHint, { days: data.notifyDays })}</span>
            </label>
          </div>
        ) : null}
        <div>
          <button type="submit" className="button" disabled={busy}>
            {busy ? t.materials.upload.submitting : d.newVersionSubmit}
          </button>
        </div>
      </Form>

      <Form method="post" className="stack material-form" aria-labelledby="data-title">
        <h2 id="data-title">{d.data}</h2>
        {updateRefusal ? <FormAlert>{t.common.formHasErrors}</FormAlert> : null}
        <input type="hidden" name="intent" value="update" />
        <Field name="title" label={t.materials.upload.materialTitle} required maxLength={200} defaultValue={values.title} error={updateRefusal?.errors.title} />
        <TextAreaField name="description" label={t.materials.upload.description} maxLength={2000} defaultValue={values.description} error={updateRefusal?.errors.description} />
        <SelectField
          name="language"
          label={t.materials.upload.language}
          required
          defaultValue={values.language}
          error={updateRefusal?.errors.language}
          options={materialLanguages.map((code) => ({ value: code, label: t.materials.languages[code] }))}
        />
        <RadioGroupField
          name="visibility"
          id="field-edit-visibility"
          legend={t.materials.upload.visibility}
          value={values.visibility}
          error={updateRefusal?.errors.visibility}
          options={visibilityOptions(t)}
        />
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
