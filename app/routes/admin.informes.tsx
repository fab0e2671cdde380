import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { BarChart } from "~/features/reports/components/bar-chart";
import { cityPoints, ColombiaMap } from "~/features/reports/components/colombia-map";
import { StatList } from "~/features/reports/components/stat-list";
import { useT } from "~/i18n/index";
import { crossEncounterReport } from "~/features/reports/queries.server";
import { requireOrganizer } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { FilterSelect } from "~/components/filter-select";
import { readCrossReportFilters } from "~/features/reports/forms";

export const meta: MetaFunction = () => [{ title: "Informe de las ciudades capitales · Convoca" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const url = new URL(request.url);
  const { filters, dropped } = readCrossReportFilters(url);
  const report = await crossEncounterReport(getDb(), filters, new Date().toISOString().slice(0, 10));
  return { report, filters, dropped, query: url.search };
}

export default function CrossReportPage() {
  const { report, filters, dropped, query } = useLoaderData<typeof loader>();
  const t = useT().reports;
  const active = report.cities.filter((c) => c.commitments > 0 || c.encountersAttended > 0);
  return (
    <article className="report">
      <h1>{t.acrossTitle}</h1>
      {dropped ? <p className="alert alert--error">{t.invalidFilter}</p> : null}
      <Form method="get" className="filters no-print" aria-label={t.filters}>
        <div className="field">
          <label htmlFor="from">{t.from}</label>
          <input id="from" name="from" type="date" defaultValue={filters.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="to">{t.to}</label>
          <input id="to" name="to" type="date" defaultValue={filters.to ?? ""} />
        </div>
        <FilterSelect
          id="instrument"
          name="instrument"
          label={t.instrument}
          allLabel={t.all}
          value={filters.instrument ?? ""}
          options={Object.entries(t.instruments).map(([value, label]) => ({ value, label }))}
        />
        <FilterSelect
          id="theme"
          name="theme"
          label={t.theme}
          allLabel={t.all}
          value={filters.theme ?? ""}
          options={Object.entries(t.themes).map(([value, label]) => ({ value, label }))}
        />
        <button type="submit" className="button">
          {t.apply}
        </button>
      </Form>
      <div className="actions no-print">
        <a className="button button--secondary" href={`/admin/informes.csv${query}`} download>
          {t.exportCsv}
        </a>
        <a className="button button--secondary" href={`/admin/informes.xlsx${query}`} download>
          {t.exportXlsx}
        </a>
        <button type="button" className="button button--secondary" data-print>
          {t.print}
        </button>
      </div>
      <StatList
        stats={[
          [t.commitments, report.totals.commitments],
          [t.done, report.totals.done],
          [t.overdue, report.totals.overdue],
        ]}
      />
      <div className="report__grid">
        <ColombiaMap
          id="map-done"
          title={t.mapDone}
          points={cityPoints(
            report.cities,
            (c) => c.onTimeShare,
            (c) => (c.onTimeShare === null ? t.legendNone : `${t.onTime}: ${Math.round(c.onTimeShare * 100)} %`),
          )}
        />
        <BarChart
          id="trend"
          title={t.trend}
          valueLabel={t.done}
          totalLabel={t.made}
          data={report.trend.map((p) => ({ label: p.period, value: p.done, total: p.made }))}
        />
      </div>
      <div className="table-scroll">
        <table className="data">
          <caption className="visually-hidden">{t.acrossTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{t.city}</th>
              <th scope="col">{t.encountersAttended}</th>
              <th scope="col">{t.commitments}</th>
              <th scope="col">{t.done}</th>
              <th scope="col">{t.inProgress}</th>
              <th scope="col">{t.overdue}</th>
              <th scope="col">{t.onTime}</th>
            </tr>
          </thead>
          <tbody>
            {active.map((c) => (
              <tr key={c.dane}>
                <th scope="row">{c.name}</th>
                <td>{c.encountersAttended}</td>
                <td>{c.commitments}</td>
                <td>{c.done}</td>
                <td>{c.inProgress}</td>
                <td>{c.overdue}</td>
                <td>{c.onTimeShare === null ? "—" : `${Math.round(c.onTimeShare * 100)} %`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}
