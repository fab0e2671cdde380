import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { format, useT } from "~/i18n/index";
import { CommitmentFacts, ProgressMeter, StatusBadge } from "~/features/commitments/components/summary";
import { History } from "~/features/commitments/components/history";
import { Notice } from "~/features/commitments/components/notice";
import { ProgressForm } from "~/features/commitments/components/progress-form";
import { listHistory } from "~/features/commitments/queries/commitment.server";
import { sendFreshLink } from "~/features/commitments/commands/fresh-link.server";
import { localDate } from "~/lib/calendar-date";
import { submitProgress } from "~/features/commitments/actions.server";
import { discardUpload, maxEvidenceBytes, readProgressForm } from "~/features/commitments/upload.server";
import { getDb } from "~/server/db.server";
import { isOverdue } from "~/features/commitments/follow-up/rules";
import { linkStatus, maskEmail, openFollowUpLink, privateLinkHeaders } from "~/features/commitments/follow-up/link.server";

// The page a reminder's button opens: the responsible official updates status and progress,
// adds a note or evidence, without an account. The GET only shows (mail scanners open links);
// only the POST changes anything. The link is bound to this commitment and this person.

export const meta: MetaFunction = () => [{ title: "Avance del compromiso · Convoca" }, { name: "robots", content: "noindex" }];
export const headers: HeadersFunction = () => privateLinkHeaders;

async function view(commitmentId: number) {
  return listHistory(getDb(), commitmentId);
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const opened = await openFollowUpLink(db, request, context, params.token);
  if (opened.state !== "ok") return data({ state: opened.state, view: null }, { status: linkStatus[opened.state], headers: privateLinkHeaders });
  const c = opened.commitment;
  return data(
    {
      state: "ok" as const,
      view: {
        commitment: c,
        history: await view(c.id),
        overdue: isOverdue(c.status, c.due_date, localDate(new Date(), c.encounter_timezone)),
        maxMb: Math.floor(maxEvidenceBytes() / 1024 / 1024),
      },
    },
    { headers: privateLinkHeaders },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const opened = await openFollowUpLink(db, request, context, params.token);
  const refused = (state: "invalid" | "expired") => data({ state, saved: false, renewedTo: null }, { status: linkStatus[state] });
  if (opened.state === "invalid") return refused("invalid");
  const input = await readProgressForm(request);
  if (opened.state === "expired") {
    // A genuine expired link (for the current responsible official) may ask for a fresh one,
    // which goes to that person's address only; it changes nothing else.
    if (input.ok) await discardUpload(input.file);
    if (input.fields.get("intent") !== "renew") return refused("expired");
    await sendFreshLink(db, opened.commitment);
    return { state: "expired" as const, saved: false, renewedTo: maskEmail(opened.commitment.responsible_email) };
  }
  const progressRefused = await submitProgress(db, opened.commitment.id, input, opened.actor);
  if (progressRefused) return progressRefused;
  return { state: "ok" as const, saved: true, renewedTo: null };
}

export default function FollowUpLinkPage() {
  const { state, view } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { token } = useParams();
  const t = useT().commitments;
  const done = result && "saved" in result ? result : undefined;
  if (state !== "ok" || !view) {
    return (
      <section className="narrow">
        <h1>{state === "expired" ? t.link.expiredTitle : t.link.invalidTitle}</h1>
        {done?.renewedTo ? <Notice>{format(t.link.renewed, { email: done.renewedTo })}</Notice> : null}
        <p>{state === "expired" ? t.link.expiredBody : t.link.invalidBody}</p>
        {state === "expired" && !done?.renewedTo ? (
          <Form method="post">
            <input type="hidden" name="intent" value="renew" />
            <button type="submit" className="button">
              {t.link.renew}
            </button>
          </Form>
        ) : null}
      </section>
    );
  }
  const c = view.commitment;
  const locked = c.validated_at !== null;
  return (
    <article className="commitment narrow">
      <h1>{t.link.title}</h1>
      <p className="lead">{format(t.link.intro, { name: c.responsible_name })}</p>
      {done?.saved ? <Notice>{t.link.thanks}</Notice> : null}
      <h2>{c.title}</h2>
      <p className="commitment__status">
        <StatusBadge status={c.status} overdue={view.overdue} /> <ProgressMeter value={c.progress} label={t.columns.progress} />
      </p>
      <CommitmentFacts c={c} />
      {locked ? (
        <p className="alert alert--info">{t.errors.locked}</p>
      ) : (
        <section aria-labelledby="update-title" className="card">
          <h2 id="update-title">{t.update.title}</h2>
          <ProgressForm
            key={c.updated_at}
            status={c.status}
            progress={c.progress}
            lastResult={result && "initialValue" in result ? result : undefined}
            maxMb={view.maxMb}
          />
        </section>
      )}
      <p>
        <Link to={`/seguimiento/${token}/detener`}>{c.reminders_stopped_at ? t.reminders.resume : t.reminders.stop}</Link>
      </p>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t.history.title}</h2>
        <History entries={view.history} timezone={c.encounter_timezone} />
      </section>
    </article>
  );
}
