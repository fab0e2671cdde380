import { BarChart } from "~/features/reports/components/bar-chart";
import type { SurveyResults } from "~/features/surveys/results.server";
import { format, plural, useLocale, useT } from "~/i18n/index";

// A survey's results: the response rate (overall and, for a linked survey, by city), then a
// chart per question, drawn in HTML with a table beside it for screen readers (BarChart): bars
// for choices and yes/no, the distribution and mean of a scale, a table of the sessions for the
// matrix, the words people wrote as a list.

const decimal = (n: number, locale: string) => n.toLocaleString(locale === "en" ? "en" : "es-CO", { maximumFractionDigits: 1 });

export function SurveyResultsSection({ results }: { results: SurveyResults }) {
  const t = useT().surveys.admin;
  const locale = useLocale();
  return (
    <section aria-labelledby="results-title" className="stack">
      <h2 id="results-title">{t.resultsTitle}</h2>
      <p className="lead" id="results-count">
        {plural(locale, t.responses, results.responses)}
        {results.rate === null ? ` · ${t.rateBaseNone}` : ` · ${format(t.rate, { rate: results.rate, base: results.base })}`}
      </p>
      {results.byCity ? (
        results.byCity.length ? (
          <div className="table-scroll">
            <table className="data" id="results-cities">
              <caption>{t.byCityTitle}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.city}</th>
                  <th scope="col">{t.answered}</th>
                  <th scope="col">{t.of}</th>
                  <th scope="col">{t.rateColumn}</th>
                </tr>
              </thead>
              <tbody>
                {results.byCity.map((c) => (
                  <tr key={c.city}>
                    <th scope="row">{c.city}</th>
                    <td className="num">{c.responses}</td>
                    <td className="num">{c.base}</td>
                    <td className="num">{c.rate === null ? "—" : `${c.rate} %`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null
      ) : (
        <p className="muted">{t.byCityAnonymous}</p>
      )}
      {results.questions.map((q) => (
        <div key={q.id} className="survey-result" id={`result-${q.id}`}>
          {q.kind === "counted" ? (
            <>
              <BarChart id={`chart-${q.id}`} title={q.label} valueLabel={t.answers} data={q.bars} />
              <p className="muted">
                {plural(locale, t.responses, q.answered)}
                {q.mean !== null ? ` · ${format(t.mean, { mean: decimal(q.mean, locale) })}` : null}
              </p>
            </>
          ) : q.kind === "sessions" ? (
            <div className="table-scroll">
              <table className="data" id={`chart-${q.id}`}>
                <caption>{q.label}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.session}</th>
                    <th scope="col">{t.answers}</th>
                    <th scope="col">{t.meanShort}</th>
                    {[1, 2, 3, 4, 5].map((n) => (
                      <th scope="col" key={n}>
                        {n}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {q.rows.map((r, i) => (
                    <tr key={i}>
                      <th scope="row">{r.session}</th>
                      <td className="num">{r.answered}</td>
                      <td className="num">
                        {r.mean === null ? (
                          "—"
                        ) : (
                          <>
                            <span className="bars__track" aria-hidden="true" style={{ display: "inline-block", width: "4em", marginRight: "0.5em" }}>
                              <span className="bars__bar" style={{ width: `${(r.mean / 5) * 100}%` }} />
                            </span>
                            {decimal(r.mean, locale)}
                          </>
                        )}
                      </td>
                      {r.counts.map((n, j) => (
                        <td className="num" key={j}>
                          {n}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : q.kind === "listed" ? (
            <>
              <h3 className="chart__title">{q.label}</h3>
              <p className="muted">{plural(locale, t.freeAnswers, q.texts.length)}</p>
              {q.texts.length ? (
                <ul className="survey-texts">
                  {q.texts.map((text, i) => (
                    <li key={i} style={{ whiteSpace: "pre-line" }}>
                      {text}
                    </li>
                  ))}
                </ul>
              ) : null}
            </>
          ) : (
            <>
              <h3 className="chart__title">{q.label}</h3>
              <p className="muted">
                {plural(locale, t.responses, q.answered)}
                {q.least !== null ? ` · ${t.least}: ${q.least} · ${t.most}: ${q.most}` : null}
                {q.mean !== null ? ` · ${t.meanShort}: ${decimal(q.mean, locale)}` : null}
              </p>
            </>
          )}
        </div>
      ))}
    </section>
  );
}
