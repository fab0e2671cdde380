import { Link } from "@remix-run/react";
import { format, useLocale, useT } from "~/i18n/index";
import { formatDateTime } from "~/lib/time";
import { ReviewTable, TwoLineCell } from "~/features/commitments/components/review-table";
import { OneClick } from "./one-click";
import type { listReviewedMails } from "~/features/commitments/queries/responsibles.server";

type Mails = Awaited<ReturnType<typeof listReviewedMails>>;

const zone = "America/Bogota";

/** Mails the daily cap held, and those an organizer stopped. */
export function MailsTable({ mails, cap }: { mails: Mails; cap: number }) {
  const r = useT().cityAuthority.review;
  const locale = useLocale();
  return (
    <section aria-labelledby="mails-title">
      <h2 id="mails-title">{r.mailsTitle}</h2>
      <p>{format(r.mailsIntro, { cap })}</p>
      {mails.length === 0 ? (
        <p>{r.mailsNone}</p>
      ) : (
        <ReviewTable columns={[r.columns.official, r.columns.recipient, r.columns.status, r.columns.actions]}>
          {mails.map((m) => (
            <tr key={m.id}>
              <TwoLineCell main={m.official_name} sub={`${m.official_email} · ${m.city_name}`} />
              <TwoLineCell
                main={m.recipient}
                sub={
                  <>
                    <Link to={`/admin/compromisos/${m.commitment_id}`}>{m.commitment_title}</Link> · {r.kinds[m.kind]}
                  </>
                }
              />
              <TwoLineCell
                main={<span className={`badge ${m.status === "held" ? "badge--warn" : ""}`}>{r.statuses[m.status]}</span>}
                sub={formatDateTime(m.created_at, zone, locale)}
              />
              <td>
                {m.status === "held" ? (
                  <div className="row-actions">
                    <OneClick intent="send" id={m.id} label={r.send} name={m.recipient} />
                    <OneClick intent="stopMail" id={m.id} label={r.stop} danger name={m.recipient} />
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </ReviewTable>
      )}
    </section>
  );
}
