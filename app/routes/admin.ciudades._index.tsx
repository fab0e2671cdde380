import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { format, useLocale, useT } from "~/i18n/index";
import { listCityOverview } from "~/features/cities/overview.server";
import { formatDate } from "~/lib/time";
import { requireOrganizer } from "~/server/auth.server";
import { getDb } from "~/server/db.server";

// The 32 capitals as members, for organizers: each city's focal points (enlaces), how many
// people its roster verifies, and when the city last did anything. Each row leads to the city.

export const meta: MetaFunction = () => [{ title: "Ciudades · Organizadores · Convoca" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  return { cities: await listCityOverview(getDb()) };
}

export default function Cities() {
  const { cities } = useLoaderData<typeof loader>();
  const t = useT().cities;
  const locale = useLocale();
  const withFocal = cities.filter((c) => c.focalPoints.length > 0).length;
  const verified = cities.reduce((n, c) => n + c.verified, 0);
  return (
    <section>
      <h1>{t.list.title}</h1>
      <p className="lead">{t.list.intro}</p>
      <p>{format(t.list.summary, { withFocal, total: cities.length, verified })}</p>
      <div className="table-scroll">
        <table className="data cities-table">
          <thead>
            <tr>
              <th scope="col">{t.list.columns.city}</th>
              <th scope="col">{t.list.columns.focalPoints}</th>
              <th scope="col" className="num">
                {t.list.columns.verified}
              </th>
              <th scope="col">{t.list.columns.lastActivity}</th>
            </tr>
          </thead>
          <tbody>
            {cities.map((c) => (
              <tr key={c.dane}>
                <th scope="row">
                  <Link to={`/admin/ciudades/${c.dane}`}>{c.name}</Link>
                  <br />
                  <span className="muted">{c.department}</span>
                </th>
                <td>{c.focalPoints.length > 0 ? c.focalPoints.join(", ") : <span className="muted">{t.list.noFocalPoint}</span>}</td>
                <td className="num">{c.verified}</td>
                <td>{c.lastActivity ? formatDate(c.lastActivity, "America/Bogota", locale) : <span className="muted">{t.list.never}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
