import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { CheckboxField, Field, FormErrors, TextareaField } from "~/components/forms";
import { format, useLocale, usePlural, useT } from "~/i18n/index";
import type { reminderPlanSchema } from "~/features/messages/forms";
import { formatReminderDays, reminderLimits, type ReminderPlan } from "~/features/messages/rules";
import { formatDateTime, zoneInWords } from "~/lib/time";

// The encounter's reminder plan, on the messages page: on or off, how many days before, at
// what time in the encounter's zone, what to bring; and when each reminder goes (or went).

export interface PlannedReminder {
  days: number;
  dueAt: string;
  state: "sent" | "passed" | "coming";
}

export function ReminderPlanForm(props: {
  plan: ReminderPlan & { customized: boolean };
  planned: PlannedReminder[];
  timezone: string;
  lastResult?: SubmissionResult<string[]>;
}) {
  const t = useT().messages;
  const r = t.reminders;
  const locale = useLocale();
  const plural = usePlural();
  const { plan } = props;
  const [form, fields] = useForm<z.input<typeof reminderPlanSchema>>({
    id: "reminders",
    lastResult: props.lastResult,
    defaultValue: {
      enabled: plan.enabled ? "on" : undefined,
      daysBefore: formatReminderDays(plan.daysBefore),
      sendTime: plan.sendTime,
      whatToBring: plan.whatToBring,
    },
  });
  const kit = { messages: t.errors };
  const zone = zoneInWords(props.timezone, locale);
  return (
    <section className="card" aria-labelledby="reminders-title">
      <h2 id="reminders-title">{r.title}</h2>
      <p>{r.intro}</p>
      {!plan.customized ? <p className="alert alert--info">{r.usingDefaults}</p> : null}
      {plan.enabled && props.planned.length > 0 ? (
        <>
          <h3>{r.planned}</h3>
          <ul>
            {props.planned.map((p) => (
              <li key={p.days}>
                {format(r.when, {
                  label: p.days === 0 ? t.admin.reminderSameDay : plural(t.admin.reminder, p.days),
                  date: formatDateTime(p.dueAt, props.timezone, locale),
                })}
                {p.state !== "coming" ? <span className="muted"> · {p.state === "sent" ? r.sent : r.passed}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {!plan.enabled ? <p className="muted">{r.off}</p> : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="reminders" />
        <FormErrors form={form} messages={t.errors} />
        <CheckboxField {...kit} meta={fields.enabled} label={r.enabled} />
        <Field {...kit} meta={fields.daysBefore} label={r.daysBefore} hint={r.daysHint} inputMode="numeric" />
        <Field
          {...kit}
          meta={fields.sendTime}
          type="text"
          label={r.sendTime}
          hint={format(r.sendTimeHint, { zone })}
          required
          inputMode="numeric"
          placeholder="08:00"
        />
        <TextareaField {...kit} meta={fields.whatToBring} label={r.whatToBring} hint={r.whatToBringHint} rows={3} maxLength={reminderLimits.whatToBringMax} />
        <div>
          <button type="submit" className="button button--secondary">
            {r.save}
          </button>
        </div>
      </Form>
    </section>
  );
}
