import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { CheckboxField, Field, FormErrors, RadioGroupField } from "~/components/forms";
import { surveyModes } from "~db/schema";
import { format, useT } from "~/i18n/index";

// The survey's settings: title, introduction, how it is answered, its window in the encounter's
// zone and its mail. A plain form: it works without JavaScript.

export function SurveySettingsForm(props: {
  id: string;
  intent: "create" | "settings";
  defaults: Record<string, string | undefined>;
  lastResult?: SubmissionResult<string[]> | null;
  zone: string;
}) {
  const t = useT().surveys;
  const a = t.admin;
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({ id: props.id, lastResult: props.lastResult ?? undefined, defaultValue: props.defaults });
  const text = { messages: t.errors } as const;
  return (
    <Form method="post" className="stack stack--wide" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={props.intent} />
      <FormErrors form={form} messages={t.errors} />
      <Field meta={fields.titleEs} label={a.titleEs} required maxLength={200} {...text} />
      <Field meta={fields.titleEn} label={a.titleEn} required={false} maxLength={200} {...text} />
      <Field meta={fields.introEs} label={a.introEs} required={false} maxLength={1000} {...text} />
      <Field meta={fields.introEn} label={a.introEn} required={false} maxLength={1000} {...text} />
      <RadioGroupField meta={fields.mode} label={a.mode} options={surveyModes.map((m) => ({ value: m, label: a.modes[m] }))} {...text} />
      <p className="field__hint">{format(a.zoneHint, { zone: props.zone })}</p>
      <div className="field-row">
        <Field meta={fields.opensDate} type="date" label={a.opensDate} required {...text} />
        <Field meta={fields.opensTime} type="time" label={a.opensTime} required {...text} />
      </div>
      <div className="field-row">
        <Field meta={fields.closesDate} type="date" label={a.closesDate} required {...text} />
        <Field meta={fields.closesTime} type="time" label={a.closesTime} required {...text} />
      </div>
      <CheckboxField meta={fields.mailAfterEnd} label={a.mailAfterEnd} {...text} />
      <div className="field-row">
        <Field meta={fields.mailDelayHours} label={a.mailDelayHours} required inputMode="numeric" maxLength={3} {...text} />
        <Field meta={fields.reminderDays} label={a.reminderDays} required inputMode="numeric" maxLength={2} {...text} />
      </div>
      <div>
        <button type="submit" className="button" disabled={busy}>
          {props.intent === "create" ? a.create : a.save}
        </button>
      </div>
    </Form>
  );
}
