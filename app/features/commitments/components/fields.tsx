import type { ComponentProps, ReactNode, TextareaHTMLAttributes, InputHTMLAttributes } from "react";
import { useT } from "~/i18n";
import type { CommitmentErrorKey, CommitmentFieldErrors } from "~/features/commitments/forms";
import { FieldFrame, fieldIds, FramedSelect, RadioGroupFrame } from "~/components/field";

// The commitments pages' labelled fields, whose errors are announced, and their notices.

type FieldShell = { name: string; label: string; error?: CommitmentErrorKey; hint?: ReactNode; required?: boolean; id?: string };

/** The ids and the error text of a commitments field, for the shared FieldFrame. */
function useCommitmentField(name: string, id: string | undefined, hint: ReactNode, error: CommitmentErrorKey | undefined) {
  const t = useT();
  return { ...fieldIds(name, id, Boolean(hint), Boolean(error)), errorText: error ? t.commitments.errors[error] : undefined };
}

export function CField({ name, label, error, hint, required, id, ...input }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const f = useCommitmentField(name, id, hint, error);
  return (
    <FieldFrame fieldId={f.fieldId} label={label} required={required} hint={hint} hintId={f.hintId} error={f.errorText} errorId={f.errorId}>
      <input id={f.fieldId} name={name} required={required} {...f.aria} {...input} />
    </FieldFrame>
  );
}

export function CTextArea({ name, label, error, hint, required, id, ...input }: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const f = useCommitmentField(name, id, hint, error);
  return (
    <FieldFrame fieldId={f.fieldId} label={label} required={required} hint={hint} hintId={f.hintId} error={f.errorText} errorId={f.errorId}>
      <textarea id={f.fieldId} name={name} required={required} {...f.aria} {...input} />
    </FieldFrame>
  );
}

export function CSelect({ error, ...props }: Omit<ComponentProps<typeof FramedSelect>, "errorText"> & { error?: CommitmentErrorKey }) {
  const t = useT();
  return <FramedSelect {...props} errorText={error ? t.commitments.errors[error] : undefined} />;
}

/** A choice among a few options as large tap targets (radio buttons), its error tied like a field's. */
export function Choice({ name, legend, options, value, error }: { name: string; legend: string; options: Array<{ value: string; label: string }>; value: string; error?: CommitmentErrorKey }) {
  const t = useT();
  return (
    <RadioGroupFrame fieldId={`field-${name}`} className="choice" legend={legend} error={error ? t.commitments.errors[error] : undefined}>
      {(radio) => (
        <div className="choice__options">
          {options.map((o) => (
            <label key={o.value} className="choice__option">
              <input type="radio" name={name} value={o.value} defaultChecked={value === o.value} {...radio} />
              <span>{o.label}</span>
            </label>
          ))}
        </div>
      )}
    </RadioGroupFrame>
  );
}

export function FormError({ error }: { error?: CommitmentErrorKey }) {
  const t = useT();
  if (!error) return null;
  return (
    <div className="alert alert--error" role="alert">
      {t.commitments.errors[error]}
    </div>
  );
}

export function FormHasErrors({ errors }: { errors?: CommitmentFieldErrors }) {
  const t = useT();
  if (!errors || Object.keys(errors).length === 0) return null;
  const formError = errors._form;
  return (
    <div className="alert alert--error" role="alert">
      {formError ? t.commitments.errors[formError] : t.common.formHasErrors}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <p className="alert alert--ok" role="status">
      {children}
    </p>
  );
}
