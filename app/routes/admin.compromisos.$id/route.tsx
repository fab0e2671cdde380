import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Notice } from "~/features/commitments/components/notice";
import { ProgressForm } from "~/features/commitments/components/progress-form";
import { CommitmentSummary, HistorySection, RecordedNotice, RemindersSection } from "~/features/commitments/components/commitment-page";
import { listFollowUpEvents, loadFollowUp } from "~/features/commitments/queries/commitment.server";
import { maxEvidenceBytes } from "~/features/commitments/upload.server";
import { format, useLocale, useT } from "~/i18n/index";
import { formatDate } from "~/lib/time";
import { action, type Done } from "./actions.server";
import { ReopenForm, ValidateForm } from "./decision-forms";
import { EventsList } from "./events-list";
import { loadForOrganizer } from "./load.server";

// One commitment for organizers: everything the city sees, plus validating or reopening it and
// the follow-up mail the scheduler decided for it.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.commitment.title ?? "Compromiso"} · Organizadores · Convoca` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, commitment: c } = await loadForOrganizer(request, params);
  const [followUp, events] = await Promise.all([loadFollowUp(db, c), listFollowUpEvents(db, c.id)]);
  return { commitment: c, ...followUp, events, maxMb: Math.floor(maxEvidenceBytes() / 1024 / 1024) };
}

export { action };

export default function AdminCommitment() {
  const { commitment: c, history, events, overdue, nextReminderOn, maxMb } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const t = useT().commitments;
  const review = useT().cityAuthority.review;
  const locale = useLocale();
  // Each form shows the reply to its own send (its hidden intent), never another's; a refused
  // upload may come back without its fields, and only the progress form uploads.
  const reply = result && "initialValue" in result ? result : undefined;
  const replyTo = (intent: string) => ((reply?.initialValue?.intent ?? "progress") === intent ? reply : undefined);
  const done = result && "done" in result ? result.done : null;
  const notices: Record<Done, string> = {
    progress: t.update.saved,
    validated: t.admin.validated,
    reopened: t.admin.reopened,
    stopped: t.reminders.stopped,
    resumed: t.reminders.resumed,
  };
  return (
    <article className="commitment">
      <p>
        <Link to="/admin/compromisos">← {t.admin.listTitle}</Link>
      </p>
      {search.get("registrado") ? <RecordedNotice encounterSlug={c.encounter_slug} /> : null}
      {done ? <Notice>{notices[done]}</Notice> : null}
      <CommitmentSummary c={c} overdue={overdue} />
      {c.responsible_pending_at !== null && c.reminders_stopped_at === null ? (
        <p className="alert alert--warn">
          {review.pendingHere} <Link to="/admin/compromisos/responsables">{review.link}</Link>
        </p>
      ) : null}
      <p className="actions">
        <Link to={`/compromisos/${c.id}/editar`}>{t.edit.link}</Link>
        <Link to={`/admin/encuentros/${c.encounter_slug}/seguimiento`}>{t.admin.planLink}</Link>
      </p>

      <div className="report__grid">
        {c.validated_at ? (
          <section className="card" aria-labelledby="validated-title">
            <h2 id="validated-title">{format(t.detail.validated, { date: formatDate(c.validated_at, c.encounter_timezone, locale) })}</h2>
          </section>
        ) : (
          <section className="card" aria-labelledby="update-title">
            <h2 id="update-title">{t.update.title}</h2>
            <ProgressForm key={c.updated_at} status={c.status} progress={c.progress} lastResult={replyTo("progress")} maxMb={maxMb} />
          </section>
        )}
        <div>
          {c.status === "done" && !c.validated_at ? <ValidateForm lastResult={replyTo("validate")} /> : null}
          {c.status === "done" || c.status === "dropped" ? <ReopenForm lastResult={replyTo("reopen")} /> : null}
          <RemindersSection c={c} nextReminderOn={nextReminderOn} lastResult={replyTo("stopReminders") ?? replyTo("resumeReminders")} className="card">
            <h3>{t.admin.followUp}</h3>
            <EventsList events={events} timezone={c.encounter_timezone} />
          </RemindersSection>
        </div>
      </div>

      <HistorySection commitmentId={c.id} entries={history} timezone={c.encounter_timezone} />
    </article>
  );
}
