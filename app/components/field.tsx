import type { ComponentProps, InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useT } from "~/i18n/index";
import type { ErrorKey } from "~/lib/forms";
import { FieldFrame, fieldIds, RadioGroupFrame } from "./forms";

// The frame pieces live in the field kit (./forms); re-exported for the forms not yet moved to it.
export { FieldFrame, fieldIds, FormAlert, RadioGroupFrame } from "./forms";

// The one frame of every labelled field: its label (marked optional unless required), its hint
// and its error, tied to the control by aria-describedby and announced by aria-invalid. Each
// area (registration, scheduling, commitments...) turns its own error key into text and passes
// that text here.

type Framed = {
  name: string;
  label: string;
  hint?: ReactNode;
  /** Already in the reader's language: each area keeps its own error messages. */
  errorText?: string;
};

/** The one labelled input every form draws, its error announced and tied to it by aria-describedby. */
export function FramedInput({ name, label, hint, errorText, required, id, ...input }: Framed & InputHTMLAttributes<HTMLInputElement>) {
  const ids = fieldIds(name, id, Boolean(hint), Boolean(errorText));
  return (
    <FieldFrame fieldId={ids.fieldId} label={label} required={required} hint={hint} hintId={ids.hintId} error={errorText} errorId={ids.errorId}>
      <input id={ids.fieldId} name={name} required={required} {...ids.aria} {...input} />
    </FieldFrame>
  );
}

/** FramedInput's multi-line twin. */
export function FramedTextArea({ name, label, hint, errorText, required, id, ...area }: Framed & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const ids = fieldIds(name, id, Boolean(hint), Boolean(errorText));
  return (
    <FieldFrame fieldId={ids.fieldId} label={label} required={required} hint={hint} hintId={ids.hintId} error={errorText} errorId={ids.errorId}>
      <textarea id={ids.fieldId} name={name} required={required} {...ids.aria} {...area} />
    </FieldFrame>
  );
}

/** A labelled input whose error is one of the shared messages (t.errors). */
export function Field({ error, ...props }: Omit<ComponentProps<typeof FramedInput>, "errorText"> & { error?: ErrorKey }) {
  const t = useT();
  return <FramedInput {...props} errorText={error ? t.errors[error] : undefined} />;
}

/** Field's multi-line twin, for the same shared error messages. */
export function TextAreaField({ error, ...props }: Omit<ComponentProps<typeof FramedTextArea>, "errorText"> & { error?: ErrorKey }) {
  const t = useT();
  return <FramedTextArea {...props} errorText={error ? t.errors[error] : undefined} />;
}

export type SelectOption = { value: string | number; label: string };

interface FramedSelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  name: string;
  label: string;
  options: ReadonlyArray<SelectOption>;
  hint?: ReactNode;
  /** Already in the reader's language: each area keeps its own error messages. */
  errorText?: string;
}

/** The one labelled select every form area draws, its error tied to it by aria-describedby. */
export function FramedSelect({ name, label, options, hint, errorText, required, id, className, ...select }: FramedSelectProps) {
  const ids = fieldIds(name, id, Boolean(hint), Boolean(errorText));
  return (
    <FieldFrame
      fieldId={ids.fieldId}
      label={label}
      required={required}
      hint={hint}
      hintId={ids.hintId}
      error={errorText}
      errorId={ids.errorId}
      className={className}
    >
      <select id={ids.fieldId} name={name} required={required} {...ids.aria} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A select whose error is one of the shared messages (t.errors). */
export function SelectField({ error, ...props }: Omit<FramedSelectProps, "errorText"> & { error?: ErrorKey }) {
  const t = useT();
  return <FramedSelect {...props} errorText={error ? t.errors[error] : undefined} />;
}

/** Radio buttons, one a line with its label, for the shared error messages. */
export function RadioGroupField({
  name,
  legend,
  options,
  value,
  error,
  hint,
  id,
}: {
  name: string;
  legend: string;
  options: ReadonlyArray<{ value: string; label: ReactNode }>;
  value: string | undefined;
  error?: ErrorKey;
  hint?: ReactNode;
  id?: string;
}) {
  const t = useT();
  const fieldId = id ?? `field-${name}`;
  return (
    <RadioGroupFrame fieldId={fieldId} legend={legend} hint={hint} error={error ? t.errors[error] : undefined}>
      {(radio) =>
        options.map((o) => (
          <div className="checkbox" key={o.value}>
            <input type="radio" id={`${fieldId}-${o.value}`} name={name} value={o.value} defaultChecked={value === o.value} {...radio} />
            <label htmlFor={`${fieldId}-${o.value}`}>{o.label}</label>
          </div>
        ))
      }
    </RadioGroupFrame>
  );
}
