import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { Field, FormErrors } from "~/components/forms";
import { format, useLocale, useT } from "~/i18n/index";
import type { scheduleSchema } from "~/features/messages/forms";
import { zoneInWords } from "~/lib/time";

// Sending a message that has not gone: now, or at a date and time in the encounter's zone; and
// cancelling it. Each form posts its intent on its button.

/**
 * Two forms, so that Enter in the date or time field schedules, never sends at once: the time
 * (intent "schedule") first, then "send now" (intent "send") on its own.
 */
export function SendForm(props: {
  timezone: string;
  defaultDate: string;
  defaultTime: string;
  scheduled: boolean;
  scheduleResult?: SubmissionResult<string[]>;
  sendResult?: SubmissionResult<string[]>;
}) {
  const t = useT().messages;
  const m = t.message;
  const locale = useLocale();
  const [form, fields] = useForm<z.input<typeof scheduleSchema>>({
    id: "schedule",
    lastResult: props.scheduleResult,
    defaultValue: { sendDate: props.defaultDate, sendTime: props.defaultTime },
  });
  const [now] = useForm({ id: "send-now", lastResult: props.sendResult });
  const kit = { messages: t.errors };
  return (
    <section className="card" aria-labelledby="send-title">
      <h2 id="send-title">{m.sendTitle}</h2>
      <p>{m.sendIntro}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors form={form} messages={t.errors} />
        <Field {...kit} meta={fields.sendDate} type="date" label={m.sendDate} required />
        <Field
          {...kit}
          meta={fields.sendTime}
          label={m.sendTime}
          hint={format(m.sendTimeHint, { zone: zoneInWords(props.timezone, locale) })}
          required
          inputMode="numeric"
          placeholder="09:00"
        />
        <div>
          <button type="submit" name="intent" value="schedule" className="button button--secondary">
            {props.scheduled ? m.reschedule : m.schedule}
          </button>
        </div>
      </Form>
      <Form method="post" className="stack" {...getFormProps(now)}>
        <FormErrors form={now} messages={t.errors} />
        <div>
          <button type="submit" name="intent" value="send" className="button">
            {m.sendNow}
          </button>
        </div>
      </Form>
    </section>
  );
}

export function CancelForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const t = useT().messages;
  const [form] = useForm({ id: "cancel", lastResult });
  return (
    <section className="card" aria-labelledby="cancel-title">
      <h2 id="cancel-title">{t.message.cancelTitle}</h2>
      <p>{t.message.cancelIntro}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors form={form} messages={t.errors} />
        <button type="submit" name="intent" value="cancel" className="button button--danger">
          {t.message.cancel}
        </button>
      </Form>
    </section>
  );
}
