import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import type { RosterRole, RosterVia } from "~db/schema";
import { format, useLocale, useT } from "~/i18n/index";
import { formatDate } from "~/lib/time";

// A city's roster (directorio de la ciudad) as a table: who, entity and position, role and
// since when, how they came onto it; each page adds its own buttons per row.

export interface RosterRow {
  rosterId: number;
  participantId: number;
  fullName: string;
  /** Shown to organizers and focal points; null where the reader does not get addresses. */
  email: string | null;
  role: RosterRole;
  entity: string;
  position: string;
  via: RosterVia;
  since: string;
  focalPointSince: string | null;
  verifiedBy: string | null;
}

const zone = "America/Bogota";

export function RosterTable({ rows, actions, you }: { rows: RosterRow[]; actions?: (row: RosterRow) => ReactNode; you?: number }) {
  const t = useT().cities;
  const locale = useLocale();
  return (
    <div className="table-scroll">
      <table className="data roster-table">
        <thead>
          <tr>
            <th scope="col">{t.city.columns.person}</th>
            <th scope="col">{t.city.columns.entity}</th>
            <th scope="col">{t.city.columns.role}</th>
            <th scope="col">{t.city.columns.since}</th>
            {actions ? <th scope="col">{t.city.columns.actions}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.rosterId}>
              <th scope="row">
                {r.fullName}
                {you === r.participantId ? <span className="muted"> ({t.mine.you})</span> : null}
                {r.email ? (
                  <>
                    <br />
                    <span className="muted">{r.email}</span>
                  </>
                ) : null}
              </th>
              <td>
                {r.entity}
                {r.position ? (
                  <>
                    <br />
                    <span className="muted">{r.position}</span>
                  </>
                ) : null}
              </td>
              <td>
                <span className={`badge${r.role === "focal_point" ? " badge--ok" : ""}`}>{t.roles[r.role]}</span>
                {r.role === "focal_point" && r.focalPointSince ? (
                  <>
                    <br />
                    <span className="muted">{format(t.city.focalSince, { date: formatDate(r.focalPointSince, zone, locale) })}</span>
                  </>
                ) : null}
              </td>
              <td>
                {formatDate(r.since, zone, locale)}
                <br />
                <span className="muted">
                  {t.vias[r.via]}
                  {r.verifiedBy ? ` (${r.verifiedBy})` : ""}
                </span>
              </td>
              {actions ? <td className="row-actions">{actions(r)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One button that posts an intent about one roster row (works without JavaScript). */
export function RowButton({
  intent,
  rosterId,
  label,
  name,
  danger,
  hint,
}: {
  intent: string;
  rosterId: number;
  label: string;
  name: string;
  danger?: boolean;
  hint?: string;
}) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="rosterId" value={rosterId} />
      <button
        type="submit"
        className={`button button--small${danger ? " button--danger" : " button--secondary"}`}
        aria-label={`${label}: ${name}`}
        title={hint}
      >
        {label}
      </button>
    </Form>
  );
}
