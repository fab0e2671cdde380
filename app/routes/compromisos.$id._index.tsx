import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CommitmentFacts, DueDate, History, Notice, ProgressForm, ProgressMeter, StatusBadge } from "~/components/commitments";
import { format, useLocale, useT } from "~/i18n";
import { getPlan, listHistory, setRemindersStopped } from "~/models/commitments.server";
import { localDate } from "~/utils/calendar-date";
import { actorFor, requireCommitment } from "~/utils/commitment-access.server";
import { submitProgress } from "~/utils/commitment-actions.server";
import { maxEvidenceBytes, readProgressForm } from "~/utils/commitment-upload.server";
import { getDb } from "~/utils/db.server";
import { isOverdue, nextReminder } from "~/utils/follow-up-rules";
import { formatDate } from "~/utils/time";

// One commitment for its city (and organizers): facts, progress form, reminders, history.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.commitment.title ?? "Compromiso"} · Convoca` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { viewer, commitment } = await requireCommitment(request, db, params.id);
  const [history, plan] = await Promise.all([listHistory(db, commitment.id), getPlan(db, commitment.encounter_id)]);
  const today = localDate(new Date(), commitment.encounter_timezone);
  const next = nextReminder(
    plan,
    {
      status: commitment.status,
      dueDate: commitment.due_date,
      createdOn: localDate(commitment.created_at, commitment.encounter_timezone),
      remindersStopped: commitment.reminders_stopped_at !== null,
    },
    today,
  );
  return {
    commitment,
    history,
    overdue: isOverdue(commitment.status, commitment.due_date, today),
    nextReminderOn: next?.on ?? null,
    isOrganizer: viewer.kind === "organizer",
    maxMb: Math.floor(maxEvidenceBytes() / 1024 / 1024),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { viewer, commitment } = await requireCommitment(request, db, params.id);
  const input = await readProgressForm(request);
  const intent = input.fields.get("intent");
  if (intent === "stopReminders" || intent === "resumeReminders") {
    await setRemindersStopped(db, commitment.id, intent === "stopReminders", actorFor(viewer));
    return { done: intent === "stopReminders" ? ("stopped" as const) : ("resumed" as const), errors: undefined, values: undefined };
  }
  const outcome = await submitProgress(db, commitment.id, input, actorFor(viewer));
  if (!outcome.ok) return data({ done: null, errors: outcome.errors, values: outcome.values }, { status: outcome.status });
  return { done: "progress" as const, errors: undefined, values: undefined };
}

export default function CommitmentPage() {
  const { commitment: c, history, overdue, nextReminderOn, isOrganizer, maxMb } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const t = useT().commitments;
  const locale = useLocale();
  const locked = c.validated_at !== null;
  return (
    <article className="commitment narrow">
      <p>
        <Link to={isOrganizer ? `/admin/compromisos/${c.id}` : "/mi-ciudad/compromisos"}>← {isOrganizer ? t.admin.listTitle : t.myCity}</Link>
      </p>
      {search.get("registrado") ? (
        <Notice>
          {t.recorded} <Link to={`/encuentros/${c.encounter_slug}/compromisos/nuevo`}>{t.recordAnother}</Link>
        </Notice>
      ) : null}
      {result?.done === "progress" ? <Notice>{t.update.saved}</Notice> : null}
      {result?.done === "stopped" ? <Notice>{t.reminders.stopped}</Notice> : null}
      {result?.done === "resumed" ? <Notice>{t.reminders.resumed}</Notice> : null}
      <h1>{c.title}</h1>
      <p className="commitment__status">
        <StatusBadge status={c.status} overdue={overdue} /> <ProgressMeter value={c.progress} label={t.columns.progress} />
      </p>
      {c.description ? <p>{c.description}</p> : null}
      <CommitmentFacts c={c} />
      {locked ? <p className="badge badge--ok">{format(t.detail.validated, { date: formatDate(c.validated_at!, c.encounter_timezone, locale) })}</p> : null}
      {!locked ? (
        <p>
          <Link to={`/compromisos/${c.id}/editar`}>{t.edit.link}</Link>
        </p>
      ) : null}

      {!locked ? (
        <section aria-labelledby="update-title" className="card">
          <h2 id="update-title">{t.update.title}</h2>
          <ProgressForm key={c.updated_at} status={c.status} progress={c.progress} values={result?.values} errors={result?.errors} maxMb={maxMb} />
        </section>
      ) : null}

      <section aria-labelledby="reminders-title">
        <h2 id="reminders-title">{t.reminders.title}</h2>
        <p>
          {c.reminders_stopped_at
            ? format(t.detail.remindersStopped, { date: formatDate(c.reminders_stopped_at, c.encounter_timezone, locale) })
            : nextReminderOn
              ? format(t.detail.nextReminder, { date: "" })
              : t.detail.noReminder}
          {!c.reminders_stopped_at && nextReminderOn ? <DueDate date={nextReminderOn} /> : null}
        </p>
        <Form method="post">
          <input type="hidden" name="intent" value={c.reminders_stopped_at ? "resumeReminders" : "stopReminders"} />
          <button type="submit" className="button button--secondary">
            {c.reminders_stopped_at ? t.reminders.resume : t.reminders.stop}
          </button>
        </Form>
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t.history.title}</h2>
        <History entries={history} timezone={c.encounter_timezone} evidenceHref={(e) => `/compromisos/${c.id}/evidencia/${e.id}`} />
      </section>
    </article>
  );
}
