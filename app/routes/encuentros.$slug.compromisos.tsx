import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/index";
import { publicCommitments } from "~/features/reports/queries.server";
import { getDb } from "~/server/db.server";
import { loadVisibleEncounter } from "~/features/encounters/access.server";
import { notFound } from "~/server/http.server";
import { lightPage } from "~/lib/light-page";

// Read, not worked in: no React on a first visit (app/lib/light-page.ts).
export const handle = lightPage;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Compromisos · ${data?.encounter.title ?? ""} · Convoca` }];

// Shows nothing (a 404) until an organizer switches it on in the encounter's report.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await loadVisibleEncounter(db, request, params.slug);
  if (!encounter.commitments_public) notFound();
  const rows = await publicCommitments(db, encounter.id);
  const byCity = new Map<string, typeof rows>();
  for (const row of rows) byCity.set(row.city, [...(byCity.get(row.city) ?? []), row]);
  return { encounter: { slug: encounter.slug, title: encounter.title }, cities: [...byCity.entries()] };
}

export default function PublicCommitments() {
  const { encounter, cities } = useLoaderData<typeof loader>();
  const t = useT().reports;
  return (
    <article>
      <p>
        <Link to={`/encuentros/${encounter.slug}`}>← {encounter.title}</Link>
      </p>
      <h1>{t.publicTitle}</h1>
      <p className="lead">{t.publicIntro}</p>
      {cities.length === 0 ? <p>{t.noCommitments}</p> : null}
      {cities.map(([city, items]) => (
        <section key={city} aria-labelledby={`city-${items[0].dane}`}>
          <h2 id={`city-${items[0].dane}`}>{city}</h2>
          <div className="table-scroll">
            <table className="data stacked-table">
              <thead>
                <tr>
                  <th scope="col">{t.commitments}</th>
                  <th scope="col">{t.instrument}</th>
                  <th scope="col">{t.theme}</th>
                  <th scope="col">{t.status}</th>
                  <th scope="col">{t.progress}</th>
                  <th scope="col">{t.due}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{c.title}</th>
                    <td data-label={t.instrument}>{t.instruments[c.instrument]}</td>
                    <td data-label={t.theme}>{t.themes[c.theme]}</td>
                    <td data-label={t.status}>{t.statuses[c.status]}</td>
                    <td data-label={t.progress}>
                      <span className="progress">
                        <span
                          className="progress-bar"
                          role="progressbar"
                          aria-valuenow={c.progress}
                          aria-valuemin={0}
                          aria-valuemax={100}
                          aria-label={t.progress}
                        >
                          <span className="progress-bar__fill" style={{ width: `${c.progress}%` }} />
                        </span>
                        <span className="progress__value">{c.progress} %</span>
                      </span>
                    </td>
                    <td data-label={t.due}>{c.due_date}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </article>
  );
}
