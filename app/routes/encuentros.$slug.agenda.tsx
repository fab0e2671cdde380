import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EncounterDate } from "~/components/encounter-date";
import { format, useLocale, useT } from "~/i18n";
import { listAgenda, type AgendaEntry } from "~/models/agenda.server";
import { getDb } from "~/utils/db.server";
import { loadVisibleEncounter } from "~/utils/encounter-access.server";
import { formatDate, formatTime } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Agenda · ${data.encounter.title} · Convoca` : "Convoca" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await loadVisibleEncounter(db, request, params.slug);
  return { encounter, items: await listAgenda(db, encounter.id), now: new Date().toISOString() };
}

function AgendaItem({ item, timezone, now }: { item: AgendaEntry; timezone: string; now: string }) {
  const t = useT();
  const locale = useLocale();
  const isNow = item.starts_at <= now && now < item.ends_at;
  return (
    <li className={`agenda__item agenda__item--${item.kind}${isNow ? " agenda__item--now" : ""}`} aria-current={isNow ? "time" : undefined}>
      <p className="agenda__time">
        <time dateTime={item.starts_at}>{formatTime(item.starts_at, timezone, locale)}</time>–
        <time dateTime={item.ends_at}>{formatTime(item.ends_at, timezone, locale)}</time>{" "}
        <span className="badge">{t.agenda.kinds[item.kind]}</span> {isNow ? <span className="badge badge--warn">{t.agenda.now}</span> : null}
      </p>
      <h3 className="agenda__title">{item.title}</h3>
      {item.room ? (
        <p className="agenda__meta">
          {t.agenda.room}: {item.room}
        </p>
      ) : null}
      {item.description ? <p>{item.description}</p> : null}
      {item.speakers.length > 0 ? (
        <ul className="agenda__meta">
          {item.speakers.map((s) => (
            <li key={s.name}>
              {s.role === "moderator" ? t.agenda.moderator : t.agenda.speaker}: {s.name}
              {s.organization ? ` (${s.organization})` : null}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export default function AgendaPage() {
  const { encounter, items, now } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const days = new Map<string, AgendaEntry[]>();
  for (const item of items) {
    const day = formatDate(item.starts_at, encounter.timezone, locale);
    days.set(day, [...(days.get(day) ?? []), item]);
  }
  return (
    <article>
      <p className="no-print">
        <Link to={`/encuentros/${encounter.slug}`}>← {encounter.title}</Link>
      </p>
      <h1>
        {t.agenda.title}: {encounter.title}
      </h1>
      <p className="muted">
        <EncounterDate startsAt={encounter.starts_at} endsAt={encounter.ends_at} timezone={encounter.timezone} /> · {encounter.venue}
      </p>
      <p className="muted">{format(t.encounter.localTime, { zone: encounter.timezone })}</p>
      {items.length === 0 ? <p>{t.agenda.empty}</p> : null}
      {[...days.entries()].map(([day, dayItems]) => (
        <section key={day} className="agenda__day" aria-label={day}>
          {days.size > 1 ? <h2>{day}</h2> : null}
          <ol className="agenda">
            {dayItems.map((item) => (
              <AgendaItem key={item.id} item={item} timezone={encounter.timezone} now={now} />
            ))}
          </ol>
        </section>
      ))}
    </article>
  );
}
