import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { format, plural, useLocale, useT } from "~/i18n";
import { officialMailCap } from "~/features/mail/official-mail.server";
import { confirmResponsible, decideHeldMail, stopAllOfOfficial, stopPendingResponsible } from "~/features/commitments/commands/responsibles.server";
import { listPendingResponsibles, listReviewedMails, reviewRowsPerOfficial, summarizeByOfficial } from "~/features/commitments/queries/responsibles.server";
import { requireOrganizer } from "~/server/auth.server";
import { parseId } from "~/features/commitments/access.server";
import { getDb } from "~/server/db.server";
import { readForm } from "~/server/http.server";
import { formatDateTime } from "~/lib/time";
import { ReviewTable, TwoLineCell } from "~/features/commitments/components/review-table";

// /admin/compromisos/responsables — what officials' commitments would mail and nobody vouched
// for yet: responsibles to confirm (they got only a neutral notice) and mails the daily cap held.
// One click confirms, sends or stops; every decision is audited. Grouped by official: one
// official's flood shows as one line with its counts and a button to stop all of it.

export const meta: MetaFunction = () => [{ title: "Responsables por confirmar · Organizadores · Convoca" }];

const zone = "America/Bogota";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const db = getDb();
  const [pending, mails, officials] = await Promise.all([listPendingResponsibles(db), listReviewedMails(db), summarizeByOfficial(db)]);
  return { pending, mails, officials, cap: officialMailCap, perOfficial: reviewRowsPerOfficial };
}

const intents = ["confirm", "stopResponsible", "send", "stopMail", "stopOfficial"] as const;
type Intent = (typeof intents)[number];
type Outcome = "confirmed" | "stoppedResponsible" | "released" | "stopped" | "stale" | "changed" | "stoppedOfficial" | "unchanged";

export async function action({ request }: ActionFunctionArgs) {
  const organizer = await requireOrganizer(request);
  const db = getDb();
  const form = await readForm(request);
  const intent = intents.find((i) => i === form.get("intent")) as Intent | undefined;
  const id = parseId(typeof form.get("id") === "string" ? String(form.get("id")) : undefined);
  if (!intent || !id) return data({ outcome: null, invalid: true }, { status: 400 });
  let outcome: Outcome;
  // The address the page showed: the decision is about that address, not whatever stands now.
  const shownEmail = typeof form.get("email") === "string" ? String(form.get("email")) : null;
  if (intent === "stopOfficial") {
    const stopped = await stopAllOfOfficial(db, id, organizer.id);
    outcome = stopped.responsibles + stopped.mails > 0 ? "stoppedOfficial" : "unchanged";
  } else if (intent === "confirm" || intent === "stopResponsible") {
    const decision = intent === "confirm" ? await confirmResponsible(db, id, organizer.id, shownEmail) : await stopPendingResponsible(db, id, organizer.id, shownEmail);
    outcome = decision === "done" ? (intent === "confirm" ? "confirmed" : "stoppedResponsible") : decision;
  } else {
    const decision = await decideHeldMail(db, id, intent === "send", organizer.id);
    outcome = decision === "unknown" ? "unchanged" : decision;
  }
  return data({ outcome, invalid: false }, { status: outcome === "unchanged" || outcome === "changed" ? 409 : 200 });
}

function OneClick({ intent, id, label, danger, name, email }: { intent: Intent; id: number; label: string; danger?: boolean; name: string; email?: string }) {
  const busy = useNavigation().state !== "idle";
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      {email !== undefined ? <input type="hidden" name="email" value={email} /> : null}
      <button type="submit" className={`button button--small${danger ? " button--danger" : ""}`} disabled={busy} aria-label={`${label}: ${name}`}>
        {label}
      </button>
    </Form>
  );
}

export default function ResponsibleReview() {
  const { pending, mails, officials, cap, perOfficial } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const r = t.cityAuthority.review;
  const locale = useLocale();
  return (
    <section className="stack">
      <p>
        <Link to="/admin/compromisos">← {t.commitments.admin.listTitle}</Link>
      </p>
      <h1>{r.title}</h1>
      <p className="lead">{format(r.intro, { cap })}</p>
      {result?.outcome ? (
        <p className={`alert ${result.outcome === "unchanged" || result.outcome === "stale" || result.outcome === "changed" ? "alert--warn" : "alert--ok"}`} role="status">
          {r.done[result.outcome]}
        </p>
      ) : null}
      {result?.invalid ? (
        <p className="alert alert--error" role="alert">
          {r.invalid}
        </p>
      ) : null}

      {officials.length > 0 ? (
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
      ) : null}

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
    </section>
  );
}
