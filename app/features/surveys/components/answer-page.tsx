import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import type { surveyPage } from "~/features/surveys/answer-page.server";
import { QuestionErrorLinks, QuestionFields } from "~/features/questions/components/question-fields";
import { scaleSteps, fieldName } from "~/features/questions/kinds";
import { format, useLocale, useT } from "~/i18n/index";
import { formatDateTime } from "~/lib/time";

// The page where a person answers a survey (phone first: it opens from the room's QR code). The
// questions are the questions area's fields; the sessions' matrix is a table of radio buttons,
// one row per session, each row a group named by its session. All of it works without
// JavaScript. Closed, not yet open, or needing the person's identity, it says so instead.

type Loaded = Awaited<ReturnType<typeof surveyPage>>["data"];

export function SurveyAnswerPage() {
  const loaded = useLoaderData() as unknown as Loaded;
  const all = useT();
  const t = all.surveys.answer;
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const { encounter, survey, state, page } = loaded;
  const refusal = "refusal" in loaded ? loaded.refusal : null;
  const when = (instant: string) => formatDateTime(instant, encounter.timezone, locale);
  const here = `/encuentros/${encounter.slug}/encuesta/${survey.id}`;
  return (
    <article className="stack">
      <h1>{survey.title}</h1>
      <p className="muted">{format(t.intro, { encounter: encounter.title })}</p>
      {state === "closed" ? (
        <div className="alert alert--error" role="alert">
          <h2>{t.closedTitle}</h2>
          <p>{format(t.closed, { date: when(survey.closesAt) })}</p>
        </div>
      ) : state === "upcoming" ? (
        <div className="alert" role="status">
          <h2>{t.upcomingTitle}</h2>
          <p>{format(t.upcoming, { date: when(survey.opensAt) })}</p>
        </div>
      ) : refusal === "signIn" || refusal === "notRegistered" ? (
        <div className="alert" role="alert">
          <h2>{t.signInTitle}</h2>
          <p>{refusal === "signIn" ? t.linkedOnly : t.notRegistered}</p>
          {refusal === "signIn" ? (
            <p>
              <a className="button" href={`/ingresar/enlace?redirectTo=${encodeURIComponent(here)}`}>
                {t.signInAction}
              </a>
            </p>
          ) : null}
        </div>
      ) : page ? (
        <>
          {survey.intro ? <p className="lead">{survey.intro}</p> : null}
          <p className="muted" id="survey-note">
            {survey.mode === "anonymous" ? t.anonymousNote : t.linkedNote} {format(t.closesAt, { date: when(survey.closesAt) })}
          </p>
          {page.answeredAt ? (
            <p className="alert alert--ok" role="status">
              {format(t.editing, { date: when(page.answeredAt) })}
            </p>
          ) : null}
          {refusal === "rateLimited" ? (
            <p className="alert alert--error" role="alert">
              {t.rateLimited}
            </p>
          ) : null}
          <Form method="post" className="stack" noValidate>
            {page.token ? <input type="hidden" name="p" value={page.token} /> : null}
            {Object.keys(page.errors).length ? (
              <div className="alert alert--error" role="alert">
                <p>{all.common.formHasErrors}</p>
                <ul>
                  <QuestionErrorLinks questions={page.questions} errors={page.errors} />
                </ul>
              </div>
            ) : null}
            <QuestionFields questions={page.questions} errors={page.errors} values={page.values} includeSensitive={false} />
            {page.perSession.map((q) => (
              <fieldset key={q.id} className="field survey-matrix">
                <legend>{q.label}</legend>
                <p className="field__hint">{q.help || t.matrixHint}</p>
                <div className="table-scroll">
                  <table className="data">
                    <thead>
                      <tr>
                        <th scope="col">{t.matrixTitle}</th>
                        {scaleSteps.map((n) => (
                          <th scope="col" key={n} title={all.questions.fields.scale[n]}>
                            {n}
                          </th>
                        ))}
                        <th scope="col">{t.notRated}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {page.sessions.map((s) => {
                        const name = fieldName(q.id, s.prefix);
                        const chosen = page.values[name];
                        return (
                          <tr key={s.id} role="radiogroup" aria-labelledby={`${name}-label`}>
                            <th scope="row" id={`${name}-label`}>
                              {s.title}
                            </th>
                            {[...scaleSteps, ""].map((n) => (
                              <td key={n || "none"}>
                                <input
                                  type="radio"
                                  name={name}
                                  value={n}
                                  defaultChecked={(chosen ?? "") === n}
                                  aria-label={`${s.title}: ${n ? all.questions.fields.scale[n as (typeof scaleSteps)[number]] : t.notRated}`}
                                />
                              </td>
                            ))}
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              </fieldset>
            ))}
            <div>
              <button type="submit" className="button" disabled={busy}>
                {page.answeredAt ? t.update : t.send}
              </button>
            </div>
          </Form>
        </>
      ) : null}
    </article>
  );
}
