import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { CheckboxField, Field, FormErrors, SelectField, useErrorText } from "~/components/forms";
import { questionDefaults } from "~/features/questions/forms";
import { hasOptions, inLanguage, questionKinds, questionLimits, type Lang, type Question } from "~/features/questions/kinds";
import { format, useT } from "~/i18n/index";

// The organizers' form for one question: add (intent "add" on the list page) or edit (its own
// page). Works without JavaScript: option rows are plain fields (existing ones keep their code
// in a hidden field), a few blank rows for new options.

export interface EditorProps {
  /** The question being edited; null to add one. */
  question: (Question & { answers: number }) | null;
  /** Option codes someone chose (they stay). */
  answered: readonly string[];
  lastResult?: SubmissionResult<string[]> | null;
  lang: Lang;
}

export function QuestionEditor({ question, answered, lastResult, lang }: EditorProps) {
  const t = useT().questions;
  const a = t.admin;
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: question ? `question-${question.id}` : "question-add",
    lastResult: lastResult ?? undefined,
    defaultValue: questionDefaults(question),
  });
  const standard = Boolean(question?.standardCode);
  // The kind stays once answered, and always for the standard set.
  const kindLocked = standard || (question?.answers ?? 0) > 0;
  const rows = fields.options.getFieldList();
  const text = { messages: t.errors } as const;
  return (
    <Form method="post" className="stack stack--wide" {...getFormProps(form)}>
      {question ? null : <input type="hidden" name="intent" value="add" />}
      <FormErrors form={form} messages={t.errors} />
      {standard ? (
        <p className="field__hint">{a.standardLockedHint}</p>
      ) : question && question.answers > 0 ? (
        <p className="field__hint">{a.answeredHint}</p>
      ) : null}
      {kindLocked && question ? (
        <p>
          <input type="hidden" name={fields.kind.name} value={question.kind} />
          <strong>{a.kind}:</strong> {t.kinds[question.kind]}
        </p>
      ) : (
        <SelectField meta={fields.kind} label={a.kind} required options={questionKinds.map((k) => ({ value: k, label: t.kinds[k] }))} {...text} />
      )}
      <Field meta={fields.wordingEs} label={a.wordingEs} required maxLength={questionLimits.wording} {...text} />
      <Field meta={fields.wordingEn} label={a.wordingEn} hint={a.wordingEnHint} required={false} maxLength={questionLimits.wording} {...text} />
      <Field meta={fields.helpEs} label={a.helpEs} hint={a.helpHint} required={false} maxLength={questionLimits.help} {...text} />
      <Field meta={fields.helpEn} label={a.helpEn} required={false} maxLength={questionLimits.help} {...text} />
      {standard ? null : <CheckboxField meta={fields.required} label={a.requiredLabel} {...text} />}
      {standard && question ? (
        <fieldset>
          <legend>{a.optionsTitle}</legend>
          <ul>
            {question.options.map((o) => (
              <li key={o.code}>{inLanguage(o, lang)}</li>
            ))}
          </ul>
        </fieldset>
      ) : question && !hasOptions(question.kind) && kindLocked ? null : (
        <fieldset className="option-rows" aria-describedby="options-hint">
          <legend>{a.optionsTitle}</legend>
          <p className="field__hint" id="options-hint">
            {a.optionsHint}
          </p>
          <ErrorsOf errors={fields.options.errors} messages={t.errors} />
          {rows.map((row, i) => {
            const option = row.getFieldset();
            const code = option.code.initialValue as string | undefined;
            return (
              <div className="field-row" key={row.key}>
                {code ? <input {...getInputProps(option.code, { type: "hidden" })} key={option.code.key} /> : null}
                <Field
                  meta={option.es}
                  label={format(a.optionEs, { n: i + 1 })}
                  hint={code && answered.includes(code) ? a.optionAnsweredHint : undefined}
                  required={false}
                  maxLength={questionLimits.optionLabel}
                  {...text}
                />
                <Field meta={option.en} label={format(a.optionEn, { n: i + 1 })} required={false} maxLength={questionLimits.optionLabel} {...text} />
              </div>
            );
          })}
        </fieldset>
      )}
      <div>
        <button type="submit" className="button" disabled={busy}>
          {question ? a.save : a.add}
        </button>
      </div>
    </Form>
  );
}

function ErrorsOf({ errors, messages }: { errors?: string[]; messages: Readonly<Record<string, string>> }) {
  const text = useErrorText(messages);
  if (!errors?.length) return null;
  return <p className="field__error">{errors.map((key) => text(key)).join(" ")}</p>;
}
