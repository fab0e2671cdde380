import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CTextArea, FormError, Notice } from "~/features/commitments/components/fields";
import { DueDate } from "~/features/commitments/components/summary";
import { ProgressForm } from "~/features/commitments/components/progress-form";
import { format, plural, useLocale, useT, type Locale } from "~/i18n";
import { CommitmentRuleError } from "~/features/commitments/rules";
import { findCommitment, listFollowUpEvents } from "~/features/commitments/queries/commitment.server";
import { reopenCommitment, setRemindersStopped, validateCommitment } from "~/features/commitments/commands/progress.server";
import { requireOrganizer } from "~/server/auth.server";
import { parseId } from "~/features/commitments/access.server";
import { submitProgress } from "~/features/commitments/actions.server";
import { parseCommitmentForm, reopenSchema, validateSchema, type CommitmentFieldErrors } from "~/features/commitments/forms";
import { maxEvidenceBytes, readProgressForm } from "~/features/commitments/upload.server";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/http.server";
import { formatDate, formatDateTime } from "~/lib/time";
import { loadFollowUp } from "~/features/commitments/queries/commitment.server";
import { CommitmentSummary, HistorySection, RecordedNotice, RemindersSection } from "~/features/commitments/components/commitment-page";

// One commitment for organizers: everything the city sees, plus validating or reopening it and
// the follow-up mail the scheduler decided for it.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.commitment.title ?? "Compromiso"} · Organizadores · Convoca` }];

async function load(request: Request, idParam: string | undefined) {
  const organizer = await requireOrganizer(request);
  const db = getDb();
  const id = parseId(idParam);
  const commitment = id ? await findCommitment(db, id) : null;
  if (!commitment) notFound();
  return { db, organizer, commitment };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, commitment: c } = await load(request, params.id);
  const [followUp, events] = await Promise.all([loadFollowUp(db, c), listFollowUpEvents(db, c.id)]);
  return { commitment: c, ...followUp, events, maxMb: Math.floor(maxEvidenceBytes() / 1024 / 1024) };
}

type Done = "progress" | "validated" | "reopened" | "stopped" | "resumed";

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, organizer, commitment } = await load(request, params.id);
  const actor = { kind: "organizer" as const, id: organizer.id, name: organizer.name };
  const input = await readProgressForm(request);
  const intent = input.fields.get("intent");
  const fail = (errors: CommitmentFieldErrors, status = 400, form?: string) => data({ done: null, form: form ?? String(intent), errors, values: undefined as Record<string, string> | undefined }, { status });
  const ok = (done: Done) => ({ done, form: String(intent), errors: undefined, values: undefined });
  try {
    if (intent === "validate" || intent === "reopen") {
      const parsed = parseCommitmentForm(intent === "validate" ? validateSchema : reopenSchema, input.fields);
      if (!parsed.ok) return fail(parsed.errors);
      if (intent === "validate") await validateCommitment(db, commitment.id, organizer, parsed.data.note);
      else await reopenCommitment(db, commitment.id, organizer, parsed.data.note);
      return ok(intent === "validate" ? "validated" : "reopened");
    }
    if (intent === "stopReminders" || intent === "resumeReminders") {
      await setRemindersStopped(db, commitment.id, intent === "stopReminders", actor);
      return ok(intent === "stopReminders" ? "stopped" : "resumed");
    }
  } catch (error) {
    if (error instanceof CommitmentRuleError) return fail({ [error.field]: error.code }, error.status === 404 ? 404 : error.status === 409 ? 409 : 400);
    throw error;
  }
  const outcome = await submitProgress(db, commitment.id, input, actor);
  if (!outcome.ok) return data({ done: null, form: "progress", errors: outcome.errors, values: outcome.values }, { status: outcome.status });
  return ok("progress");
}

function ruleLabel(rule: string, t: ReturnType<typeof useT>["commitments"]["admin"]["rules"], locale: Locale): string {
  const before = /^before-(\d+)$/.exec(rule);
  if (before) return plural(locale, t.before, Number(before[1]));
  return rule === "overdue" ? t.overdue : rule === "weekly" ? t.weekly : rule === "escalation" ? t.escalation : rule;
}

export default function AdminCommitment() {
  const { commitment: c, history, events, overdue, nextReminderOn, maxMb } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const t = useT().commitments;
  const review = useT().cityAuthority.review;
  const locale = useLocale();
  const errorsFor = (form: string) => (result?.form === form ? result.errors : undefined);
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
      {result?.done ? <Notice>{notices[result.done]}</Notice> : null}
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
            <ProgressForm key={c.updated_at} status={c.status} progress={c.progress} values={result?.form === "progress" ? result.values : undefined} errors={errorsFor("progress")} maxMb={maxMb} />
          </section>
        )}
        <div>
          {c.status === "done" && !c.validated_at ? (
            <section className="card" aria-labelledby="validate-title">
              <h2 id="validate-title">{t.admin.validateTitle}</h2>
              <p>{t.admin.validateIntro}</p>
              <Form method="post" className="stack" noValidate>
                <input type="hidden" name="intent" value="validate" />
                <FormError error={errorsFor("validate")?._form} />
                <CTextArea name="note" id="validate-note" label={t.fields.note} rows={2} error={errorsFor("validate")?.note} />
                <div>
                  <button type="submit" className="button">
                    {t.admin.validateSubmit}
                  </button>
                </div>
              </Form>
            </section>
          ) : null}
          {c.status === "done" || c.status === "dropped" ? (
            <section className="card" aria-labelledby="reopen-title">
              <h2 id="reopen-title">{t.admin.reopenTitle}</h2>
              <p>{t.admin.reopenIntro}</p>
              <Form method="post" className="stack" noValidate>
                <input type="hidden" name="intent" value="reopen" />
                <FormError error={errorsFor("reopen")?._form} />
                <CTextArea name="note" id="reopen-note" label={t.fields.note} rows={2} required error={errorsFor("reopen")?.note} />
                <div>
                  <button type="submit" className="button button--secondary">
                    {t.admin.reopenSubmit}
                  </button>
                </div>
              </Form>
            </section>
          ) : null}
          <RemindersSection c={c} nextReminderOn={nextReminderOn} className="card">
            <h3>{t.admin.followUp}</h3>
            {events.length === 0 ? (
              <p>{t.admin.noEvents}</p>
            ) : (
              <ul className="plain-list">
                {events.map((e) => (
                  <li key={e.id}>
                    <DueDate date={e.occurs_on} /> · {ruleLabel(e.rule, t.admin.rules, locale)} · {t.admin.outcomes[e.outcome]} · {plural(locale, t.admin.recipients, e.recipients)}{" "}
                    <span className="muted small">({formatDateTime(e.created_at, c.encounter_timezone, locale)})</span>
                  </li>
                ))}
              </ul>
            )}
          </RemindersSection>
        </div>
      </div>

      <HistorySection commitmentId={c.id} entries={history} timezone={c.encounter_timezone} />
    </article>
  );
}
