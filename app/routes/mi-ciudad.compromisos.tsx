import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { format, useT } from "~/i18n/index";
import { findCityById } from "~/features/cities/queries.server";
import { listPublicEncounters } from "~/features/encounters/queries.server";
import { DueDate, ProgressMeter, StatusBadge } from "~/features/commitments/components/summary";
import { listCityCommitments } from "~/features/commitments/queries/lists.server";
import { requireViewer } from "~/features/commitments/access.server";
import { personalCityFeedUrl } from "~/features/commitments/city-feed.server";
import { AwaitingVerification } from "~/features/cities/components/awaiting-verification";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/http.server";

// The city's commitments across encounters, for its signed-in authorities: status, progress,
// the next date (the next reminder, else the due date), and the city's calendar feed.

export const meta: MetaFunction = () => [{ title: "Compromisos de mi ciudad · Convoca" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const viewer = await requireViewer(request, db);
  if (viewer.kind === "organizer") throw redirect("/admin/compromisos");
  // Nothing of any city until an organizer (or a check-in at an encounter) verified the person.
  if (!viewer.authority) return { verified: false as const };
  const city = await findCityById(db, viewer.authority.cityId);
  if (!city) notFound();
  const [commitments, encounters] = await Promise.all([listCityCommitments(db, city.id), listPublicEncounters(db)]);
  return {
    verified: true as const,
    city: { name: city.name },
    commitments,
    encounters: encounters.slice(0, 4).map((e) => ({ slug: e.slug, title: e.title })),
    feedUrl: personalCityFeedUrl(city, viewer.participant.id),
  };
}

export default function MyCityCommitmentsPage() {
  const page = useLoaderData<typeof loader>();
  return page.verified ? <MyCityCommitments {...page} /> : <AwaitingVerification />;
}

function MyCityCommitments({ city, commitments, encounters, feedUrl }: Extract<ReturnType<typeof useLoaderData<typeof loader>>, { verified: true }>) {
  const t = useT().commitments;
  const roster = useT().cities.roster;
  return (
    <section>
      <h1>{format(t.cityTitle, { city: city.name })}</h1>
      <p className="lead">{t.cityIntro}</p>
      <p>
        <Link to="/mi-ciudad/directorio">{roster}</Link>
      </p>
      <ul className="actions plain-list">
        {encounters.map((e) => (
          <li key={e.slug}>
            <Link className="button" to={`/encuentros/${e.slug}/compromisos/nuevo`}>
              {format(t.recordFor, { encounter: e.title })}
            </Link>
          </li>
        ))}
      </ul>
      {commitments.length === 0 ? <p>{t.cityEmpty}</p> : null}
      <ul className="commitment-list">
        {commitments.map((c) => (
          <li key={c.id} className="card commitment-card">
            <h2>
              <Link to={`/compromisos/${c.id}`}>{c.title}</Link>
            </h2>
            <p className="muted">{c.encounterTitle}</p>
            <p>
              <StatusBadge status={c.status} overdue={c.overdue} />
            </p>
            <ProgressMeter value={c.progress} label={t.columns.progress} />
            <dl className="facts facts--compact">
              <dt>{t.columns.due}</dt>
              <dd>
                <DueDate date={c.dueDate} />
              </dd>
              {c.nextReminderOn ? (
                <>
                  <dt>{t.columns.next}</dt>
                  <dd>
                    <DueDate date={c.nextReminderOn} />
                  </dd>
                </>
              ) : null}
              <dt>{t.columns.responsible}</dt>
              <dd>{c.responsibleName}</dd>
            </dl>
          </li>
        ))}
      </ul>
      <section aria-labelledby="feed-title" className="card">
        <h2 id="feed-title">{t.feed.title}</h2>
        <p>{t.feed.intro}</p>
        <label className="visually-hidden" htmlFor="feed-url">
          {t.feed.title}
        </label>
        <input id="feed-url" readOnly value={feedUrl} onFocus={(e) => e.currentTarget.select()} />
        <p>
          <a href={feedUrl.replace(/^https?:/, "webcal:")}>{t.feed.title} (webcal)</a>
        </p>
      </section>
    </section>
  );
}
