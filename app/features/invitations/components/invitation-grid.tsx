import { getInputProps } from "@conform-to/react";
import { ErrorList, fieldIds, useErrorText, type AnyField } from "~/components/forms";
import { format, useLocale, usePlural, useT } from "~/i18n/index";
import { formatDateTime } from "~/lib/time";
import type { GridState } from "~/features/invitations/rules";

// The organizers' grid of the 32 capitals for one encounter: each city's invitation state
// (not invited, sent, opened, delegation registered with how many of the city's places,
// declined with the reason), who it goes to, and its row's actions. The grid sits inside the
// invite form (the checkboxes and typed addresses belong to it); the row buttons belong to two
// small forms outside it through their `form` attribute, so every action works without
// JavaScript and no form is nested in another.

export interface GridRowView {
  cityId: number;
  dane: string;
  name: string;
  department: string;
  region: string | null;
  state: GridState;
  focalPoints: Array<{ name: string; email: string }>;
  typedEmail: string | null;
  sentAt: string | null;
  openedAt: string | null;
  respondedAt: string | null;
  lastRemindedAt: string | null;
  declineReason: string | null;
  delegation: { confirmed: number; waitlisted: number };
  places: { taken: number; quota: number };
}

const stateBadge: Record<GridState, string> = {
  not_invited: "badge badge--muted",
  sent: "badge",
  opened: "badge badge--warn",
  registered: "badge badge--ok",
  declined: "badge badge--danger",
};

export function InvitationGrid(props: {
  rows: GridRowView[];
  timezone: string;
  /** The invite form's id: checkboxes and addresses of cities not invited belong to it. */
  inviteForm: string;
  resendForm: string;
  withdrawForm: string;
  chosen: string[];
  addressMeta: (dane: string) => AnyField;
  canInvite: boolean;
}) {
  const t = useT().invitations;
  const a = t.admin;
  const locale = useLocale();
  const plural = usePlural();
  const when = (instant: string) => formatDateTime(instant, props.timezone, locale);
  return (
    <div className="table-scroll">
      <table className="data stacked-table invitation-grid">
        <caption className="visually-hidden">{a.gridTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{a.columns.choose}</th>
            <th scope="col">{a.columns.city}</th>
            <th scope="col">{a.columns.addressee}</th>
            <th scope="col">{a.columns.state}</th>
            <th scope="col">{a.columns.delegation}</th>
            <th scope="col">{a.columns.actions}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => {
            const invited = row.state !== "not_invited";
            return (
              <tr key={row.dane} id={`ciudad-${row.dane}`} data-state={row.state}>
                <td data-label={a.columns.choose}>
                  {!invited && props.canInvite ? (
                    <input
                      type="checkbox"
                      name="cities"
                      value={row.dane}
                      form={props.inviteForm}
                      defaultChecked={props.chosen.includes(row.dane)}
                      aria-label={format(a.choose, { city: row.name })}
                    />
                  ) : null}
                </td>
                <th scope="row" data-label={a.columns.city}>
                  {row.name}
                  <br />
                  <span className="muted small">
                    {row.department}
                    {row.region ? ` · ${t.regions[row.region as keyof typeof t.regions]}` : null}
                  </span>
                </th>
                <td data-label={a.columns.addressee}>
                  <Addressee {...props} row={row} invited={invited} />
                </td>
                <td data-label={a.columns.state}>
                  <span className={stateBadge[row.state]}>{t.states[row.state]}</span>
                  {invited && row.sentAt ? <div className="muted small">{format(a.sentOn, { date: when(row.sentAt) })}</div> : null}
                  {invited && row.openedAt ? <div className="muted small">{format(a.openedOn, { date: when(row.openedAt) })}</div> : null}
                  {invited && row.lastRemindedAt ? <div className="muted small">{format(a.remindedOn, { date: when(row.lastRemindedAt) })}</div> : null}
                  {row.state === "declined" && row.declineReason ? <div>{format(a.reason, { reason: row.declineReason })}</div> : null}
                </td>
                <td data-label={a.columns.delegation}>
                  {row.delegation.confirmed + row.delegation.waitlisted > 0 ? (
                    <>
                      <div>{plural(a.delegationCount, row.delegation.confirmed + row.delegation.waitlisted)}</div>
                      {row.delegation.waitlisted > 0 ? <div className="muted small">{plural(a.waiting, row.delegation.waitlisted)}</div> : null}
                    </>
                  ) : null}
                  <div className="muted small">{format(a.places, row.places)}</div>
                </td>
                <td data-label={a.columns.actions}>
                  {invited ? (
                    <div className="row-actions">
                      <button
                        type="submit"
                        form={props.resendForm}
                        name="city"
                        value={row.dane}
                        className="button button--secondary button--small"
                        aria-label={format(a.resendTo, { city: row.name })}
                      >
                        {a.resend}
                      </button>
                      <button
                        type="submit"
                        form={props.withdrawForm}
                        name="city"
                        value={row.dane}
                        className="button button--secondary button--small"
                        aria-label={format(a.withdrawTo, { city: row.name })}
                      >
                        {a.withdraw}
                      </button>
                    </div>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Who the invitation goes to: the focal points, else an address (typed in the row while the city has none). */
function Addressee(props: {
  row: GridRowView;
  invited: boolean;
  canInvite: boolean;
  inviteForm: string;
  resendForm: string;
  addressMeta: (dane: string) => AnyField;
}) {
  const a = useT().invitations.admin;
  const { row } = props;
  if (row.focalPoints.length > 0) {
    return (
      <ul className="plain-list">
        {row.focalPoints.map((f) => (
          <li key={f.email}>
            {f.name}
            <br />
            <span className="muted small">{f.email}</span>
          </li>
        ))}
      </ul>
    );
  }
  if (props.invited) {
    // The address the invitation went to; changed here, "Send again" sends it to the new one (and voids the old link).
    return (
      <>
        <span className="muted small">{a.noFocalPoint}</span>
        <input
          type="email"
          name={`address.${row.dane}`}
          form={props.resendForm}
          defaultValue={row.typedEmail ?? ""}
          aria-label={format(a.address, { city: row.name })}
          autoComplete="off"
        />
      </>
    );
  }
  if (!props.canInvite) return <span className="muted small">{a.noFocalPoint}</span>;
  return <AddressField meta={props.addressMeta(row.dane)} city={row.name} form={props.inviteForm} />;
}

function AddressField({ meta, city, form }: { meta: AnyField; city: string; form: string }) {
  const t = useT().invitations;
  const errorText = useErrorText(t.errors as unknown as Record<string, string>)(meta.errors?.[0]);
  const ids = fieldIds(meta.name, meta.id, true, Boolean(errorText));
  const { key, ...conform } = getInputProps(meta, { type: "email", ariaAttributes: false });
  return (
    <div className={`field${errorText ? " field--invalid" : ""}`}>
      <label htmlFor={ids.fieldId} className="small">
        {format(t.admin.address, { city })}
      </label>
      <p className="field__hint" id={ids.hintId}>
        {t.admin.noFocalPoint}
      </p>
      <input key={key} {...conform} id={ids.fieldId} form={form} autoComplete="off" {...ids.aria} />
      <ErrorList id={ids.errorId} errors={errorText ? [errorText] : undefined} />
    </div>
  );
}
