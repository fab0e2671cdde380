import { BarChart } from "~/features/reports/components/bar-chart";
import type { QuestionReport } from "~/features/questions/report.server";
import { format, useT } from "~/i18n/index";

// The encounter report's section on registration questions: a bar chart per counted question,
// and the disaggregation set apart, as aggregates with small counts withheld ("< 5"), overall
// and by city.

export function QuestionReportSection({ report }: { report: QuestionReport }) {
  const t = useT().questions.report;
  if (!report.ordinary.length && !report.sensitive.length) return null;
  return (
    <section aria-labelledby="questions-report">
      <h2 id="questions-report">{t.title}</h2>
      {report.ordinary.map((q) => (
        <div key={q.id}>
          {q.bars ? <BarChart id={`question-${q.id}`} title={q.label} valueLabel={t.answers} data={q.bars} /> : <h3 className="chart__title">{q.label}</h3>}
          <p className="muted">
            {format(t.answered, { count: q.answered, total: report.standing })}
            {q.bars ? null : ` · ${t.free}`}
          </p>
        </div>
      ))}
      {report.sensitive.length ? (
        <section aria-labelledby="sensitive-report">
          <h3 id="sensitive-report">{t.sensitiveTitle}</h3>
          <p className="muted">{t.sensitiveIntro}</p>
          {report.sensitive.map((q) => (
            <div key={q.id} className="sensitive-question">
              <BarChart id={`question-${q.id}`} title={q.label} valueLabel={t.answers} data={q.bars} />
              {q.byCity.rows.length ? (
                <div className="table-scroll">
                  <table className="data" id={`question-${q.id}-cities`}>
                    <caption>{format(t.byCity, { question: q.label })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t.city}</th>
                        {q.byCity.columns.map((c) => (
                          <th scope="col" key={c}>
                            {c}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {q.byCity.rows.map((r) => (
                        <tr key={r.label}>
                          <th scope="row">{r.label}</th>
                          {r.cells.map((cell, i) => (
                            <td className="num" key={i}>
                              {cell}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                    <tfoot>
                      <tr>
                        <th scope="row">{t.total}</th>
                        {q.byCity.totals.map((cell, i) => (
                          <td className="num" key={i}>
                            {cell}
                          </td>
                        ))}
                      </tr>
                    </tfoot>
                  </table>
                </div>
              ) : (
                <p className="muted">{t.none}</p>
              )}
            </div>
          ))}
        </section>
      ) : null}
    </section>
  );
}
