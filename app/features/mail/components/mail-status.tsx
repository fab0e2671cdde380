import type { OutboxStatus } from "~db/schema";
import { useT, type Locale } from "~/i18n/index";

// The outbox statuses as organizers read them, shared by the list and the message page.
// Listed here (not imported from db/) because db/ is only imported from server modules.
export const mailStatuses = ["pending", "sending", "sent", "failed"] as const satisfies readonly OutboxStatus[];

const tone: Record<OutboxStatus, string> = {
  pending: "badge",
  sending: "badge badge--warn",
  sent: "badge badge--ok",
  failed: "badge",
};
// The stylesheet has no error badge; a failed message must stand out all the same.
const failedStyle = { background: "#fbe4e2", color: "var(--error)" };

/** The statuses' names in the page's language (the catalog's words). */
export function useMailStatusLabels(): Record<OutboxStatus, string> {
  return useT().words.outboxStatuses;
}

export function MailStatusBadge({ status }: { status: OutboxStatus; locale?: Locale }) {
  const labels = useMailStatusLabels();
  return (
    <span className={tone[status]} style={status === "failed" ? failedStyle : undefined}>
      {labels[status]}
    </span>
  );
}

/** Compact date and time in Bogotá, for tables: "29/02/24, 08:00". */
export function formatMailTime(instant: string | null, locale: Locale): string {
  if (!instant) return "—";
  return new Intl.DateTimeFormat(locale === "en" ? "en-US" : "es-CO", {
    timeZone: "America/Bogota",
    dateStyle: "short",
    timeStyle: "short",
    hourCycle: "h23",
  }).format(new Date(instant));
}
