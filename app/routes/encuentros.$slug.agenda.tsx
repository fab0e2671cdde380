import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { EncounterDate } from "~/features/encounters/components/encounter-date";
import { format, useLocale, useT } from "~/i18n/index";
import { getLocale } from "~/i18n/locale.server";
import { listAgenda, type AgendaEntry } from "~/features/agenda/queries.server";
import { agendaUrls } from "~/features/agenda/calendar.server";
import { getDb } from "~/server/db.server";
import { useHydrated } from "~/lib/use-hydrated";
import { loadVisibleEncounter } from "~/features/encounters/access.server";
import { publicEncounter } from "~/features/encounters/rules";
import { formatDate, formatTime, zoneInWords, zoneLabel } from "~/lib/time";
import { duringAttributes, lightPage } from "~/lib/light-page";

// Read, not worked in: no React on a first visit (app/lib/light-page.ts).
export const handle = lightPage;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Agenda · ${data.encounter.title} · Convoca` : "Convoca" },
  { name: "description", content: data?.encounter.summary ?? "" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await loadVisibleEncounter(db, request, params.slug);
  const items = await listAgenda(db, encounter.id);
  // Calendars speak the reader's language only when asked (?lang=en): a subscription is
  // fetched later by a server whose own language says nothing about the reader's.
  const lang = (await getLocale(request)) === "en" ? "?lang=en" : "";
  const urls = agendaUrls(encounter.slug);
  return {
    encounter: publicEncounter(encounter),
    items,
    now: new Date().toISOString(),
    calendars: {
      page: urls.page,
      ics: `/encuentros/${encounter.slug}/agenda.ics${lang}`,
      webcal: `${urls.webcal}${lang}`,
      google: `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(`${urls.webcal}${lang}`)}`,
      itemSuffix: `.ics${lang}`,
    },
  };
}

/** The current time, moving on by itself once the page runs in a browser. */
function useNow(initial: string): string {
  const [now, setNow] = useState(initial);
  useEffect(() => {
    setNow(new Date().toISOString());
    const timer = setInterval(() => setNow(new Date().toISOString()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

interface Slot {
  startsAt: string;
  items: AgendaEntry[];
}

interface Day {
  label: string;
  slots: Slot[];
}

/** Days, then the moments sessions start: parallel sessions share one line of the timeline. */
function timeline(items: readonly AgendaEntry[], zone: string, locale: string): Day[] {
  const days: Day[] = [];
  for (const item of items) {
    const label = formatDate(item.starts_at, zone, locale);
    let day = days.at(-1);
    if (!day || day.label !== label) days.push((day = { label, slots: [] }));
    let slot = day.slots.at(-1);
    if (!slot || slot.startsAt !== item.starts_at) day.slots.push((slot = { startsAt: item.starts_at, items: [] }));
    slot.items.push(item);
  }
  return days;
}

function AgendaCard({ item, zone, now, showRange, itemHref }: { item: AgendaEntry; zone: string; now: string; showRange: boolean; itemHref: string }) {
  const t = useT();
  const p = t.scheduling.public;
  const locale = useLocale();
  const isNow = item.starts_at <= now && now < item.ends_at;
  const speakers = item.speakers.filter((s) => s.role === "speaker");
  const moderators = item.speakers.filter((s) => s.role === "moderator");
  const person = (s: AgendaEntry["speakers"][number]) => (s.organization ? `${s.name} (${s.organization})` : s.name);
  return (
    <li
      id={`item-${item.id}`}
      className={`agenda-card agenda-card--${item.kind}${isNow ? " agenda-card--now" : ""}`}
      aria-current={isNow ? "time" : undefined}
      {...duringAttributes(item.starts_at, item.ends_at, "agenda-card--now", true)}
    >
      <p className="agenda-card__meta">
        <span className={`badge badge--kind-${item.kind}`}>{t.agenda.kinds[item.kind]}</span>
        {/* Always there, shown while the session is on: the light script shows it without React. */}
        <span className="badge badge--now" hidden={!isNow} data-now-badge="">
          {p.inProgress}
        </span>
        {showRange ? (
          <span className="agenda-card__range">
            <time dateTime={item.starts_at}>{formatTime(item.starts_at, zone, locale)}</time>–
            <time dateTime={item.ends_at}>{formatTime(item.ends_at, zone, locale)}</time>
          </span>
        ) : null}
        {item.room ? (
          <span className="agenda-card__room">
            <span className="visually-hidden">{t.agenda.room}: </span>
            {item.room}
          </span>
        ) : null}
      </p>
      <h3 className="agenda-card__title">{item.title}</h3>
      {item.description ? <p className="agenda-card__description">{item.description}</p> : null}
      {item.speakers.length > 0 ? (
        <dl className="agenda-card__people">
          {speakers.length > 0 ? (
            <>
              <dt>{speakers.length > 1 ? t.agenda.speakers : t.agenda.speaker}</dt>
              <dd>{speakers.map(person).join("; ")}</dd>
            </>
          ) : null}
          {moderators.length > 0 ? (
            <>
              <dt>{t.agenda.moderator}</dt>
              <dd>{moderators.map(person).join("; ")}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      <p className="agenda-card__calendar no-print">
        {/* The accessible name starts with the visible text (WCAG 2.5.3, label in name): a
            voice user says "Agregar al calendario"; a screen reader also hears which session. */}
        <a href={itemHref} download>
          {p.itemCalendar}
          <span className="visually-hidden">{format(p.itemCalendarWhich, { title: item.title })}</span>
        </a>
      </p>
    </li>
  );
}

export default function AgendaPage() {
  const { encounter, items, now: loadedAt, calendars } = useLoaderData<typeof loader>();
  const t = useT();
  const p = t.scheduling.public;
  const locale = useLocale();
  const now = useNow(loadedAt);
  const hydrated = useHydrated();
  const zone = encounter.timezone;
  const days = timeline(items, zone, locale);
  const base = `/encuentros/${encounter.slug}/agenda`;
  return (
    <article className="agenda-page">
      <p className="no-print">
        <Link to={`/encuentros/${encounter.slug}`}>← {encounter.title}</Link>
      </p>
      <header className="agenda-page__header">
        <h1>
          {t.agenda.title}: {encounter.title}
        </h1>
        <p className="muted">
          <EncounterDate startsAt={encounter.starts_at} endsAt={encounter.ends_at} timezone={zone} />
          {encounter.venue ? ` · ${encounter.venue}` : null}
        </p>
        <p className="muted">{format(t.encounter.localTime, { zone: `${zoneInWords(zone, locale)} (${zoneLabel(encounter.starts_at, zone, locale)})` })}</p>
      </header>

      <section className="agenda-calendars no-print" aria-labelledby="calendars-heading">
        <h2 id="calendars-heading" className="visually-hidden">
          {p.calendars}
        </h2>
        <ul className="agenda-calendars__links">
          <li>
            <a className="button button--secondary" href={calendars.ics} download>
              {p.download}
            </a>
          </li>
          <li>
            <a className="button button--secondary" href={calendars.webcal}>
              {p.subscribe}
            </a>
          </li>
          <li>
            <a className="button button--secondary" href={calendars.google} rel="noopener noreferrer" target="_blank">
              {p.google}
            </a>
          </li>
          {/* Printing needs a script: hidden until React (or the light script) runs. */}
          <li hidden={!hydrated} data-needs-script="">
            <button type="button" className="button button--secondary" data-print="">
              {p.print}
            </button>
          </li>
        </ul>
        <p className="field__hint">{p.subscribeHint}</p>
      </section>

      {items.length === 0 ? <p>{t.agenda.empty}</p> : null}
      {days.map((day) => (
        <section key={day.label} className="agenda-day" aria-label={day.label}>
          {days.length > 1 ? <h2 className="agenda-day__title">{day.label}</h2> : null}
          <ol className="timeline">
            {day.slots.map((slot) => {
              const sameEnd = slot.items.every((i) => i.ends_at === slot.items[0].ends_at);
              const current = slot.items.some((i) => i.starts_at <= now && now < i.ends_at);
              const slotEnds = slot.items.reduce((last, i) => (i.ends_at > last ? i.ends_at : last), slot.startsAt);
              return (
                <li
                  key={slot.startsAt}
                  className={`timeline__slot${current ? " timeline__slot--now" : ""}`}
                  {...duringAttributes(slot.startsAt, slotEnds, "timeline__slot--now")}
                >
                  <p className="timeline__time">
                    <time dateTime={slot.startsAt}>{formatTime(slot.startsAt, zone, locale)}</time>
                    {sameEnd ? (
                      <>
                        –<time dateTime={slot.items[0].ends_at}>{formatTime(slot.items[0].ends_at, zone, locale)}</time>
                      </>
                    ) : null}
                  </p>
                  {slot.items.length > 1 ? <p className="timeline__parallel">{p.parallel}</p> : null}
                  <ul className={`timeline__items${slot.items.length > 1 ? " timeline__items--parallel" : ""}`}>
                    {slot.items.map((item) => (
                      <AgendaCard key={item.id} item={item} zone={zone} now={now} showRange={!sameEnd} itemHref={`${base}/${item.id}${calendars.itemSuffix}`} />
                    ))}
                  </ul>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
      <p className="print-only agenda-page__footer">{format(p.onlineAt, { url: calendars.page })}</p>
    </article>
  );
}
