import { DueDate } from "~/features/commitments/components/summary";
import { plural, useLocale, useT, type Locale } from "~/i18n/index";
import { formatDateTime } from "~/lib/time";
import type { listFollowUpEvents } from "~/features/commitments/queries/commitment.server";

type FollowUpEvent = Awaited<ReturnType<typeof listFollowUpEvents>>[number];

function ruleLabel(rule: string, t: ReturnType<typeof useT>["commitments"]["admin"]["rules"], locale: Locale): string {
  const before = /^before-(\d+)$/.exec(rule);
  if (before) return plural(locale, t.before, Number(before[1]));
  return rule === "overdue" ? t.overdue : rule === "weekly" ? t.weekly : rule === "escalation" ? t.escalation : rule;
}

/** The follow-up mail the scheduler decided for one commitment, newest first. */
export function EventsList({ events, timezone }: { events: FollowUpEvent[]; timezone: string }) {
  const t = useT().commitments;
  const locale = useLocale();
  if (events.length === 0) return <p>{t.admin.noEvents}</p>;
  return (
    <ul className="plain-list">
      {events.map((e) => (
        <li key={e.id}>
          <DueDate date={e.occurs_on} /> · {ruleLabel(e.rule, t.admin.rules, locale)} · {t.admin.outcomes[e.outcome]} ·{" "}
          {plural(locale, t.admin.recipients, e.recipients)} <span className="muted small">({formatDateTime(e.created_at, timezone, locale)})</span>
        </li>
      ))}
    </ul>
  );
}
