import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { CheckboxField, TextareaField } from "~/components/forms";
import { RosterButton, RosterStanding } from "~/features/cities/components/city-roster";
import { format, useLocale, useT } from "~/i18n/index";
import { formatDateTime } from "~/lib/time";
import type { loader } from "./route";

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];
type Reply = SubmissionResult<string[]>;

/** The registrations, one row each, with the person's roster standing and the row's actions. */
export function RegistrationsTable({
  rows,
  timezone,
  base,
  reply,
  busy,
}: {
  rows: Row[];
  timezone: string;
  base: string;
  /** The refused action's reply: a refused cancellation shows on its own row. */
  reply: Reply | undefined;
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
                    <CancelForm
                      row={r}
                      reply={reply?.initialValue?.intent === "cancel" && reply.initialValue.registrationId === String(r.id) ? reply : undefined}
                      busy={busy}
                    />
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

/** Cancel on someone's behalf: a reason (mailed to the person, or not). Open again, with its error, when refused. */
function CancelForm({ row: r, reply, busy }: { row: Row; reply: Reply | undefined; busy: boolean }) {
  const t = useT();
  const a = t.registration.admin;
  const [form, fields] = useForm<{ reason: string; notify: string }>({ id: `cancel-${r.id}`, lastResult: reply, defaultValue: { notify: "on" } });
  return (
    <details open={reply ? true : undefined}>
      <summary className="button button--secondary button--small">{a.cancel}</summary>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="cancel" />
        <input type="hidden" name="registrationId" value={r.id} />
        <TextareaField meta={fields.reason} id={`reason-${r.id}`} label={a.cancelReason} rows={2} maxLength={1000} messages={t.registration.errors} />
        <CheckboxField meta={fields.notify} id={`notify-${r.id}`} label={a.notify} />
        <button type="submit" className="button button--danger button--small" disabled={busy}>
          {format(a.cancelConfirm, { name: r.name })}
        </button>
      </Form>
    </details>
  );
}
