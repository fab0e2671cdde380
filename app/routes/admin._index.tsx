import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { format, plural, useLocale, useT } from "~/i18n/index";
import { listEncountersForOrganizers } from "~/features/encounters/queries.server";
import { organizerOverview } from "~/features/reports/overview.server";
import { latestBackup } from "~db/backup";
import { requireOrganizer } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { daysBetween, formatCalendarDate, localDate } from "~/lib/calendar-date";
import { formatDate, formatDateTime } from "~/lib/time";

export const meta: MetaFunction = () => [{ title: "Organizadores · Convoca" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const db = getDb();
  const [encounters, overview] = await Promise.all([listEncountersForOrganizers(db), organizerOverview(db)]);
  return { encounters, overview, lastBackupAt: latestBackup(getEnv().backupsDir)?.at ?? null };
}

export default function AdminHome() {
  const { encounters, overview, lastBackupAt } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <section>
      <h1>{t.admin.title}</h1>
      <Overview overview={overview} />
      <h2>{t.admin.encounters}</h2>
      <p>
        <Link className="button" to="/admin/encuentros/nuevo">
          {t.scheduling.links.newEncounter}
        </Link>
      </p>
      {encounters.length === 0 ? (
        <p>{t.admin.noEncounters}</p>
      ) : (
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t.admin.columns.title}</th>
                <th scope="col">{t.admin.columns.date}</th>
                <th scope="col">{t.admin.columns.status}</th>
                <th scope="col">{t.admin.columns.registrations}</th>
                <th scope="col">{t.admin.columns.links}</th>
              </tr>
            </thead>
            <tbody>
              {encounters.map((e) => (
                <tr key={e.id}>
                  <th scope="row">
                    <Link to={`/admin/encuentros/${e.slug}`}>{e.title}</Link>
                  </th>
                  <td>{formatDate(e.starts_at, e.timezone, locale)}</td>
                  <td>{t.admin.statuses[e.status]}</td>
                  <td>
                    {e.confirmed_count} / {e.capacity}
                    {Number(e.waitlisted_count) > 0 ? ` (+${e.waitlisted_count})` : null}
                  </td>
                  <td>
                    <Link to={`/admin/encuentros/${e.slug}/agenda`}>{t.scheduling.links.agenda}</Link> ·{" "}
                    <Link to={`/admin/encuentros/${e.slug}/registros`}>{t.registration.admin.nav}</Link> ·{" "}
                    <Link to={`/admin/encuentros/${e.slug}/acreditacion`}>{t.registration.admin.checkinNav}</Link> ·{" "}
                    <Link to={`/encuentros/${e.slug}`}>{t.scheduling.links.publicPage}</Link> ·{" "}
                    <Link to={`/admin/encuentros/${e.slug}/informe`}>{t.admin.report}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted">
        {t.people.backup}: {lastBackupAt ? formatDateTime(lastBackupAt, "America/Bogota", locale) : t.people.noBackup}
      </p>
    </section>
  );
}

type OverviewData = ReturnType<typeof useLoaderData<typeof loader>>["overview"];

/** Figures that link to the list behind them: what slipped, what did not go out, what comes next. */
function Overview({ overview }: { overview: OverviewData }) {
  const t = useT();
  const o = t.admin.overview;
  const locale = useLocale();
  const { commitments: c, mail, nextEncounter: next } = overview;
  const figure = (label: string, value: number, to: string, alert = false) => (
    <div className={`stat${alert && value > 0 ? " stat--alert" : ""}`}>
      <dt>
        <Link to={to}>{label}</Link>
      </dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <section aria-labelledby="overview-title" className="overview">
      <h2 id="overview-title">{o.title}</h2>
      <dl className="stats">
        {figure(o.commitmentsOpen, c.open, "/admin/compromisos")}
        {figure(o.overdue, c.overdue, "/admin/compromisos?vencidos=1", true)}
        {figure(o.atRisk, c.atRisk, "/admin/compromisos?estado=at_risk", true)}
        {figure(o.done, c.done, "/admin/compromisos?estado=done")}
        {figure(o.remindersStopped, c.remindersStopped, "/admin/compromisos?sinRecordatorios=1")}
        {figure(o.mailQueued, mail.queued, "/admin/correo?estado=pending")}
        {figure(o.mailFailed, mail.failed, "/admin/correo?estado=failed", true)}
      </dl>
      <div className="overview__columns">
        <div className="card">
          <h3>{o.mostOverdue}</h3>
          {c.mostOverdue.length === 0 ? (
            <p>{o.noOverdue}</p>
          ) : (
            <>
              <p className="muted">{plural(locale, o.overdueCities, c.overdueCities)}</p>
              <ul>
                {c.mostOverdue.map((item) => (
                  <li key={item.id}>
                    <Link to={`/admin/compromisos/${item.id}`}>{item.title}</Link> · {item.city} ·{" "}
                    {format(o.dueOn, { date: formatCalendarDate(item.dueDate, locale) })}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
        {next ? (
          <div className="card">
            <h3>{o.nextEncounter}</h3>
            <p>
              <Link to={`/admin/encuentros/${next.slug}/registros`}>{next.title}</Link>
            </p>
            <p>
              {formatDate(next.starts_at, next.timezone, locale)} ·{" "}
              {plural(locale, o.daysToGo, daysBetween(localDate(new Date(), next.timezone), localDate(next.starts_at, next.timezone)))}
            </p>
            <p>
              {format(o.places, { confirmed: next.confirmed_count, capacity: next.capacity })}
              {next.waitlisted > 0 ? ` · ${format(o.waitlisted, { n: next.waitlisted })}` : null}
            </p>
          </div>
        ) : null}
      </div>
    </section>
  );
}
