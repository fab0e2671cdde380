import type { ReactNode } from "react";
import { ErrorList, FieldFrame, fieldIds, useErrorText } from "~/components/forms";
import { fieldName, questionLimits, sensitiveConsentName, type FormQuestion } from "~/features/questions/kinds";
import { preferNotToAnswer } from "~/features/questions/standard-set";
import { useT } from "~/i18n/index";

// A form's questions, drawn with the field kit's frames: each one labelled, its hint and error
// wired to it for screen readers, nothing that needs JavaScript. Sensitive questions (the
// standard disaggregation set) come last, apart, behind their own consent box. Errors and
// values are conform's shapes (a list of keys per field; a list for several choices), so a
// conform form passes `lastResult.error` and `lastResult.initialValue` as they are.

export type QuestionErrors = Readonly<Record<string, readonly string[] | null | undefined>>;
export type QuestionValues = Readonly<Record<string, unknown>>;

export interface QuestionFieldsProps {
  questions: readonly FormQuestion[];
  errors?: QuestionErrors;
  /** What was sent (after a refusal) or the stored answers (answersToValues). */
  values?: QuestionValues;
  /** Before every field name, for a form with several people. */
  prefix?: string;
  /** A form that does not ask sensitive data (a delegation): they are left out. */
  includeSensitive?: boolean;
  /** Whether the sensitive-data consent box starts ticked (the person gave it before). */
  consentGiven?: boolean;
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === "string" && value !== "" ? [value] : []);

export function QuestionFields({ questions, errors = {}, values = {}, prefix = "", includeSensitive = true, consentGiven = false }: QuestionFieldsProps) {
  const t = useT().questions;
  const ordinary = questions.filter((q) => !q.sensitive);
  const sensitive = includeSensitive ? questions.filter((q) => q.sensitive) : [];
  const field = (q: FormQuestion) => {
    const name = fieldName(q.id, prefix);
    return <QuestionField key={q.id} question={q} name={name} errors={errors[name] ?? undefined} value={values[name]} />;
  };
  const consentName = sensitiveConsentName(prefix);
  const consentChecked = consentName in values ? values[consentName] === "on" : consentGiven;
  return (
    <>
      {ordinary.map(field)}
      {sensitive.length ? (
        <fieldset className="questions-sensitive" aria-describedby={`${prefix}sensitive-intro`}>
          <legend>{t.fields.sensitiveTitle}</legend>
          <p className="field__hint" id={`${prefix}sensitive-intro`}>
            {t.fields.sensitiveIntro}
          </p>
          <div className="field">
            <div className="checkbox">
              <input type="checkbox" id={`field-${consentName}`} name={consentName} value="on" defaultChecked={consentChecked} />
              <label htmlFor={`field-${consentName}`}>{t.fields.sensitiveConsent}</label>
            </div>
          </div>
          {sensitive.map(field)}
        </fieldset>
      ) : null}
    </>
  );
}

function QuestionField({ question: q, name, errors, value }: { question: FormQuestion; name: string; errors?: readonly string[]; value: unknown }) {
  const t = useT().questions;
  const errorText = useErrorText(t.errors)(errors?.[0]);
  const ids = fieldIds(name, undefined, Boolean(q.help), Boolean(errorText));
  const label = (
    <>
      {q.label}
      {q.sensitive ? <span className="visually-hidden"> ({t.fields.sensitiveBadge})</span> : null}
    </>
  );
  const text = asList(value)[0] ?? "";
  const common = { id: ids.fieldId, name, required: q.required, ...ids.aria };
  const frame = (control: ReactNode) => (
    <FieldFrame
      fieldId={ids.fieldId}
      label={label}
      required={q.required}
      hint={q.help || undefined}
      hintId={ids.hintId}
      error={errorText}
      errorId={ids.errorId}
    >
      {control}
    </FieldFrame>
  );
  switch (q.kind) {
    case "short_text":
      return frame(<input type="text" {...common} defaultValue={text} maxLength={questionLimits.shortText} />);
    case "long_text":
      return frame(<textarea {...common} defaultValue={text} rows={4} maxLength={questionLimits.longText} />);
    case "number":
      return frame(<input type="text" inputMode="decimal" {...common} defaultValue={text} maxLength={24} />);
    case "date":
      return frame(<input type="date" {...common} defaultValue={text} />);
    case "one_choice":
    case "yes_no": {
      const options =
        q.kind === "yes_no"
          ? [
              { code: "yes", label: t.fields.yes },
              { code: "no", label: t.fields.no },
            ]
          : q.options;
      // An optional question can be left (or put back) without an answer, without JavaScript;
      // one that offers "prefer not to answer" (the standard set) has that instead.
      const blank = !q.required && !options.some((o) => o.code === preferNotToAnswer.code);
      const all = blank ? [...options, { code: "", label: t.fields.noAnswer }] : options;
      return (
        <ChoiceFrame ids={ids} legend={label} required={q.required} hint={q.help} error={errorText}>
          {all.map((o) => (
            <div className="checkbox" key={o.code}>
              <input type="radio" id={`${ids.fieldId}-${o.code || "blank"}`} name={name} value={o.code} defaultChecked={text === o.code} />
              <label htmlFor={`${ids.fieldId}-${o.code || "blank"}`}>{o.label}</label>
            </div>
          ))}
        </ChoiceFrame>
      );
    }
    case "many_choices": {
      const chosen = asList(value);
      return (
        <ChoiceFrame ids={ids} legend={label} required={q.required} hint={q.help} error={errorText}>
          {q.options.map((o) => (
            <div className="checkbox" key={o.code}>
              <input
                type="checkbox"
                id={`${ids.fieldId}-${o.code}`}
                name={name}
                value={o.code}
                defaultChecked={chosen.includes(o.code)}
                aria-invalid={errorText ? true : undefined}
              />
              <label htmlFor={`${ids.fieldId}-${o.code}`}>{o.label}</label>
            </div>
          ))}
        </ChoiceFrame>
      );
    }
  }
}

/** A group of radios or checkboxes: a fieldset named by its legend, its id the field's (for the error summary's links). */
function ChoiceFrame(props: { ids: ReturnType<typeof fieldIds>; legend: ReactNode; required: boolean; hint: string; error?: string; children: ReactNode }) {
  const t = useT();
  const { ids } = props;
  return (
    <fieldset id={ids.fieldId} tabIndex={-1} className={`field question-choices${props.error ? " field--invalid" : ""}`} aria-describedby={ids.describedBy}>
      <legend>
        {props.legend}
        {props.required ? null : <span className="field__optional"> ({t.common.optional})</span>}
      </legend>
      {props.hint ? (
        <p className="field__hint" id={ids.hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.children}
      <ErrorList id={ids.errorId} errors={props.error ? [props.error] : undefined} />
    </fieldset>
  );
}

/** The error summary's lines for the questions: a link to each refused field and what to fix. */
export function QuestionErrorLinks({ questions, errors, prefix = "" }: { questions: readonly FormQuestion[]; errors: QuestionErrors; prefix?: string }) {
  const text = useErrorText(useT().questions.errors);
  return (
    <>
      {questions.map((q) => {
        const name = fieldName(q.id, prefix);
        const key = errors[name]?.[0];
        return key ? (
          <li key={q.id}>
            <a href={`#field-${name}`}>{q.label}</a>: {text(key)}
          </li>
        ) : null;
      })}
    </>
  );
}
