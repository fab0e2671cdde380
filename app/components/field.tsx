import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";
import { useT } from "~/i18n";
import type { ErrorKey } from "~/utils/forms";

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

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  error?: ErrorKey;
  hint?: ReactNode;
}

/** A labelled input whose error is announced and tied to it by aria-describedby. */
export function Field({ name, label, error, hint, required, id, ...input }: FieldProps) {
  const t = useT();
  const ids = fieldIds(name, id, Boolean(hint), Boolean(error));
  return (
    <FieldFrame fieldId={ids.fieldId} label={label} required={required} hint={hint} hintId={ids.hintId} error={error ? t.errors[error] : undefined} errorId={ids.errorId}>
      <input id={ids.fieldId} name={name} required={required} {...ids.aria} {...input} />
    </FieldFrame>
  );
}

interface TextAreaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  name: string;
  label: string;
  error?: ErrorKey;
  hint?: ReactNode;
}

/** Field's multi-line twin, for the same shared error messages. */
export function TextAreaField({ name, label, error, hint, required, id, ...area }: TextAreaFieldProps) {
  const t = useT();
  const ids = fieldIds(name, id, Boolean(hint), Boolean(error));
  return (
    <FieldFrame fieldId={ids.fieldId} label={label} required={required} hint={hint} hintId={ids.hintId} error={error ? t.errors[error] : undefined} errorId={ids.errorId}>
      <textarea id={ids.fieldId} name={name} required={required} {...ids.aria} {...area} />
    </FieldFrame>
  );
}

export function FormAlert({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert--error" role="alert">
      {children}
    </div>
  );
}
