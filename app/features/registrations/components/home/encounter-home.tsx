import { Link } from "@remix-run/react";
import { format, useLocale, useT } from "~/i18n/index";
import { formatDate, formatTime } from "~/lib/time";

// The parts of the personal page that make it the official's home for the encounter: the
// agenda with its calendar file, the materials they may open (signed personal links), and
// their certificate once they attended.

interface HomeView {
  agenda: Array<{ id: number; title: string; kind: string; room: string; startsAt: string; endsAt: string }>;
  calendarUrl: string;
  agendaUrl: string;
  materials: Array<{ id: number; title: string; description: string; url: string | null; afterCheckIn: boolean }>;
  certificateUrl: string | null;
}

export function EncounterHome({ home, timezone }: { home: HomeView; timezone: string }) {
  const t = useT();
  const h = t.registrationHome.home;
  const locale = useLocale();
  const kinds = t.agenda.kinds as Record<string, string>;
  let lastDay = "";
  return (
    <>
      <section aria-labelledby="home-agenda-title" className="stack">
        <h2 id="home-agenda-title">{h.agenda}</h2>
        {home.agenda.length === 0 ? <p className="muted">{h.noAgenda}</p> : null}
        {home.agenda.length > 0 ? (
          <ul className="home-agenda">
            {home.agenda.map((item) => {
              const day = formatDate(item.startsAt, timezone, locale);
              const showDay = day !== lastDay;
              lastDay = day;
              return (
                <li key={item.id}>
                  {showDay ? <strong className="home-agenda__day">{day}</strong> : null}
                  <span className="home-agenda__time">
                    {formatTime(item.startsAt, timezone, locale)}–{formatTime(item.endsAt, timezone, locale)}
                  </span>{" "}
                  {item.title}
                  <span className="muted">
                    {" "}
                    · {kinds[item.kind] ?? item.kind}
                    {item.room ? ` · ${item.room}` : null}
                  </span>
                </li>
              );
            })}
          </ul>
        ) : null}
        <p>
          <a href={home.calendarUrl}>{h.calendar}</a> · <Link to={home.agendaUrl}>{h.agendaPage}</Link>
        </p>
      </section>

      <section aria-labelledby="home-materials-title" className="stack">
        <h2 id="home-materials-title">{h.materials}</h2>
        {home.materials.length === 0 ? (
          <p className="muted">{h.noMaterials}</p>
        ) : (
          <>
            <ul className="home-materials">
              {home.materials.map((m) => (
                <li key={m.id}>
                  {m.url ? (
                    <a href={m.url} aria-label={format(h.download, { title: m.title })}>
                      {m.title}
                    </a>
                  ) : (
                    <span>{m.title}</span>
                  )}
                  {m.description ? <span className="muted"> · {m.description}</span> : null}
                  {m.afterCheckIn ? <span className="muted"> · {h.afterCheckIn}</span> : null}
                </li>
              ))}
            </ul>
            {home.materials.some((m) => m.url) ? <p className="muted">{h.linkValid}</p> : null}
          </>
        )}
      </section>

      <section aria-labelledby="home-certificate-title" className="stack">
        <h2 id="home-certificate-title">{h.certificate}</h2>
        {home.certificateUrl ? (
          <p>
            <a className="button button--secondary" href={home.certificateUrl} download>
              {t.certificates.download}
            </a>
          </p>
        ) : (
          <p className="muted">{h.noCertificate}</p>
        )}
      </section>
    </>
  );
}
