import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useT } from "~/i18n/index";

/*
 * The field kit: how to write a form here (decision: docs/decisions/007-forms-with-conform-and-zod.md)
 *
 * 1. Schema in app/features/<area>/forms.ts, built from app/lib/input-rules.ts (email(),
 *    singleLine(), repeated(), wholeNumber(), calendarDate(), choice(), checkbox()). Errors
 *    are keys of the area's catalog `errors` section, never text.
 * 2. Action: guard → parse → command → reply or redirectWithFlash:
 *      const me = await requireOrganizer(request);
 *      const submission = await parseSubmission(request, schema);      // app/server/forms.server
 *      if (submission.status !== "success") return refuse(submission); // 400 + conform's reply
 *      const result = await command(db, submission.value);
 *      if (!result.ok) return refuseField(submission, "email", "emailTaken");
 *      return redirectWithFlash(here, t.area.saved);                   // app/server/flash.server
 *    Uploads: receiveUpload(request, …) then parseFields(upload.fields, schema).
 * 3. Component: const [form, fields] = useForm({ lastResult: useActionData<typeof action>() });
 *      <Form method="post" {...getFormProps(form)}>
 *        <FormErrors form={form} messages={t.area.errors} />
 *        <Field meta={fields.email} type="email" label={t.area.email} messages={t.area.errors} />
 *      </Form>
 *    Everything works without JavaScript: errors and typed values come back in the server's
 *    reply (hide passwords with refuse(submission, { hideFields })). Route params: requireId()
 *    and requireSlug() from app/server/params.server.
 */

/** A field from useForm, whatever its schema: the kit reads only its name, id, errors and initial value. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the kit is generic over every schema
export type AnyField = FieldMetadata<any, any, string[]>;

/** An area's `errors` catalog section: error key → text in the reader's language. */
export type ErrorMessages = Readonly<Record<string, string>>;

/** Turns an error key into text: the area's own messages first, then the shared t.errors. */
export function useErrorText(messages?: ErrorMessages): (key: string | undefined) => string | undefined {
  const shared = useT().errors as unknown as ErrorMessages;
  return (key) => (key === undefined ? undefined : (messages?.[key] ?? shared[key] ?? shared.invalid));
}

/** The ids a field's control refers to, and the aria attributes to spread on the control. */
export function fieldIds(name: string, id: string | undefined, hasHint: boolean, hasError: boolean) {
  const fieldId = id ?? `field-${name}`;
  const hintId = hasHint ? `${fieldId}-hint` : undefined;
  const errorId = hasError ? `${fieldId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return { fieldId, hintId, errorId, describedBy, aria: { "aria-invalid": hasError ? true : undefined, "aria-describedby": describedBy } };
}

/** The one frame of every labelled field: label (marked optional unless required), hint, error. */
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
      <ErrorList id={props.errorId} errors={props.error ? [props.error] : undefined} />
    </div>
  );
}

/** A field's or a form's error texts, each on its own line, the first one's id for aria-describedby. */
export function ErrorList({ id, errors }: { id?: string; errors: ReadonlyArray<string> | undefined }) {
  if (!errors?.length) return null;
  return (
    <>
      {errors.map((text, i) => (
        <p className="field__error" id={i === 0 ? id : undefined} key={text}>
          {text}
        </p>
      ))}
    </>
  );
}

interface KitProps {
  meta: AnyField;
  label: ReactNode;
  hint?: ReactNode;
  /** The area's error messages (t.<area>.errors); the shared t.errors fill the gaps. */
  messages?: ErrorMessages;
  /** Replaces conform's generated id (kept where pages and tests know the old one). */
  id?: string;
  /** Marks the field required; else conform's constraint (useForm's `constraint`) decides. */
  required?: boolean;
  className?: string;
}

/** What every kit field shares: its ids, its first error as text, and whether it is required. */
function useWiring({ meta, hint, messages, id, required }: KitProps) {
  const errorText = useErrorText(messages)(meta.errors?.[0]);
  const ids = fieldIds(meta.name, id ?? meta.id, Boolean(hint), Boolean(errorText));
  return { ...ids, errorText, required: required ?? meta.required ?? false };
}

/** The label, hint and error around one control, wired by useWiring. */
function WiredFrame(props: { wiring: ReturnType<typeof useWiring>; label: ReactNode; hint?: ReactNode; className?: string; children: ReactNode }) {
  const { wiring: w } = props;
  return (
    <FieldFrame
      fieldId={w.fieldId}
      label={props.label}
      required={w.required}
      hint={props.hint}
      hintId={w.hintId}
      error={w.errorText}
      errorId={w.errorId}
      className={props.className}
    >
      {props.children}
    </FieldFrame>
  );
}

type Framed = Omit<KitProps, "meta" | "label" | "hint" | "messages" | "id" | "required" | "className">;

/** A labelled input (text, email, password, number, date…). */
export function Field(
  props: KitProps & { type?: "text" | "email" | "password" | "number" | "date" | "time" | "tel" | "url" | "search" } & Omit<
      InputHTMLAttributes<HTMLInputElement>,
      keyof Framed | "type" | "name" | "id" | "defaultValue" | "required"
    >,
) {
  const { meta, label, hint, messages, id, required, className, type = "text", ...input } = props;
  const w = useWiring(props);
  const { key, ...conform } = getInputProps(meta, { type, ariaAttributes: false });
  return (
    <WiredFrame wiring={w} label={label} hint={hint} className={className}>
      <input key={key} {...conform} id={w.fieldId} required={w.required} {...w.aria} {...input} />
    </WiredFrame>
  );
}

/** Field's multi-line twin. */
export function TextareaField(props: KitProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id" | "defaultValue" | "required" | "className">) {
  const { meta, label, hint, messages, id, required, className, ...area } = props;
  const w = useWiring(props);
  const { key, ...conform } = getTextareaProps(meta, { ariaAttributes: false });
  return (
    <WiredFrame wiring={w} label={label} hint={hint} className={className}>
      <textarea key={key} {...conform} id={w.fieldId} required={w.required} {...w.aria} {...area} />
    </WiredFrame>
  );
}

export type SelectOption = { value: string | number; label: string };

/** A labelled select; put a first option with value "" for "choose one". */
export function SelectField(
  props: KitProps & { options: ReadonlyArray<SelectOption> } & Omit<
      SelectHTMLAttributes<HTMLSelectElement>,
      "name" | "id" | "defaultValue" | "required" | "className"
    >,
) {
  const { meta, label, hint, messages, id, required, className, options, ...select } = props;
  const w = useWiring(props);
  const { key, ...conform } = getSelectProps(meta, { ariaAttributes: false });
  return (
    <WiredFrame wiring={w} label={label} hint={hint} className={className}>
      <select key={key} {...conform} id={w.fieldId} required={w.required} {...w.aria} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </WiredFrame>
  );
}

/**
 * The frame of a group of radio buttons: a fieldset named by its legend, which points at its
 * hint and error (read as focus enters the group), its radios marked invalid (`radio` is what
 * children spreads on each input). `fieldId` prefixes the ids.
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
      <ErrorList id={errorId} errors={props.error ? [props.error] : undefined} />
    </fieldset>
  );
}

/** Radio buttons, one a line with its label, in a fieldset whose legend is `label`. */
export function RadioGroupField(props: Omit<KitProps, "required"> & { options: ReadonlyArray<{ value: string; label: ReactNode }> }) {
  const { meta, label, hint, options, className } = props;
  const w = useWiring(props);
  return (
    <RadioGroupFrame fieldId={w.fieldId} legend={label} hint={hint} error={w.errorText} className={className}>
      {(radio) =>
        options.map((o) => (
          <div className="checkbox" key={o.value}>
            <input type="radio" id={`${w.fieldId}-${o.value}`} name={meta.name} value={o.value} defaultChecked={meta.initialValue === o.value} {...radio} />
            <label htmlFor={`${w.fieldId}-${o.value}`}>{o.label}</label>
          </div>
        ))
      }
    </RadioGroupFrame>
  );
}

/** One checkbox with its label beside it (sends "on" when checked; read it with checkbox()). */
export function CheckboxField(props: Omit<KitProps, "required"> & { required?: boolean }) {
  const { meta, label, hint, className } = props;
  const w = useWiring(props);
  const { key, ...conform } = getInputProps(meta, { type: "checkbox", ariaAttributes: false });
  return (
    <div className={`field${w.errorText ? " field--invalid" : ""}${className ? ` ${className}` : ""}`}>
      <div className="checkbox">
        <input key={key} {...conform} id={w.fieldId} required={props.required} {...w.aria} />
        <label htmlFor={w.fieldId}>{label}</label>
      </div>
      {hint ? (
        <p className="field__hint" id={w.hintId}>
          {hint}
        </p>
      ) : null}
      <ErrorList id={w.errorId} errors={w.errorText ? [w.errorText] : undefined} />
    </div>
  );
}

/** The alert above a refused form: its own errors (refuseForm), else "the form has errors". */
export function FormErrors({ form, messages }: { form: { errors?: string[]; allErrors: Record<string, string[]> }; messages?: ErrorMessages }) {
  const t = useT();
  const text = useErrorText(messages);
  if (Object.keys(form.allErrors).length === 0) return null;
  const own = (form.errors ?? []).map((key) => text(key) ?? key);
  return <FormAlert>{own.length ? own.join(" ") : t.common.formHasErrors}</FormAlert>;
}

export function FormAlert({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert--error" role="alert">
      {children}
    </div>
  );
}
