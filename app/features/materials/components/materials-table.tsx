import { Link } from "@remix-run/react";
import { format, useLocale, useT } from "~/i18n/index";
import { formatBytes } from "~/lib/bytes";

export interface MaterialRow {
  id: number;
  title: string;
  visibility: "public" | "registered" | "attendees";
  original_name: string;
  content_type: string;
  typeLabel: string;
  size: number;
  version: number;
  versions: number | string | null;
  downloads: number | string | null;
  people: number | string | null;
  encounter_slug: string | null;
  encounter_title: string | null;
}

/** The organizer's list of materials with their download counts. */
export function MaterialsTable({ rows, showEncounter }: { rows: MaterialRow[]; showEncounter: boolean }) {
  const t = useT();
  const locale = useLocale();
  const c = t.materials.columns;
  if (rows.length === 0) return <p>{t.materials.noMaterials}</p>;
  return (
    <div className="table-scroll">
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{c.title}</th>
            {showEncounter ? <th scope="col">{c.encounter}</th> : null}
            <th scope="col">{c.visibility}</th>
            <th scope="col">{c.file}</th>
            <th scope="col" className="num">
              {c.versions}
            </th>
            <th scope="col" className="num">
              {c.downloads}
            </th>
            <th scope="col" className="num">
              {c.people}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.id}>
              <th scope="row">
                <Link to={`/admin/materiales/${m.id}`}>{m.title}</Link>
              </th>
              {showEncounter ? (
                <td>
                  {m.encounter_slug ? <Link to={`/admin/encuentros/${m.encounter_slug}/materiales`}>{m.encounter_title}</Link> : t.materials.filterGeneral}
                </td>
              ) : null}
              <td>{t.materials.visibility[m.visibility]}</td>
              <td>
                <span className="filename">{m.original_name}</span>
                <br />
                <span className="muted">
                  {m.typeLabel} · {formatBytes(m.size, locale)} · {format(t.materials.versionN, { n: m.version })}
                </span>
              </td>
              <td className="num">{Number(m.versions ?? 0)}</td>
              <td className="num">{Number(m.downloads ?? 0)}</td>
              <td className="num">{Number(m.people ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
