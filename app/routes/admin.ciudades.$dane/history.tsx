import { Link } from "@remix-run/react";
import type { CityEncounter } from "~/features/cities/overview.server";
import type { ListedCommitment } from "~/features/commitments/queries/lists.server";
import { DueDate, StatusBadge } from "~/features/commitments/components/summary";
import { useLocale, useT } from "~/i18n/index";
import { formatDate } from "~/lib/time";

// A city's history for organizers: the encounters its people registered for (and came to), its
// commitments with their status, and the materials its people downloaded.

interface History {
  encounters: CityEncounter[];
  commitments: Pick<ListedCommitment, "id" | "title" | "encounterTitle" | "status" | "overdue" | "progress" | "dueDate">[];
  downloads: Array<{ id: number; title: string; downloads: number; people: number; last: string | null }>;
}

export function CityHistory({ history }: { history: History }) {
  const t = useT().cities.city;
  const locale = useLocale();
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t.historyTitle}</h2>

      <h3>{t.encountersTitle}</h3>
      {history.encounters.length === 0 ? (
        <p>{t.encountersNone}</p>
      ) : (
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t.encounterColumns.encounter}</th>
                <th scope="col">{t.encounterColumns.date}</th>
                <th scope="col" className="num">
                  {t.encounterColumns.registered}
                </th>
                <th scope="col" className="num">
                  {t.encounterColumns.attended}
                </th>
              </tr>
            </thead>
            <tbody>
              {history.encounters.map((e) => (
                <tr key={e.slug}>
                  <th scope="row">
                    <Link to={`/admin/encuentros/${e.slug}`}>{e.title}</Link>
                  </th>
                  <td>{formatDate(e.startsAt, e.timezone, locale)}</td>
                  <td className="num">{e.registered}</td>
                  <td className="num">{e.attended}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3>{t.commitmentsTitle}</h3>
      {history.commitments.length === 0 ? (
        <p>{t.commitmentsNone}</p>
      ) : (
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t.commitmentColumns.commitment}</th>
                <th scope="col">{t.commitmentColumns.encounter}</th>
                <th scope="col">{t.commitmentColumns.status}</th>
                <th scope="col" className="num">
                  {t.commitmentColumns.progress}
                </th>
                <th scope="col">{t.commitmentColumns.due}</th>
              </tr>
            </thead>
            <tbody>
              {history.commitments.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/admin/compromisos/${c.id}`}>{c.title}</Link>
                  </th>
                  <td>{c.encounterTitle}</td>
                  <td>
                    <StatusBadge status={c.status} overdue={c.overdue} />
                  </td>
                  <td className="num">{c.progress} %</td>
                  <td>
                    <DueDate date={c.dueDate} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3>{t.downloadsTitle}</h3>
      {history.downloads.length === 0 ? (
        <p>{t.downloadsNone}</p>
      ) : (
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t.downloadColumns.material}</th>
                <th scope="col" className="num">
                  {t.downloadColumns.downloads}
                </th>
                <th scope="col" className="num">
                  {t.downloadColumns.people}
                </th>
                <th scope="col">{t.downloadColumns.last}</th>
              </tr>
            </thead>
            <tbody>
              {history.downloads.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    <Link to={`/admin/materiales/${d.id}`}>{d.title}</Link>
                  </th>
                  <td className="num">{d.downloads}</td>
                  <td className="num">{d.people}</td>
                  <td>{d.last ? formatDate(d.last, "America/Bogota", locale) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
