import type { ComponentProps, ReactNode } from "react";
import { Form, Link } from "@remix-run/react";
import { format, useLocale, useT } from "~/i18n/index";
import { CommitmentFacts, DueDate, ProgressMeter, StatusBadge } from "~/features/commitments/components/summary";
import { History, type HistoryItem } from "~/features/commitments/components/history";
import { Notice } from "~/features/commitments/components/notice";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { CommitmentStatus } from "~db/schema";
import { FormErrors } from "~/components/forms";
import { formatDate } from "~/lib/time";

// The pieces the city's page of a commitment (compromisos.$id._index) and the organizers' page
// (admin.compromisos.$id) show alike.

type Facts = ComponentProps<typeof CommitmentFacts>["c"];

/** After recording a commitment: it was saved, and a link to record another. */
export function RecordedNotice({ encounterSlug, responsiblePending = false }: { encounterSlug: string; responsiblePending?: boolean }) {
  const all = useT();
  const t = all.commitments;
  return (
    <Notice>
      {responsiblePending ? all.cityAuthority.review.recordedPending : t.recorded}{" "}
      <Link to={`/encuentros/${encounterSlug}/compromisos/nuevo`}>{t.recordAnother}</Link>
    </Notice>
  );
}

/** The title, status and progress, description and facts of a commitment. */
export function CommitmentSummary({
  c,
  overdue,
}: {
  c: Facts & { title: string; status: CommitmentStatus; progress: number; description: string | null };
  overdue: boolean;
}) {
  const t = useT().commitments;
  return (
    <>
      <h1>{c.title}</h1>
      <p className="commitment__status">
        <StatusBadge status={c.status} overdue={overdue} /> <ProgressMeter value={c.progress} label={t.columns.progress} />
      </p>
      {c.description ? <p>{c.description}</p> : null}
      <CommitmentFacts c={c} />
    </>
  );
}

/** Whether reminders go out (and when the next one does), and the button that stops or resumes them; then `children`. */
export function RemindersSection({
  c,
  nextReminderOn,
  lastResult,
  className,
  children,
}: {
  c: { reminders_stopped_at: string | null; encounter_timezone: string };
  nextReminderOn: string | null;
  /** The action's reply to the last stop or resume, if it was refused. */
  lastResult?: SubmissionResult<string[]>;
  className?: string;
  children?: ReactNode;
}) {
  const t = useT().commitments;
  const [form] = useForm({ id: "reminders", lastResult });
  const locale = useLocale();
  const stopped = c.reminders_stopped_at;
  return (
    <section className={className} aria-labelledby="reminders-title">
      <h2 id="reminders-title">{t.reminders.title}</h2>
      <p>
        {stopped
          ? format(t.detail.remindersStopped, { date: formatDate(stopped, c.encounter_timezone, locale) })
          : nextReminderOn
            ? format(t.detail.nextReminder, { date: "" })
            : t.detail.noReminder}
        {!stopped && nextReminderOn ? <DueDate date={nextReminderOn} /> : null}
      </p>
      <FormErrors form={form} messages={t.errors} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={stopped ? "resumeReminders" : "stopReminders"} />
        <button type="submit" className="button button--secondary">
          {stopped ? t.reminders.resume : t.reminders.stop}
        </button>
      </Form>
      {children}
    </section>
  );
}

/** The commitment's history, each evidence file linked to its download. */
export function HistorySection({ commitmentId, entries, timezone }: { commitmentId: number; entries: HistoryItem[]; timezone: string }) {
  const t = useT().commitments;
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t.history.title}</h2>
      <History entries={entries} timezone={timezone} evidenceHref={(e) => `/compromisos/${commitmentId}/evidencia/${e.id}`} />
    </section>
  );
}
