import { format, plural, useLocale, useT } from "~/i18n/index";
import { ReviewTable, TwoLineCell } from "~/features/commitments/components/review-table";
import { OneClick } from "./one-click";
import type { OfficialSummary } from "~/features/commitments/queries/responsibles.server";

/** Every official with something to review, with their counts and a button to stop all of it. */
export function OfficialsTable({ officials, perOfficial }: { officials: OfficialSummary[]; perOfficial: number }) {
  const r = useT().cityAuthority.review;
  const locale = useLocale();
  return (
    <section aria-labelledby="officials-title">
      <h2 id="officials-title">{r.officialsTitle}</h2>
      <p>{format(r.officialsIntro, { n: perOfficial })}</p>
      <ReviewTable columns={[r.columns.official, r.columns.pending, r.columns.held, r.columns.actions]}>
        {officials.map((o) => (
          <tr key={o.participantId ?? "none"}>
            <TwoLineCell main={o.name ?? r.unknownOfficial} sub={o.email ? `${o.email} · ${o.cityName}` : null} />
            <td>{o.pending}</td>
            <td>
              {o.held}
              {o.stopped > 0 ? <span className="muted"> · {plural(locale, r.stoppedCount, o.stopped)}</span> : null}
            </td>
            <td>
              {o.participantId !== null && o.pending + o.held > 0 ? (
                <OneClick intent="stopOfficial" id={o.participantId} label={r.stopOfficial} danger name={o.name ?? String(o.participantId)} />
              ) : null}
            </td>
          </tr>
        ))}
      </ReviewTable>
    </section>
  );
}
