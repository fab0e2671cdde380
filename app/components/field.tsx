import type { ComponentProps, InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useT } from "~/i18n";
import type { ErrorKey } from "~/lib/forms";

// The one frame of every labelled field: its label (marked optional unless required), its hint
// and its error, tied to the control by aria-describedby and announced by aria-invalid. Each
// area (registration, scheduling, commitments...) turns its own error key into text and passes
// that text here.

/** The ids a field's control refers to, and the aria attributes to spread on the control. */
export function fieldIds(name: string, id: string | undefined, hasHint: boolean, hasError: boolean) {
  const fieldId = id ?? `field-${name}`;
  const hintId = hasHint ? `${fieldId}-hint` : undefined;
  const errorId = hasError ? `${fieldId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return { fieldId, hintId, errorId, describedBy, aria: { "aria-invalid": hasError ? true : undefined, "aria-describedby": describedBy } };
}

export function FieldFrame(props: {
  fieldId: string;
  label: ReactNode;
  required?: boolean;
  hint?: ReactNode;
  hintId?: string;
  error?: string;
  errorId?: string;
  className?: string;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <div className={`field${props.error ? " field--invalid" : ""}${props.className ? ` ${props.className}` : ""}`}>
      <label htmlFor={props.fieldId}>
        {props.label}
        {props.required ? null : <span className="field__optional"> ({t.common.optional})</span>}
      </label>
      {props.hint ? (
        <p className="field__hint" id={props.hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.children}
      {props.error ? (
        <p className="field__error" id={props.errorId}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

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
    <FieldFrame fieldId={ids.fieldId} label={label} required={required} hint={hint} hintId={ids.hintId} error={errorText} errorId={ids.errorId} className={className}>
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

/**
 * The frame of a group of radio buttons: a fieldset named by its legend, which points at its
 * hint and error (aria-describedby, read as focus enters the group), with its radios marked
 * invalid (`radio` is what children spreads on each input). `fieldId` prefixes the ids.
 */
export function RadioGroupFrame(props: {
  fieldId: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  className?: string;
  children: (radio: { "aria-invalid": true | undefined }) => ReactNode;
}) {
  const { hintId, errorId, describedBy } = fieldIds("", props.fieldId, Boolean(props.hint), Boolean(props.error));
  return (
    <fieldset className={`${props.className ?? "field"}${props.error ? " field--invalid" : ""}`} aria-describedby={describedBy}>
      <legend>{props.legend}</legend>
      {props.hint ? (
        <p className="field__hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.children({ "aria-invalid": props.error ? true : undefined })}
      {props.error ? (
        <p className="field__error" id={errorId}>
          {props.error}
        </p>
      ) : null}
    </fieldset>
  );
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

export function FormAlert({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert--error" role="alert">
      {children}
    </div>
  );
}
