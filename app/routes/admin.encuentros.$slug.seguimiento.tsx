import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { readForm } from "~/server/http.server";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CField, FormHasErrors, Notice } from "~/features/commitments/components/fields";
import { format, plural, useLocale, useT } from "~/i18n";
import { followUpCounts, getPlan, listRunners } from "~/features/commitments/queries/follow-up.server";
import { savePlan } from "~/features/commitments/commands/settings.server";
import { requireOrganizerEncounter } from "~/features/encounters/admin-encounter.server";
import { parseCommitmentForm, planSchema } from "~/features/commitments/forms";
import { getDb } from "~/server/db.server";
import { formatReminderDays } from "~/features/commitments/follow-up/rules";
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
  const form = parseCommitmentForm(planSchema, await readForm(request));
  if (!form.ok) return data({ saved: false, errors: form.errors, values: form.values }, { status: 400 });
  await savePlan(db, encounter.id, form.data, organizer);
  return { saved: true, errors: undefined, values: undefined };
}

export default function FollowUpPlanPage() {
  const { encounter, plan, lastRun, counts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT().commitments;
  const locale = useLocale();
  const p = t.plan;
  const values = result?.values;
  const checked = (name: string, current: boolean) => (values ? values[name] === "on" : current);
  return (
    <section className="narrow">
      <p>
        <Link to={`/admin/compromisos?encuentro=${encounter.slug}`}>← {t.admin.listTitle}</Link>
      </p>
      <h1>{p.title}</h1>
      <p className="lead">
        {encounter.title}. {p.intro}
      </p>
      {result?.saved ? <Notice>{p.saved}</Notice> : null}
      {!plan.customized ? <p className="alert alert--info">{p.usingDefaults}</p> : null}
      <Form method="post" className="stack" noValidate>
        <FormHasErrors errors={result?.errors} />
        <label className="checkbox">
          <input type="checkbox" name="enabled" defaultChecked={checked("enabled", plan.enabled)} />
          <span>{p.enabled}</span>
        </label>
        <CField
          name="reminderDays"
          label={p.reminderDays}
          hint={p.reminderDaysHint}
          inputMode="numeric"
          defaultValue={values?.reminderDays ?? formatReminderDays(plan.reminderDays)}
          error={result?.errors?.reminderDays}
        />
        <label className="checkbox">
          <input type="checkbox" name="overdueNotice" defaultChecked={checked("overdueNotice", plan.overdueNotice)} />
          <span>{p.overdueNotice}</span>
        </label>
        <label className="checkbox">
          <input type="checkbox" name="weeklyOverdue" defaultChecked={checked("weeklyOverdue", plan.weeklyOverdue)} />
          <span>{p.weeklyOverdue}</span>
        </label>
        <CField
          name="escalateAfterWeeks"
          label={p.escalateAfterWeeks}
          hint={p.escalateHint}
          type="number"
          min={1}
          max={52}
          inputMode="numeric"
          defaultValue={values?.escalateAfterWeeks ?? (plan.escalateAfterWeeks === null ? "" : String(plan.escalateAfterWeeks))}
          error={result?.errors?.escalateAfterWeeks}
        />
        <CField
          name="sendHour"
          label={p.sendHour}
          type="number"
          min={0}
          max={23}
          required
          inputMode="numeric"
          defaultValue={values?.sendHour ?? String(plan.sendHour)}
          error={result?.errors?.sendHour}
        />
        <div>
          <button type="submit" className="button">
            {p.save}
          </button>
        </div>
      </Form>
      <section aria-labelledby="runs-title" className="card">
        <h2 id="runs-title">{t.admin.followUp}</h2>
        <p>{lastRun ? plural(locale, p.lastRun, lastRun.last_considered, { date: formatDateTime(lastRun.last_run_at, encounter.timezone, locale) }) : p.neverRun}</p>
        <p>{format(p.sent, { reminders: counts.reminders, escalations: counts.escalations })}</p>
        <p className="muted">{p.catchUp}</p>
      </section>
    </section>
  );
}
