import { Form } from "@remix-run/react";
import { format, useLocale, useT } from "~/i18n/index";
import { formatBytes } from "~/lib/bytes";

export interface VersionRow {
  id: number;
  version: number;
  original_name: string;
  typeLabel: string;
  size: number;
  sha256: string;
  created_at: string;
  uploaded_by_name: string | null;
  downloads: number;
}

/** Every version of the material, newest first; any but the current one can be made current again. */
export function VersionsTable({
  materialId,
  currentVersionId,
  versions,
  busy,
  when,
}: {
  materialId: number;
  currentVersionId: number | null;
  versions: VersionRow[];
  busy: boolean;
  when: (instant: string) => string;
}) {
  const t = useT();
  const locale = useLocale();
  const d = t.materials.detail;
  return (
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
            {versions.map((v) => (
              <tr key={v.id}>
                <th scope="row">
                  {v.version} {v.id === currentVersionId ? <span className="badge badge--ok">{d.current}</span> : null}
                </th>
                <td>
                  <a href={`/materiales/${materialId}/descargar?v=${v.version}`} download>
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
                  {v.id !== currentVersionId ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="restore" />
                      <input type="hidden" name="versionId" value={v.id} />
                      <button
                        type="submit"
                        className="button button--small button--secondary"
                        disabled={busy}
                        aria-label={format(d.restoreLabel, { n: v.version })}
                      >
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
  );
}
