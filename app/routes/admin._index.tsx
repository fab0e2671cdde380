import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { listEncountersForOrganizers } from "~/models/encounters.server";
import { latestBackup } from "~db/backup";
import { requireOrganizer } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { formatDate, formatDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Organizadores · Convoca" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  return { encounters: await listEncountersForOrganizers(getDb()), lastBackupAt: latestBackup(getEnv().backupsDir)?.at ?? null };
}

export default function AdminHome() {
  const { encounters, lastBackupAt } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <section>
      <h1>{t.admin.encounters}</h1>
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
