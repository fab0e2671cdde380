import { Form } from "@remix-run/react";
import type { CityReceipt } from "~/features/materials/queries.server";
import { isPendingCity } from "~/features/materials/rules";
import { format, useT } from "~/i18n/index";

/**
 * Downloads by city: for a material of an encounter, the cities it is meant for where nobody has
 * downloaded it come first, each with a reminder button, then the table of every city.
 */
export function ReceiptsTable({
  receipts,
  pending,
  general,
  busy,
  when,
}: {
  receipts: CityReceipt[];
  pending: CityReceipt[];
  general: boolean;
  busy: boolean;
  when: (instant: string) => string;
}) {
  const t = useT();
  const d = t.materials.detail;
  return (
    <section aria-labelledby="receipts-title">
      <h2 id="receipts-title">{d.receipts}</h2>
      {general ? <p className="muted">{d.receiptsGeneral}</p> : null}
      {!general ? (
        receipts.every((r) => r.audience === 0) ? (
          <p>{d.noAudience}</p>
        ) : pending.length === 0 ? (
          <p className="alert alert--ok">{d.nonePending}</p>
        ) : (
          <div className="pending-cities">
            <h3>
              {d.pending} ({pending.length})
            </h3>
            <ul className="pending-cities__list">
              {pending.map((r) => (
                <li key={r.cityId}>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="remind" />
                    <input type="hidden" name="cityId" value={r.cityId} />
                    {r.name} ({r.audience}){" "}
                    <button
                      type="submit"
                      className="button button--small button--secondary"
                      disabled={busy}
                      aria-label={format(d.remindCity, { city: r.name })}
                    >
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
      {receipts.length > 0 ? (
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{d.city}</th>
                {!general ? (
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
              {receipts.map((r) => (
                <tr key={r.cityId} className={!general && isPendingCity(r) ? "row--pending" : undefined}>
                  <th scope="row">{r.name}</th>
                  {!general ? <td className="num">{r.audience}</td> : null}
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
  );
}
