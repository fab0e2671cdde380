import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/index";
import { formatDateTime } from "~/lib/time";
import { ReviewTable, TwoLineCell } from "~/features/commitments/components/review-table";
import { OneClick } from "./one-click";
import type { listPendingResponsibles } from "~/features/commitments/queries/responsibles.server";

type Pending = Awaited<ReturnType<typeof listPendingResponsibles>>;

/** Responsibles officials named that nobody confirmed yet. */
export function PendingTable({ pending }: { pending: Pending }) {
  const r = useT().cityAuthority.review;
  const locale = useLocale();
  return (
    <section aria-labelledby="pending-title">
      <h2 id="pending-title">{r.pendingTitle}</h2>
      <p>{r.pendingIntro}</p>
      {pending.length === 0 ? (
        <p>{r.pendingNone}</p>
      ) : (
        <ReviewTable columns={[r.columns.commitment, r.columns.responsible, r.columns.recordedBy, r.columns.actions]}>
          {pending.map((p) => (
            <tr key={p.id}>
              <TwoLineCell main={<Link to={`/admin/compromisos/${p.id}`}>{p.title}</Link>} sub={`${p.city_name} · ${p.encounter_title}`} />
              <TwoLineCell main={p.responsible_name} sub={p.responsible_email} />
              <TwoLineCell main={p.recorded_by ?? "—"} sub={formatDateTime(p.updated_at, p.encounter_timezone, locale)} />
              <td>
                <div className="row-actions">
                  <OneClick intent="confirm" id={p.id} label={r.confirm} name={p.responsible_email} email={p.responsible_email} />
                  <OneClick intent="stopResponsible" id={p.id} label={r.stop} danger name={p.responsible_email} email={p.responsible_email} />
                </div>
              </td>
            </tr>
          ))}
        </ReviewTable>
      )}
    </section>
  );
}
