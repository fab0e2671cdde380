import { Form, useNavigation } from "@remix-run/react";
import type { AnswerItem } from "~/features/questions/answers";
import { AnswerList } from "~/features/questions/components/answer-list";
import { QuestionFields, type QuestionErrors, type QuestionValues } from "~/features/questions/components/question-fields";
import type { FormQuestion } from "~/features/questions/kinds";
import { format, useLocale, useT } from "~/i18n/index";
import { formatDateTime } from "~/lib/time";

// The person's answers on their own registration page: a form (intent "answers") until
// registration closes, then the answers as a list. Says whether their sensitive answers are
// kept, and since when.

export interface OwnAnswersProps {
  view: { questions: FormQuestion[]; values: QuestionValues; items: AnswerItem[]; sensitiveConsentAt: string | null };
  editable: boolean;
  timezone: string;
  /** After a refusal: the errors and what was sent. */
  refused?: { errors: QuestionErrors; values: QuestionValues };
  saved?: boolean;
}

export function OwnAnswers({ view, editable, timezone, refused, saved }: OwnAnswersProps) {
  const all = useT();
  const t = all.questions;
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  if (view.items.length === 0) return null;
  const hasSensitive = view.items.some((i) => i.sensitive);
  return (
    <section aria-labelledby="answers-title" id="respuestas">
      <h2 id="answers-title">{t.own.title}</h2>
      {saved ? (
        <p className="alert alert--ok" role="status">
          {t.own.saved}
        </p>
      ) : null}
      {hasSensitive ? (
        <p className="muted">
          {view.sensitiveConsentAt
            ? format(t.answers.sensitiveConsentAt, { date: formatDateTime(view.sensitiveConsentAt, timezone, locale) })
            : t.answers.noSensitiveConsent}
        </p>
      ) : null}
      {editable && view.questions.length ? (
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="answers" />
          <p className="muted">{t.own.intro}</p>
          {refused ? (
            <div className="alert alert--error" role="alert">
              {all.common.formHasErrors}
            </div>
          ) : null}
          <QuestionFields
            questions={view.questions}
            errors={refused?.errors}
            values={refused?.values ?? view.values}
            consentGiven={Boolean(view.sensitiveConsentAt)}
          />
          <div>
            <button type="submit" className="button" disabled={busy}>
              {t.own.save}
            </button>
          </div>
        </Form>
      ) : (
        <>
          {editable ? null : <p className="muted">{t.own.closed}</p>}
          <AnswerList items={view.items} />
        </>
      )}
    </section>
  );
}
