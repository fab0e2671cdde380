import { Link } from "@remix-run/react";
import type { MessageKind } from "~db/schema";
import { useLocale, useT } from "~/i18n/index";
import { paragraphs } from "~/features/messages/rules";
import { formatDateTime } from "~/lib/time";

// On the person's registration page: the organizers' messages and reminders that reached them,
// newest first, each opened in place (no JavaScript needed); and their link to stop them.

export interface ReceivedView {
  items: Array<{ id: number; kind: MessageKind; reminderDays: number | null; subject: string; body: string; sentAt: string | null }>;
  stopped: boolean;
  stopUrl: string;
}

export function ReceivedMessages({ view, timezone }: { view: ReceivedView; timezone: string }) {
  const t = useT().messages.received;
  const locale = useLocale();
  if (view.items.length === 0 && !view.stopped) return null;
  return (
    <section aria-labelledby="received-title" className="stack">
      <h2 id="received-title">{t.title}</h2>
      {view.items.map((m) => (
        <details key={m.id} className="card">
          <summary>
            <strong>{m.kind === "reminder" ? t.reminder : m.subject}</strong>
            {m.sentAt ? <span className="muted"> · {formatDateTime(m.sentAt, timezone, locale)}</span> : null}
          </summary>
          {m.kind === "message"
            ? paragraphs(m.body).map((lines, i) => (
                <p key={i} style={{ whiteSpace: "pre-line" }}>
                  {lines.join("\n")}
                </p>
              ))
            : null}
        </details>
      ))}
      {view.stopped ? <p className="muted">{t.stopped}</p> : null}
      <p>
        <Link to={view.stopUrl}>{view.stopped ? t.resumeLink : t.stopLink}</Link>
      </p>
    </section>
  );
}
