import type { ReactNode } from "react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { inLanguage, type Question } from "~/features/questions/kinds";
import { format, plural, useLocale, useT } from "~/i18n/index";

// A question set's list, in the form's order, for organizers: each question's kind and whether
// it is required, hidden or of the standard set, how many answered, and its actions (edit on
// its own page; move, hide or show, delete as plain form posts with intents move, hide, show,
// delete). The registration questions' page and a survey's page draw it.

export function QuestionList({
  questions,
  editHref,
  badges,
}: {
  questions: ReadonlyArray<Question & { answers: number }>;
  editHref: (id: number) => string;
  /** More badges after a question's own (a survey's "for each session"). */
  badges?: (question: Question) => ReactNode;
}) {
  const t = useT().questions;
  const a = t.admin;
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  return (
    <ol className="question-list">
      {questions.map((q, i) => {
        const wording = inLanguage(q.wording, locale);
        return (
          <li key={q.id} id={`question-${q.id}`} className="card">
            <p>
              <strong>
                {i + 1}. {wording}
              </strong>
            </p>
            <p>
              <span className="badge">{t.kinds[q.kind]}</span> <span className="badge badge--muted">{q.required ? a.required : a.optional}</span>{" "}
              {q.standardCode ? <span className="badge badge--warn">{a.standard}</span> : null}{" "}
              {q.hidden ? <span className="badge badge--muted">{a.hidden}</span> : null} {badges?.(q)} · {plural(locale, a.answers, q.answers)}
            </p>
            {q.hidden ? <p className="field__hint">{a.hiddenHint}</p> : null}
            {q.options.length ? <p className="muted">{q.options.map((o) => inLanguage(o, locale)).join(" · ")}</p> : null}
            <div className="row-actions">
              <Link className="button button--secondary" to={editHref(q.id)}>
                {a.edit}
              </Link>
              <Form method="post">
                <input type="hidden" name="id" value={q.id} />
                <input type="hidden" name="intent" value="move" />
                {i > 0 ? (
                  <button
                    type="submit"
                    name="direction"
                    value="up"
                    className="button button--secondary"
                    aria-label={format(a.moveUp, { question: wording })}
                    disabled={busy}
                  >
                    ↑ {a.up}
                  </button>
                ) : null}{" "}
                {i < questions.length - 1 ? (
                  <button
                    type="submit"
                    name="direction"
                    value="down"
                    className="button button--secondary"
                    aria-label={format(a.moveDown, { question: wording })}
                    disabled={busy}
                  >
                    ↓ {a.down}
                  </button>
                ) : null}
              </Form>
              <Form method="post">
                <input type="hidden" name="id" value={q.id} />
                <button type="submit" name="intent" value={q.hidden ? "show" : "hide"} className="button button--secondary" disabled={busy}>
                  {q.hidden ? a.show : a.hide}
                </button>
              </Form>
              {/* Offered even once answered: the refusal then says why, and offers to hide it. */}
              <Form method="post">
                <input type="hidden" name="id" value={q.id} />
                <button type="submit" name="intent" value="delete" className="button button--danger" disabled={busy}>
                  {a.delete}
                </button>
              </Form>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
