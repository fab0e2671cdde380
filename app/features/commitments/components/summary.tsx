import type { CommitmentStatus } from "~db/schema";
import { useLocale, useT } from "~/i18n/index";
import { formatCalendarDate } from "~/lib/calendar-date";

// How a commitment is shown at a glance: its status badge, progress bar, due date and facts.

const statusTone: Record<CommitmentStatus, string> = {
  proposed: "badge--muted",
  in_progress: "",
  done: "badge--ok",
  at_risk: "badge--warn",
  dropped: "badge--muted",
};

export function StatusBadge({ status, overdue }: { status: CommitmentStatus; overdue?: boolean }) {
  const t = useT().commitments;
  return (
    <span className="badges">
      <span className={`badge ${statusTone[status]}`}>{t.statuses[status]}</span>
      {overdue ? <span className="badge badge--danger">{t.detail.overdue}</span> : null}
    </span>
  );
}

export function ProgressMeter({ value, label }: { value: number; label: string }) {
  return (
    <span className="progress">
      <span className="progress-bar" role="progressbar" aria-valuenow={value} aria-valuemin={0} aria-valuemax={100} aria-label={label}>
        <span className="progress-bar__fill" style={{ width: `${value}%` }} />
      </span>
      <span className="progress__value">{value} %</span>
    </span>
  );
}

export function DueDate({ date }: { date: string }) {
  const locale = useLocale();
  return <time dateTime={date}>{formatCalendarDate(date, locale)}</time>;
}

/** The facts of one commitment, as a description list. */
export function CommitmentFacts({
  c,
}: {
  c: {
    encounter_title: string;
    encounter_slug: string;
    city_name: string;
    instrument: "PDT" | "PISCC" | "other";
    theme: "trafficking" | "smuggling" | "both" | "other";
    responsible_name: string;
    responsible_position: string;
    responsible_email: string;
    due_date: string;
    indicator: string;
    target: string;
    agenda_item_title: string | null;
  };
}) {
  const t = useT().commitments;
  return (
    <dl className="facts">
      <dt>{t.detail.city}</dt>
      <dd>{c.city_name}</dd>
      <dt>{t.detail.encounter}</dt>
      <dd>{c.encounter_title}</dd>
      {c.agenda_item_title ? (
        <>
          <dt>{t.detail.agendaItem}</dt>
          <dd>{c.agenda_item_title}</dd>
        </>
      ) : null}
      <dt>{t.fields.instrument}</dt>
      <dd>{t.instruments[c.instrument]}</dd>
      <dt>{t.fields.theme}</dt>
      <dd>{t.themes[c.theme]}</dd>
      <dt>{t.detail.responsible}</dt>
      <dd>
        {c.responsible_name}
        {c.responsible_position ? `, ${c.responsible_position}` : ""} · {c.responsible_email}
      </dd>
      <dt>{t.detail.dueDate}</dt>
      <dd>
        <DueDate date={c.due_date} />
      </dd>
      {c.indicator ? (
        <>
          <dt>{t.detail.indicator}</dt>
          <dd>{c.indicator}</dd>
        </>
      ) : null}
      {c.target ? (
        <>
          <dt>{t.detail.target}</dt>
          <dd>{c.target}</dd>
        </>
      ) : null}
    </dl>
  );
}
