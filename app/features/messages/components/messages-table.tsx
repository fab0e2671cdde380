import { Link } from "@remix-run/react";
import type { MessageKind, MessageStatus } from "~db/schema";
import { format, useLocale, usePlural, useT } from "~/i18n/index";
import type { MailCounts } from "~/features/messages/queries.server";
import type { Segment } from "~/features/messages/rules";
import { formatDateTime } from "~/lib/time";
import { SegmentSummary } from "./segment-summary";

// The list of an encounter's messages and reminders on the organizers' page: what, to whom, in
// which state, when, and how its mail went.

export interface MessageRow {
  id: number;
  kind: MessageKind;
  reminderDays: number | null;
  subject: string;
  status: MessageStatus;
  segment: Segment;
  /** When it goes, went, or was cancelled; null for a draft. */
  at: string | null;
  cancelledForNobody: boolean;
  mail: MailCounts;
}

const badge: Record<MessageStatus, string> = {
  draft: "badge badge--warn",
  scheduled: "badge",
  sending: "badge",
  sent: "badge badge--ok",
  cancelled: "badge badge--muted",
};

/** "Recordatorio automático, 7 días antes", or the message's own subject. */
export function useMessageTitle() {
  const a = useT().messages.admin;
  const plural = usePlural();
  return (m: Pick<MessageRow, "kind" | "reminderDays" | "subject">) =>
    m.kind === "reminder" ? (m.reminderDays === 0 ? a.reminderSameDay : plural(a.reminder, m.reminderDays ?? 0)) : m.subject;
}

export function MessagesTable({ rows, base, timezone, cityNames }: { rows: MessageRow[]; base: string; timezone: string; cityNames: Record<string, string> }) {
  const a = useT().messages.admin;
  const locale = useLocale();
  const title = useMessageTitle();
  if (rows.length === 0) return <p className="muted">{a.empty}</p>;
  return (
    <div className="table-scroll">
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{a.columns.message}</th>
            <th scope="col">{a.columns.to}</th>
            <th scope="col">{a.columns.status}</th>
            <th scope="col">{a.columns.when}</th>
            <th scope="col">{a.columns.mail}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.id}>
              <td>
                <Link to={`${base}/${m.id}`}>{title(m)}</Link>
              </td>
              <td>{m.kind === "reminder" ? a.confirmedOnly : <SegmentSummary segment={m.segment} cityNames={cityNames} />}</td>
              <td>
                <span className={badge[m.status]}>{a.statusLabels[m.status]}</span>
                {m.cancelledForNobody ? <span className="muted"> · {a.cancelledNobody}</span> : null}
              </td>
              <td>{m.at ? formatDateTime(m.at, timezone, locale) : "—"}</td>
              <td>{m.status === "sent" || m.status === "sending" ? format(a.mailCounts, { ...m.mail }) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
