import { getFormProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { format, plural, useLocale, useT } from "~/i18n/index";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import type { z } from "zod";
import { Notice } from "~/features/commitments/components/notice";
import { followUpCounts, getPlan, listRunners } from "~/features/commitments/queries/follow-up.server";
import { savePlan } from "~/features/commitments/commands/settings.server";
import { planSchema } from "~/features/commitments/forms";
import { getDb } from "~/server/db.server";
import { formatReminderDays } from "~/features/commitments/follow-up/rules";
import { CheckboxField, Field, FormErrors } from "~/components/forms";
import { parseSubmission, refuse } from "~/server/forms.server";
import { formatDateTime } from "~/lib/time";

// The follow-up plan of one encounter: reminder days before the due date, the overdue notice,
// weekly reminders, escalation after N weeks, the sending hour; and whether the scheduler runs.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Plan de seguimiento · ${data?.encounter.title ?? ""} · Convoca` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const [plan, runners, counts] = await Promise.all([getPlan(db, encounter.id), listRunners(db), followUpCounts(db, encounter.id)]);
  return { encounter: { slug: encounter.slug, title: encounter.title, timezone: encounter.timezone }, plan, lastRun: runners[0] ?? null, counts };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const submission = await parseSubmission(request, planSchema);
  if (submission.status !== "success") return refuse(submission);
  await savePlan(db, encounter.id, submission.value, organizer);
  return { ...submission.reply(), saved: true };
}

export default function FollowUpPlanPage() {
  const { encounter, plan, lastRun, counts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT().commitments;
  const locale = useLocale();
  const p = t.plan;
  const [form, fields] = useForm<z.input<typeof planSchema>>({
    id: "plan",
    lastResult: result,
    defaultValue: {
      enabled: plan.enabled ? "on" : undefined,
      reminderDays: formatReminderDays(plan.reminderDays),
      overdueNotice: plan.overdueNotice ? "on" : undefined,
      weeklyOverdue: plan.weeklyOverdue ? "on" : undefined,
      escalateAfterWeeks: plan.escalateAfterWeeks === null ? "" : String(plan.escalateAfterWeeks),
      sendHour: String(plan.sendHour),
    },
  });
  const kit = { messages: t.errors };
  return (
    <section className="narrow">
      <p>
        <Link to={`/admin/compromisos?encuentro=${encounter.slug}`}>← {t.admin.listTitle}</Link>
      </p>
      <h1>{p.title}</h1>
      <p className="lead">
        {encounter.title}. {p.intro}
      </p>
      {result && "saved" in result ? <Notice>{p.saved}</Notice> : null}
      {!plan.customized ? <p className="alert alert--info">{p.usingDefaults}</p> : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors form={form} messages={t.errors} />
        <CheckboxField {...kit} meta={fields.enabled} id="field-enabled" label={p.enabled} />
        <Field {...kit} meta={fields.reminderDays} id="field-reminderDays" label={p.reminderDays} hint={p.reminderDaysHint} inputMode="numeric" />
        <CheckboxField {...kit} meta={fields.overdueNotice} id="field-overdueNotice" label={p.overdueNotice} />
        <CheckboxField {...kit} meta={fields.weeklyOverdue} id="field-weeklyOverdue" label={p.weeklyOverdue} />
        <Field
          {...kit}
          meta={fields.escalateAfterWeeks}
          id="field-escalateAfterWeeks"
          label={p.escalateAfterWeeks}
          hint={p.escalateHint}
          type="number"
          min={1}
          max={52}
          inputMode="numeric"
        />
        <Field {...kit} meta={fields.sendHour} id="field-sendHour" label={p.sendHour} type="number" min={0} max={23} required inputMode="numeric" />
        <div>
          <button type="submit" className="button">
            {p.save}
          </button>
        </div>
      </Form>
      <section aria-labelledby="runs-title" className="card">
        <h2 id="runs-title">{t.admin.followUp}</h2>
        <p>
          {lastRun ? plural(locale, p.lastRun, lastRun.last_considered, { date: formatDateTime(lastRun.last_run_at, encounter.timezone, locale) }) : p.neverRun}
        </p>
        <p>{format(p.sent, { reminders: counts.reminders, escalations: counts.escalations })}</p>
        <p className="muted">{p.catchUp}</p>
      </section>
    </section>
  );
}
