import type { SignInAlert } from "~/features/organizers/queries.server";
import { format, useLocale, useT } from "~/i18n/index";
import { defaultTimezone, formatDateTime } from "~/lib/time";

/** Who was refused or slowed down when trying passwords, so that admins see an attack. */
export function SignInAlerts({ alerts }: { alerts: SignInAlert[] }) {
  const t = useT().organizers.signInAlerts;
  const locale = useLocale();
  const when = (iso: string) => formatDateTime(iso, defaultTimezone, locale);
  return (
    <>
      <h2>{t.title}</h2>
      <p>{t.intro}</p>
      {alerts.length === 0 ? (
        <p className="muted">{t.none}</p>
      ) : (
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t.columns.at}</th>
                <th scope="col">{t.columns.account}</th>
                <th scope="col">{t.columns.what}</th>
                <th scope="col">{t.columns.client}</th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((a, i) => (
                <tr key={`${a.at}-${i}`}>
                  <td>{when(a.at)}</td>
                  <td>{a.account ? `${a.account.name} (${a.account.email})` : t.anyAccount}</td>
                  <td>{format(t.kinds[a.scope], { failures: a.failures, until: when(a.until) })}</td>
                  <td>
                    <code>{a.client}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
