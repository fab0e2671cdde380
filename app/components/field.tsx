import type { InputHTMLAttributes, ReactNode } from "react";
import { useT } from "~/i18n";
import type { ErrorKey } from "~/utils/forms";

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  error?: ErrorKey;
  hint?: ReactNode;
}

/** A labelled input whose error is announced and tied to it by aria-describedby. */
export function Field({ name, label, error, hint, required, id, ...input }: FieldProps) {
  const t = useT();
  const fieldId = id ?? `field-${name}`;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const errorId = error ? `${fieldId}-error` : undefined;
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={fieldId}>
        {label}
        {required ? null : <span className="field__optional"> ({t.common.optional})</span>}
      </label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <input
        id={fieldId}
        name={name}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        {...input}
      />
      {error ? (
        <p className="field__error" id={errorId}>
          {t.errors[error]}
        </p>
      ) : null}
    </div>
  );
}

export function FormAlert({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert--error" role="alert">
      {children}
    </div>
  );
}
