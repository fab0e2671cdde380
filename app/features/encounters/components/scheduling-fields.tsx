import type { ComponentProps, InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";
import { useT, type Messages } from "~/i18n/index";
import { FieldFrame, fieldIds, FramedSelect } from "~/components/field";
import type { SchedulingErrors } from "~/features/agenda/forms";

// Labelled fields for the organizer's scheduling forms. Like components/field.tsx, each error
// is announced and tied to its field by aria-describedby; these also speak the scheduling
// area's own error messages (a slug that is taken, a time that does not exist...).

export function errorText(t: Messages, key: string | undefined): string | undefined {
  if (!key) return undefined;
  const own = t.scheduling.errors as Record<string, string>;
  const base = t.errors as Record<string, string>;
  return own[key] ?? base[key] ?? base.invalid;
}

interface Common {
  name: string;
  label: string;
  errors?: SchedulingErrors;
  hint?: ReactNode;
  id?: string;
  className?: string;
}

function useDescribed(name: string, id: string | undefined, errors: SchedulingErrors | undefined, hint: ReactNode) {
  const t = useT();
  const error = errorText(t, errors?.[name]);
  return { error, ...fieldIds(name, id, Boolean(hint), Boolean(error)) };
}

export function InputField({ name, label, errors, hint, id, className, required, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const d = useDescribed(name, id, errors, hint);
  return (
    <FieldFrame fieldId={d.fieldId} label={label} required={required} hint={hint} hintId={d.hintId} error={d.error} errorId={d.errorId} className={className}>
      <input id={d.fieldId} name={name} required={required} {...d.aria} {...input} />
    </FieldFrame>
  );
}

export function TextAreaField({ name, label, errors, hint, id, className, required, ...input }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const d = useDescribed(name, id, errors, hint);
  return (
    <FieldFrame fieldId={d.fieldId} label={label} required={required} hint={hint} hintId={d.hintId} error={d.error} errorId={d.errorId} className={className}>
      <textarea id={d.fieldId} name={name} required={required} {...d.aria} {...input} />
    </FieldFrame>
  );
}

export function SelectField({ errors, ...props }: Omit<ComponentProps<typeof FramedSelect>, "errorText"> & { errors?: SchedulingErrors }) {
  const t = useT();
  return <FramedSelect {...props} errorText={errorText(t, errors?.[props.name])} />;
}

/** A summary at the top of a refused form, with links to the fields in error. */
export function ErrorSummary({ errors, labels }: { errors: SchedulingErrors | undefined; labels: Record<string, string> }) {
  const t = useT();
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div className="alert alert--error" role="alert" tabIndex={-1}>
      <p>
        <strong>{t.common.formHasErrors}</strong>
      </p>
      <ul>
        {entries.map(([field, key]) => (
          <li key={field}>
            <a href={`#field-${field}`}>{labels[field] ?? field}</a>: {errorText(t, key)}
          </li>
        ))}
      </ul>
    </div>
  );
}
