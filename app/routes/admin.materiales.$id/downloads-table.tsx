import type { DownloadVia } from "~db/schema";
import { format, useT } from "~/i18n/index";

export interface DownloadRow {
  id: number;
  created_at: string;
  via: DownloadVia | null;
  version: number;
  participant_name: string | null;
  participant_entity: string | null;
  city_name: string | null;
  organizer_name: string | null;
}

/** The latest downloads: when, who (a participant or an organizer), from where, which version. */
export function DownloadsTable({ downloads, when }: { downloads: DownloadRow[]; when: (instant: string) => string }) {
  const t = useT();
  const d = t.materials.detail;
  return (
    <section aria-labelledby="recent-title">
      <h2 id="recent-title">{d.recent}</h2>
      {downloads.length === 0 ? (
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
              {downloads.map((row) => (
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
  );
}
