import { Form } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/index";
import { formatTime } from "~/lib/time";
import type { Person } from "./actions.server";

export function PersonRow({ person, timezone, busy }: { person: Person; timezone: string; busy: boolean }) {
  const t = useT();
  const c = t.registration.checkin;
  const locale = useLocale();
  return (
    <div className={`checkin__person${person.checkedInAt ? " checkin__person--arrived" : ""}`}>
      <div>
        <strong>{person.name}</strong> · {person.city}
        <br />
        <span className="muted">
          {person.email} · {person.entity}
        </span>
        <br />
        <span className={`badge badge--status-${person.status}`}>{t.registration.statuses[person.status]}</span>{" "}
        {person.checkedInAt ? (
          <span>
            {c.arrivedAt}: {formatTime(person.checkedInAt, timezone, locale)}
          </span>
        ) : null}
      </div>
      <Form method="post">
        <input type="hidden" name="registrationId" value={person.id} />
        {person.checkedInAt ? (
          <button type="submit" name="intent" value="undo" className="button button--secondary button--small" disabled={busy}>
            {c.undo}
          </button>
        ) : person.status === "confirmed" ? (
          <button type="submit" name="intent" value="checkIn" className="button" disabled={busy} aria-label={`${c.markArrival}: ${person.name}`}>
            {c.markArrival}
          </button>
        ) : null}
      </Form>
    </div>
  );
}
