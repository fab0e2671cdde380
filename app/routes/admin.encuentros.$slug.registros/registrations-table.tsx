import { Form, Link } from "@remix-run/react";
import { RosterButton, RosterStanding } from "~/features/cities/components/city-roster";
import { TextArea } from "~/features/registrations/components/registration-fields";
import { format, useLocale, useT } from "~/i18n/index";
import { formatDateTime } from "~/lib/time";
import type { loader } from "./route";
import type { ActionResult } from "./actions.server";

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];
type ReasonError = Extract<ActionResult, { ok: false }>["reasonError"];

/** The registrations, one row each, with the person's roster standing and the row's actions. */
export function RegistrationsTable({
  rows,
  timezone,
  base,
  reasonError,
  busy,
}: {
  rows: Row[];
  timezone: string;
  base: string;
  reasonError: ReasonError;
  busy: boolean;
}) {
  const t = useT();
  const a = t.registration.admin;
  const locale = useLocale();
  return (
    <div className="table-scroll">
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{a.columns.person}</th>
            <th scope="col">{a.columns.city}</th>
            <th scope="col">{a.columns.status}</th>
            <th scope="col">{a.columns.registeredAt}</th>
            <th scope="col">{a.columns.checkedInAt}</th>
            <th scope="col" className="no-print">
              {a.columns.actions}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <strong>{r.name}</strong>
                <br />
                <span className="muted">{r.email}</span>
                <br />
                {r.entity} · {r.position}
                {r.phone ? ` · ${r.phone}` : null}
                {r.needs ? (
                  <>
                    <br />
                    <em>
                      {a.columns.needs}: {r.needs}
                    </em>
                  </>
                ) : null}
              </td>
              <td>
                {r.city}
                <br />
                <RosterStanding standing={r.roster} personCity={r.city} timezone={timezone} />
              </td>
              <td>
                <span className={`badge badge--status-${r.status}`}>{t.registration.statuses[r.status]}</span>
                {r.waitlistPosition !== null ? ` #${r.waitlistPosition}` : null}
                {r.source !== "form" ? (
                  <>
                    <br />
                    <span className="muted">{t.registration.sources[r.source]}</span>
                  </>
                ) : null}
                {r.consentPending ? (
                  <>
                    <br />
                    <span className="badge badge--warn" title={t.registrationHome.consent.pendingHint}>
                      {t.registrationHome.consent.pending}
                    </span>
                  </>
                ) : null}
              </td>
              <td>{formatDateTime(r.registeredAt, timezone, locale)}</td>
              <td>{r.checkedInAt ? formatDateTime(r.checkedInAt, timezone, locale) : "—"}</td>
              <td className="no-print">
                <div className="row-actions">
                  <Link className="button button--secondary button--small" to={`${base}/registros/${r.id}`} aria-label={`${a.edit}: ${r.name}`}>
                    {a.edit}
                  </Link>
                  <RosterButton
                    registrationId={r.id}
                    cityId={r.cityId}
                    verified={r.roster !== null}
                    verifiedForOwnCity={r.verifiedForOwnCity}
                    name={r.name}
                    disabled={busy}
                  />
                  {r.status === "waitlisted" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="promote" />
                      <input type="hidden" name="registrationId" value={r.id} />
                      <button type="submit" className="button button--small" disabled={busy} aria-label={`${a.promote}: ${r.name}`}>
                        {a.promote}
                      </button>
                    </Form>
                  ) : null}
                  {r.status === "waitlisted" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="promote" />
                      <input type="hidden" name="registrationId" value={r.id} />
                      <input type="hidden" name="ignoreQuota" value="on" />
                      <button type="submit" className="button button--secondary button--small" disabled={busy}>
                        {a.promoteQuota}
                      </button>
                    </Form>
                  ) : null}
                  {r.status !== "cancelled" ? (
                    <details open={reasonError?.registrationId === String(r.id) || undefined}>
                      <summary className="button button--secondary button--small">{a.cancel}</summary>
                      <Form method="post">
                        <input type="hidden" name="intent" value="cancel" />
                        <input type="hidden" name="registrationId" value={r.id} />
                        <TextArea
                          id={`reason-${r.id}`}
                          name="reason"
                          label={a.cancelReason}
                          rows={2}
                          maxLength={1000}
                          defaultValue={reasonError?.registrationId === String(r.id) ? reasonError.reason : undefined}
                          error={reasonError?.registrationId === String(r.id) ? reasonError.error : undefined}
                        />
                        <div className="checkbox">
                          <input type="checkbox" id={`notify-${r.id}`} name="notify" value="on" defaultChecked />
                          <label htmlFor={`notify-${r.id}`}>{a.notify}</label>
                        </div>
                        <button type="submit" className="button button--danger button--small" disabled={busy}>
                          {format(a.cancelConfirm, { name: r.name })}
                        </button>
                      </Form>
                    </details>
                  ) : null}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
