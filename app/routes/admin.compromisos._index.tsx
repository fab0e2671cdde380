import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { commitmentInstruments, commitmentStatuses, commitmentThemes } from "~db/schema";
import { format, plural, useLocale, useT } from "~/i18n/index";
import { listCities } from "~/features/cities/queries.server";
import { listEncountersForOrganizers } from "~/features/encounters/queries.server";
import { DueDate, ProgressMeter, StatusBadge } from "~/features/commitments/components/summary";
import { listCommitments } from "~/features/commitments/queries/lists.server";
import { requireOrganizer } from "~/server/auth.server";
import { readCommitmentFilters } from "~/features/commitments/forms";
import { FilterSelect } from "~/components/filter-select";
import { getDb } from "~/server/db.server";

// Every city's commitments for organizers, with filters (encounter, city, status, instrument,
// theme, overdue, reminders stopped) that the CSV and XLSX exports share.

export const meta: MetaFunction = () => [{ title: "Compromisos · Organizadores · Convoca" }];

const shownRows = 300;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const db = getDb();
  const url = new URL(request.url);
  const { query, filters } = readCommitmentFilters(url);
  const [list, encounters, cities] = await Promise.all([listCommitments(db, filters), listEncountersForOrganizers(db), listCities(db)]);
  const search = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === "string")).toString();
  return {
    query,
    search,
    count: list.length,
    rows: list.slice(0, shownRows),
    encounters: encounters.map((e) => ({ slug: e.slug, title: e.title })),
    cities: cities.map((c) => ({ dane: c.dane, name: c.name })),
  };
}

export default function AdminCommitments() {
  const { query, search, count, rows, encounters, cities } = useLoaderData<typeof loader>();
  const t = useT().commitments;
  const locale = useLocale();
  const a = t.admin;
  const suffix = search ? `?${search}` : "";
  return (
    <section>
      <h1>{a.listTitle}</h1>
      <p className="actions">
        <Link to="/admin/compromisos/puntos-focales">{a.focalLink}</Link>
        <Link to="/admin/compromisos/responsables">{useT().cityAuthority.review.link}</Link>
        {query.encuentro ? <Link to={`/admin/encuentros/${query.encuentro}/seguimiento`}>{a.planLink}</Link> : null}
      </p>
      <Form method="get" className="filters" aria-label={a.filters}>
        <FilterSelect
          id="f-encuentro"
          name="encuentro"
          label={a.encounter}
          allLabel={a.all}
          value={query.encuentro ?? ""}
          options={encounters.map((e) => ({ value: e.slug, label: e.title }))}
        />
        <FilterSelect
          id="f-ciudad"
          name="ciudad"
          label={a.city}
          allLabel={a.allFem}
          value={query.ciudad ?? ""}
          options={cities.map((c) => ({ value: c.dane, label: c.name }))}
        />
        <div className="field">
          <label htmlFor="f-estado">{t.columns.status}</label>
          <select id="f-estado" name="estado" defaultValue={query.estado ?? ""}>
            <option value="">{a.all}</option>
            {commitmentStatuses.map((s) => (
              <option key={s} value={s}>
                {t.statuses[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-instrumento">{t.columns.instrument}</label>
          <select id="f-instrumento" name="instrumento" defaultValue={query.instrumento ?? ""}>
            <option value="">{a.all}</option>
            {commitmentInstruments.map((i) => (
              <option key={i} value={i}>
                {t.instrumentsShort[i]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-tema">{t.columns.theme}</label>
          <select id="f-tema" name="tema" defaultValue={query.tema ?? ""}>
            <option value="">{a.all}</option>
            {commitmentThemes.map((th) => (
              <option key={th} value={th}>
                {t.themes[th]}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox">
          <input type="checkbox" name="vencidos" value="1" defaultChecked={query.vencidos === "1"} />
          <span>{a.overdueOnly}</span>
        </label>
        <label className="checkbox">
          <input type="checkbox" name="sinRecordatorios" value="1" defaultChecked={query.sinRecordatorios === "1"} />
          <span>{a.stoppedOnly}</span>
        </label>
        <button type="submit" className="button">
          {a.apply}
        </button>
      </Form>
      <p className="actions">
        <strong>{plural(locale, a.count, count)}</strong>
        <a className="button button--secondary" href={`/admin/compromisos.csv${suffix}`} download>
          {a.exportCsv}
        </a>
        <a className="button button--secondary" href={`/admin/compromisos.xlsx${suffix}`} download>
          {a.exportXlsx}
        </a>
      </p>
      {count > rows.length ? <p className="muted">{format(a.truncated, { shown: rows.length, count })}</p> : null}
      {rows.length === 0 ? (
        <p>{a.empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="data commitments-table">
            <thead>
              <tr>
                <th scope="col">{t.columns.city}</th>
                <th scope="col">{t.columns.commitment}</th>
                <th scope="col">{t.columns.status}</th>
                <th scope="col">{t.columns.progress}</th>
                <th scope="col">{t.columns.due}</th>
                <th scope="col">{t.columns.next}</th>
                <th scope="col">{t.columns.responsible}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.cityName}</td>
                  <th scope="row">
                    <Link to={`/admin/compromisos/${r.id}`}>{r.title}</Link>
                    <div className="muted small">
                      {t.instrumentsShort[r.instrument]} · {r.encounterTitle}
                    </div>
                  </th>
                  <td>
                    <StatusBadge status={r.status} overdue={r.overdue} />
                    {r.validatedAt ? <span className="badge badge--ok">{t.columns.validated}</span> : null}
                  </td>
                  <td>
                    <ProgressMeter value={r.progress} label={t.columns.progress} />
                  </td>
                  <td>
                    <DueDate date={r.dueDate} />
                  </td>
                  <td>
                    {r.remindersStoppedAt ? (
                      <span className="badge badge--muted">{t.columns.remindersStopped}</span>
                    ) : r.nextReminderOn ? (
                      <DueDate date={r.nextReminderOn} />
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>{r.responsibleName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
