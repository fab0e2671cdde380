import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { format, useLocale, useT } from "~/i18n/index";
import { Notice } from "~/features/commitments/components/notice";
import { ProgressForm } from "~/features/commitments/components/progress-form";
import { CommitmentRuleError } from "~/features/commitments/rules";
import { setRemindersStopped } from "~/features/commitments/commands/progress.server";
import { requireCommitment } from "~/features/commitments/access.server";
import { refuseRule, submitProgress } from "~/features/commitments/actions.server";
import { remindersSchema } from "~/features/commitments/forms";
import { parseFields } from "~/server/forms.server";
import { maxEvidenceBytes, readProgressForm } from "~/features/commitments/upload.server";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/http.server";
import { formatDate } from "~/lib/time";
import { loadFollowUp } from "~/features/commitments/queries/commitment.server";
import { CommitmentSummary, HistorySection, RecordedNotice, RemindersSection } from "~/features/commitments/components/commitment-page";

// One commitment for its city (and organizers): facts, progress form, reminders, history.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.commitment.title ?? "Compromiso"} · Convoca` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { viewer, commitment } = await requireCommitment(request, db, params);
  return {
    commitment,
    ...(await loadFollowUp(db, commitment)),
    isOrganizer: viewer.kind === "organizer",
    maxMb: Math.floor(maxEvidenceBytes() / 1024 / 1024),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { commitment, actor } = await requireCommitment(request, db, params);
  const input = await readProgressForm(request);
  const intent = input.fields.get("intent");
  if (intent === "stopReminders" || intent === "resumeReminders") {
    const submission = parseFields(input.fields, remindersSchema);
    const refused = await setRemindersStopped(db, commitment.id, intent === "stopReminders", actor).then(
      () => null,
      (error: unknown) => {
        if (error instanceof CommitmentRuleError && error.code === "stoppedByOrganizer") return error;
        // A verification withdrawn since the page loaded: as for another city's commitment.
        if (error instanceof CommitmentRuleError) notFound();
        throw error;
      },
    );
    if (refused) return refuseRule(submission, refused);
    return { done: intent === "stopReminders" ? ("stopped" as const) : ("resumed" as const) };
  }
  const refused = await submitProgress(db, commitment.id, input, actor);
  if (refused) return refused;
  return { done: "progress" as const };
}

export default function CommitmentPage() {
  const { commitment: c, history, overdue, nextReminderOn, isOrganizer, maxMb } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const t = useT().commitments;
  const locale = useLocale();
  const locked = c.validated_at !== null;
  const reply = result && "initialValue" in result ? result : undefined;
  // A refused upload may come back without its fields: only the progress form uploads.
  const repliedTo = reply ? (reply.initialValue?.intent ?? "progress") : undefined;
  return (
    <article className="commitment narrow">
      <p>
        <Link to={isOrganizer ? `/admin/compromisos/${c.id}` : "/mi-ciudad/compromisos"}>← {isOrganizer ? t.admin.listTitle : t.myCity}</Link>
      </p>
      {search.get("registrado") ? <RecordedNotice encounterSlug={c.encounter_slug} responsiblePending={c.responsible_pending_at !== null} /> : null}
      {result && "done" in result && result.done === "progress" ? <Notice>{t.update.saved}</Notice> : null}
      {result && "done" in result && result.done === "stopped" ? <Notice>{t.reminders.stopped}</Notice> : null}
      {result && "done" in result && result.done === "resumed" ? <Notice>{t.reminders.resumed}</Notice> : null}
      <CommitmentSummary c={c} overdue={overdue} />
      {locked ? <p className="badge badge--ok">{format(t.detail.validated, { date: formatDate(c.validated_at!, c.encounter_timezone, locale) })}</p> : null}
      {!locked ? (
        <p>
          <Link to={`/compromisos/${c.id}/editar`}>{t.edit.link}</Link>
        </p>
      ) : null}

      {!locked ? (
        <section aria-labelledby="update-title" className="card">
          <h2 id="update-title">{t.update.title}</h2>
          <ProgressForm key={c.updated_at} status={c.status} progress={c.progress} lastResult={repliedTo === "progress" ? reply : undefined} maxMb={maxMb} />
        </section>
      ) : null}

      <RemindersSection c={c} nextReminderOn={nextReminderOn} lastResult={repliedTo === "progress" ? undefined : reply} />
      <HistorySection commitmentId={c.id} entries={history} timezone={c.encounter_timezone} />
    </article>
  );
}
