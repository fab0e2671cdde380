import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { format, useLocale, useT } from "~/i18n/index";
import { listRegistrations } from "~/features/registrations/queries.server";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { getDb } from "~/server/db.server";
import { formatDateTime, formatTime } from "~/lib/time";

// /admin/encuentros/:slug/acreditacion/asistencia — the attendance list by city, for printing
// (one block per city, with a signature column) or exporting.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Asistencia · ${data.encounter.title} · Convoca` : "Convoca" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const rows = await listRegistrations(db, encounter.id, { status: "confirmed" });
  const byCity = new Map<string, Array<{ id: number; name: string; entity: string; position: string; checkedInAt: string | null }>>();
  for (const r of rows) {
    const list = byCity.get(r.city_name) ?? [];
    list.push({ id: r.id, name: r.full_name, entity: r.entity, position: r.position, checkedInAt: r.checked_in_at });
    byCity.set(r.city_name, list);
  }
  const cities = [...byCity.entries()]
    .sort(([a], [b]) => a.localeCompare(b, "es"))
    .map(([city, people]) => ({ city, people: people.sort((a, b) => a.name.localeCompare(b.name, "es")) }));
  return {
    encounter: { slug: encounter.slug, title: encounter.title, timezone: encounter.timezone, startsAt: encounter.starts_at },
    cities,
  };
}

export default function AttendanceList() {
  const { encounter, cities } = useLoaderData<typeof loader>();
  const t = useT();
  const c = t.registration.checkin;
  const cols = t.registration.admin.columns;
  const locale = useLocale();
  const base = `/admin/encuentros/${encounter.slug}`;
  return (
    <section className="stack">
      <p className="no-print">
        <Link to={`${base}/acreditacion`}>{t.registration.admin.checkinNav}</Link>
      </p>
      <h1>{format(c.attendanceTitle, { encounter: encounter.title })}</h1>
      <p>{formatDateTime(encounter.startsAt, encounter.timezone, locale)}</p>
      <div className="actions no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          {c.print}
        </button>
        <a className="button button--secondary" href={`${base}/asistencia.csv`} download>
          {c.exportCsv}
        </a>
      </div>
      {cities.map(({ city, people }) => (
        <section key={city} className="attendance-city" aria-labelledby={`city-${city}`}>
          <h2 id={`city-${city}`}>
            {city} <span className="muted">({format(c.cityTotal, { checkedIn: people.filter((p) => p.checkedInAt).length, confirmed: people.length })})</span>
          </h2>
          <div className="table-scroll">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{cols.person}</th>
                  <th scope="col">{cols.entity}</th>
                  <th scope="col">{cols.position}</th>
                  <th scope="col">{c.arrivedAt}</th>
                  <th scope="col" className="signature">
                    {c.signature}
                  </th>
                </tr>
              </thead>
              <tbody>
                {people.map((p) => (
                  <tr key={p.id}>
                    <td>{p.name}</td>
                    <td>{p.entity}</td>
                    <td>{p.position}</td>
                    <td>{p.checkedInAt ? formatTime(p.checkedInAt, encounter.timezone, locale) : c.notArrived}</td>
                    <td className="signature" />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </section>
  );
}
