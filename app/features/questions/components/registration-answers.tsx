import type { AnswerItem } from "~/features/questions/answers";
import { AnswerList } from "~/features/questions/components/answer-list";
import { format, useLocale, useT } from "~/i18n/index";
import { formatDateTime } from "~/lib/time";

// A registration's answers for organizers (the registration's page): every question asked,
// hidden ones that were answered, sensitive ones marked, and the sensitive-data consent.

export function RegistrationAnswers({
  items,
  sensitiveConsentAt,
  timezone,
}: {
  items: readonly AnswerItem[];
  sensitiveConsentAt: string | null;
  timezone: string;
}) {
  const t = useT().questions;
  const locale = useLocale();
  if (items.length === 0) return null;
  const hasSensitive = items.some((i) => i.sensitive);
  return (
    <section aria-labelledby="answers-title" className="card">
      <h2 id="answers-title">{t.answers.title}</h2>
      <AnswerList items={items} />
      {hasSensitive ? (
        <p className="muted">
          {sensitiveConsentAt
            ? format(t.answers.sensitiveConsentAt, { date: formatDateTime(sensitiveConsentAt, timezone, locale) })
            : t.answers.noSensitiveConsent}{" "}
          {t.answers.sensitiveNote}
        </p>
      ) : null}
    </section>
  );
}
