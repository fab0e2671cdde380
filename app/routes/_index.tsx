import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EncounterDate } from "~/features/encounters/components/encounter-date";
import { useT } from "~/i18n/index";
import { listPublicEncounters } from "~/features/encounters/queries.server";
import { getDb } from "~/server/db.server";
import { lightPage } from "~/lib/light-page";

// Read, not worked in: no React on a first visit (app/lib/light-page.ts).
export const handle = lightPage;

export const meta: MetaFunction = () => [{ title: "Convoca · Encuentros de Ciudades Capitales" }];

export async function loader() {
  const encounters = await listPublicEncounters(getDb());
  const now = new Date().toISOString();
  return {
    upcoming: encounters.filter((e) => e.ends_at >= now).reverse(),
    past: encounters.filter((e) => e.ends_at < now),
  };
}

type Item = Awaited<ReturnType<typeof loader>>["upcoming"][number];

function EncounterCard({ encounter }: { encounter: Item }) {
  return (
    <li className="card">
      <h3>
        <Link to={`/encuentros/${encounter.slug}`}>{encounter.title}</Link>
      </h3>
      <p className="muted">
        <EncounterDate startsAt={encounter.starts_at} endsAt={encounter.ends_at} timezone={encounter.timezone} />
        {encounter.host_city ? ` · ${encounter.host_city}` : null}
      </p>
      <p>{encounter.summary}</p>
    </li>
  );
}

export default function Home() {
  const { upcoming, past } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t.home.title}</h1>
      <p className="lead">{t.home.intro}</p>
      {upcoming.length + past.length === 0 ? <p>{t.home.none}</p> : null}
      {upcoming.length > 0 ? (
        <section aria-labelledby="upcoming">
          <h2 id="upcoming">{t.home.upcoming}</h2>
          <ul className="card-list">
            {upcoming.map((e) => (
              <EncounterCard key={e.id} encounter={e} />
            ))}
          </ul>
        </section>
      ) : null}
      {past.length > 0 ? (
        <section aria-labelledby="past">
          <h2 id="past">{t.home.past}</h2>
          <ul className="card-list">
            {past.map((e) => (
              <EncounterCard key={e.id} encounter={e} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
