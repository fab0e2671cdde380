import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Markdown } from "~/components/markdown";
import { loadVisibleEncounter } from "~/features/encounters/access.server";
import { minutesOf } from "~/features/minutes/queries.server";
import { format, useLocale, useT } from "~/i18n/index";
import { formatDate, formatTime } from "~/lib/time";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Relatoría · ${data.encounter.title} · Convoca` : "Convoca" }];

// /encuentros/:slug/relatoria: the published minutes, for everyone who can see the encounter
// (like its public materials). Until published, a 404 for all but organizers, who see the draft.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter, organizer } = await loadVisibleEncounter(db, request, params.slug);
  const minutes = await minutesOf(db, encounter.id);
  if (!minutes.publishedAt && !organizer) notFound();
  return data(
    {
      encounter: { slug: encounter.slug, title: encounter.title, timezone: encounter.timezone },
      minutes: { body: minutes.body, publishedAt: minutes.publishedAt, sessions: minutes.sessions.filter((s) => s.body) },
    },
    { headers: { "Cache-Control": minutes.publishedAt && !organizer ? "public, max-age=60" : "private, no-store" } },
  );
}

export default function PublishedMinutes() {
  const { encounter, minutes } = useLoaderData<typeof loader>();
  const t = useT().minutes;
  const locale = useLocale();
  return (
    <article className="stack">
      <p className="no-print">
        <Link to={`/encuentros/${encounter.slug}`}>{encounter.title}</Link> · <Link to={`/encuentros/${encounter.slug}/materiales`}>{t.materialsLink}</Link>
      </p>
      <h1>{format(t.publicTitle, { encounter: encounter.title })}</h1>
      {minutes.publishedAt ? <p className="muted">{format(t.publishedOn, { date: formatDate(minutes.publishedAt, encounter.timezone, locale) })}</p> : null}
      {minutes.body ? <Markdown source={minutes.body} baseLevel={2} /> : null}
      {minutes.sessions.length > 0 ? <h2>{t.bySession}</h2> : null}
      {minutes.sessions.map((s) => (
        <section key={s.agendaItemId} aria-labelledby={`session-${s.agendaItemId}`}>
          <h3 id={`session-${s.agendaItemId}`}>
            {formatTime(s.startsAt, encounter.timezone, locale)}–{formatTime(s.endsAt, encounter.timezone, locale)} · {s.title}
          </h3>
          <Markdown source={s.body} baseLevel={4} />
        </section>
      ))}
    </article>
  );
}
