import type { OutboxStatus } from "~db/schema";
import type { Locale } from "~/i18n";

// The outbox statuses as organizers read them, shared by the list and the message page.
// Listed here (not imported from db/) because db/ is only imported from server modules.
export const mailStatuses = ["pending", "sending", "sent", "failed"] as const satisfies readonly OutboxStatus[];

const labels: Record<Locale, Record<OutboxStatus, string>> = {
  es: { pending: "En cola", sending: "Enviando", sent: "Enviado", failed: "Fallido" },
  en: { pending: "Queued", sending: "Sending", sent: "Sent", failed: "Failed" },
};

const tone: Record<OutboxStatus, string> = {
  pending: "badge",
  sending: "badge badge--warn",
  sent: "badge badge--ok",
  failed: "badge",
};
// The stylesheet has no error badge; a failed message must stand out all the same.
const failedStyle = { background: "#fbe4e2", color: "var(--error)" };

export function mailStatusLabel(status: OutboxStatus, locale: Locale): string {
  return labels[locale][status];
}

export function MailStatusBadge({ status, locale }: { status: OutboxStatus; locale: Locale }) {
  return (
    <span className={tone[status]} style={status === "failed" ? failedStyle : undefined}>
      {labels[locale][status]}
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
