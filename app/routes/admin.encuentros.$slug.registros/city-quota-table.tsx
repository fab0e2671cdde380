import { Link } from "@remix-run/react";
import { format, useT } from "~/i18n/index";
import type { CityCount } from "~/features/registrations/queries.server";

/** Every capital city's confirmed places against the quota, waiting and arrived; a city links to its filter. */
export function CityQuotaTable({ cities, quota }: { cities: CityCount[]; quota: number }) {
  const a = useT().registration.admin;
  return (
    <details>
      <summary>{format(a.byCity, { quota: quota })}</summary>
      <div className="table-scroll">
        <table className="data city-quota">
          <thead>
            <tr>
              <th scope="col">{a.city}</th>
              <th scope="col" className="num">
                {a.confirmed}
              </th>
              <th scope="col" className="num">
                {a.waitlisted}
              </th>
              <th scope="col" className="num">
                {a.checkedIn}
              </th>
            </tr>
          </thead>
          <tbody>
            {cities.map((c) => (
              <tr key={c.dane} className={c.confirmed >= quota ? "city-quota--full" : undefined}>
                <th scope="row">
                  <Link to={`?ciudad=${c.dane}`}>{c.name}</Link>
                  {c.confirmed >= quota ? <span className="badge badge--warn"> {a.quotaFull}</span> : null}
                </th>
                <td className="num">
                  {c.confirmed} / {quota}
                </td>
                <td className="num">{c.waitlisted}</td>
                <td className="num">{c.checkedIn}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
