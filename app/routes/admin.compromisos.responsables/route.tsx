import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { format, useT } from "~/i18n/index";
import { officialMailCap } from "~/features/mail/official-mail.server";
import { listPendingResponsibles, listReviewedMails, reviewRowsPerOfficial, summarizeByOfficial } from "~/features/commitments/queries/responsibles.server";
import { requireOrganizer } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { action } from "./actions.server";
import { MailsTable } from "./mails-table";
import { OfficialsTable } from "./officials-table";
import { PendingTable } from "./pending-table";

// /admin/compromisos/responsables — what officials' commitments would mail and nobody vouched
// for yet: responsibles to confirm (they got only a neutral notice) and mails the daily cap held.
// One click confirms, sends or stops; every decision is audited. Grouped by official: one
// official's flood shows as one line with its counts and a button to stop all of it.

export const meta: MetaFunction = () => [{ title: "Responsables por confirmar · Organizadores · Convoca" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const db = getDb();
  const [pending, mails, officials] = await Promise.all([listPendingResponsibles(db), listReviewedMails(db), summarizeByOfficial(db)]);
  return { pending, mails, officials, cap: officialMailCap, perOfficial: reviewRowsPerOfficial };
}

export { action };

export default function ResponsibleReview() {
  const { pending, mails, officials, cap, perOfficial } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const r = t.cityAuthority.review;
  const outcome = result && "outcome" in result ? result.outcome : null;
  return (
    <section className="stack">
      <p>
        <Link to="/admin/compromisos">← {t.commitments.admin.listTitle}</Link>
      </p>
      <h1>{r.title}</h1>
      <p className="lead">{format(r.intro, { cap })}</p>
      {outcome ? (
        <p className={`alert ${outcome === "unchanged" || outcome === "stale" || outcome === "changed" ? "alert--warn" : "alert--ok"}`} role="status">
          {r.done[outcome]}
        </p>
      ) : null}
      {result && "initialValue" in result ? (
        <p className="alert alert--error" role="alert">
          {r.invalid}
        </p>
      ) : null}
      {officials.length > 0 ? <OfficialsTable officials={officials} perOfficial={perOfficial} /> : null}
      <PendingTable pending={pending} />
      <MailsTable mails={mails} cap={cap} />
    </section>
  );
}
