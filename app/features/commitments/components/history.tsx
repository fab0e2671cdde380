import type { CommitmentStatus } from "~db/schema";
import { format, useLocale, useT } from "~/i18n/index";
import { formatDateTime } from "~/lib/time";

// A commitment's history, newest first, with who changed what.

// ---- history ------------------------------------------------------------------------------------

export interface HistoryItem {
  id: number;
  kind: "created" | "update" | "edited" | "validated" | "reopened" | "reminders_stopped" | "reminders_resumed";
  author_kind: "participant" | "organizer" | "responsible";
  author_name: string;
  status_from: CommitmentStatus | null;
  status_to: CommitmentStatus;
  progress_from: number | null;
  progress_to: number;
  note: string;
  evidence_key: string | null;
  evidence_name: string | null;
  evidence_url: string | null;
  created_at: string;
}

const fieldLabelKeys = {
  title: "title",
  description: "description",
  instrument: "instrument",
  theme: "theme",
  agendaItemId: "agendaItem",
  responsibleName: "responsibleName",
  responsiblePosition: "responsiblePosition",
  responsibleEmail: "responsibleEmail",
  dueDate: "dueDate",
  indicator: "indicator",
  target: "target",
} as const;

export function changedFieldsLabel(note: string, fields: Record<string, string>): string {
  return note
    .split(",")
    .map((key) => {
      const labelKey = fieldLabelKeys[key as keyof typeof fieldLabelKeys];
      return labelKey ? fields[labelKey] : key;
    })
    .join(", ");
}

export function History({
  entries,
  timezone,
  evidenceHref,
}: {
  entries: HistoryItem[];
  timezone: string;
  evidenceHref?: (entry: HistoryItem) => string | null;
}) {
  const t = useT().commitments;
  const locale = useLocale();
  if (entries.length === 0) return <p>{t.history.empty}</p>;
  return (
    <ol className="history">
      {entries.map((entry) => {
        // Rows written before history entries had a kind: the first one is the recording.
        const e = entry.kind === "update" && entry.status_from === null ? { ...entry, kind: "created" as const } : entry;
        const statusChanged = e.status_from !== null && e.status_from !== e.status_to;
        const progressChanged = e.progress_from !== null && e.progress_from !== e.progress_to;
        const fileHref = e.evidence_key && evidenceHref ? evidenceHref(e) : null;
        return (
          <li key={e.id} className="history__item">
            <p className="history__head">
              <strong>{t.history.kinds[e.kind]}</strong> · {e.author_name} ({t.history.authorKinds[e.author_kind]}) ·{" "}
              <time dateTime={e.created_at}>{formatDateTime(e.created_at, timezone, locale)}</time>
            </p>
            {e.kind === "update" && (statusChanged || progressChanged) ? (
              <p className="history__change">
                {statusChanged ? `${t.statuses[e.status_from!]} → ${t.statuses[e.status_to]}` : t.statuses[e.status_to]}
                {" · "}
                {progressChanged ? `${e.progress_from} % → ${e.progress_to} %` : `${e.progress_to} %`}
              </p>
            ) : null}
            {e.kind === "edited" ? (
              <p className="history__change">{format(t.history.changedFields, { fields: changedFieldsLabel(e.note, t.fields) })}</p>
            ) : null}
            {e.kind !== "edited" && e.note ? <p className="history__note">{e.note}</p> : null}
            {e.evidence_url ? (
              <p>
                {t.history.evidence}:{" "}
                <a href={e.evidence_url} rel="noopener noreferrer nofollow" target="_blank">
                  {e.evidence_url}
                </a>
              </p>
            ) : null}
            {e.evidence_name ? (
              <p>
                {t.history.evidence}: {fileHref ? <a href={fileHref}>{format(t.history.download, { name: e.evidence_name })}</a> : e.evidence_name}
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
