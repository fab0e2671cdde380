import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useState, type ChangeEvent } from "react";
import { materialVisibilities } from "~db/schema";
import { CheckboxField, Field, FormAlert, RadioGroupField, SelectField, TextareaField, type AnyField } from "~/components/forms";
import { format, useT } from "~/i18n/index";
import { materialLanguages } from "~/features/materials/forms";
import type { UploadErrorCode } from "~/server/uploads.server";

// The organizer's upload form: works without JavaScript (multipart POST); with it, a file over
// the limit is caught before it is sent. Drawn with the field kit; the ids stay field-<name>,
// as the pages' tests and the aria wiring know them. The material forms keep the browser's own
// checks (noValidate={false}): they are what stops a file over the limit before it is sent.

export type { UploadErrorCode };

/** What an upload action answers on a refusal: conform's reply and what was wrong with the file. */
export type UploadFormState = SubmissionResult<string[]> & { uploadError?: UploadErrorCode | null };

const acceptTypes = ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.zip,.png,.jpg,.jpeg,.gif,.webp";

export function FileInput({ maxMb, error, label, hint }: { maxMb: number; error: string | null; label: string; hint: string }) {
  const t = useT();
  const [clientError, setClientError] = useState<string | null>(null);
  const shown = clientError ?? error;
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    const message =
      file && file.size > maxMb * 1024 * 1024 ? format(t.materials.errors.tooLarge, { max: maxMb }) : file && file.size === 0 ? t.materials.errors.empty : null;
    input.setCustomValidity(message ?? "");
    setClientError(message);
  };
  return (
    <div className={`field${shown ? " field--invalid" : ""}`}>
      <label htmlFor="field-file">{label}</label>
      <p className="field__hint" id="field-file-hint">
        {hint}
      </p>
      <input
        id="field-file"
        name="file"
        type="file"
        required
        accept={acceptTypes}
        onChange={onChange}
        aria-invalid={shown ? true : undefined}
        aria-describedby={`field-file-hint${shown ? " field-file-error" : ""}`}
      />
      {shown ? (
        <p className="field__error" id="field-file-error" role="alert">
          {shown}
        </p>
      ) : null}
    </div>
  );
}

/** The visibility radios' options, each with its hint (the upload form and the material page). */
export function visibilityOptions(t: ReturnType<typeof useT>) {
  return materialVisibilities.map((v) => ({
    value: v,
    label: (
      <>
        {t.materials.visibility[v]} <span className="muted">— {t.materials.upload.visibilityHints[v]}</span>
      </>
    ),
  }));
}

export function uploadErrorText(t: ReturnType<typeof useT>, code: UploadErrorCode | null | undefined, maxMb: number): string | null {
  if (!code) return null;
  const message = format(t.materials.errors[code], { max: maxMb });
  return code === "missing" || code === "tooMany" ? message : `${message} ${t.materials.errors.chooseAgain}`;
}

/** A material's own fields (title, description, language, visibility), shared by both forms. */
export function MaterialFields({
  fields,
  visibilityId = "field-visibility",
}: {
  fields: Record<"title" | "description" | "language" | "visibility", AnyField>;
  visibilityId?: string;
}) {
  const t = useT();
  const u = t.materials.upload;
  return (
    <>
      <Field meta={fields.title} id="field-title" label={u.materialTitle} required maxLength={200} />
      <TextareaField meta={fields.description} id="field-description" label={u.description} maxLength={2000} />
      <SelectField
        meta={fields.language}
        id="field-language"
        label={u.language}
        required
        options={materialLanguages.map((code) => ({ value: code, label: t.materials.languages[code] }))}
      />
      <RadioGroupField meta={fields.visibility} id={visibilityId} label={u.visibility} options={visibilityOptions(t)} />
    </>
  );
}

export function MaterialUploadForm({
  state,
  maxMb,
  notifyDays,
  encounters,
  fixedEncounter,
}: {
  state: UploadFormState | undefined;
  maxMb: number;
  notifyDays: number;
  /** Offer a choice of encounter (and "general"); otherwise the material belongs to fixedEncounter. */
  encounters?: Array<{ id: number; title: string }>;
  fixedEncounter?: boolean;
}) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm<{ encounterId: string; title: string; description: string; language: string; visibility: string; notify: string }>({
    id: "upload",
    lastResult: state,
    defaultValue: { language: "es", visibility: "registered", encounterId: "" },
  });
  const fileError = uploadErrorText(t, state?.uploadError, maxMb);
  const u = t.materials.upload;
  const fieldErrors = Object.keys(form.allErrors).length > 0;
  return (
    <Form method="post" encType="multipart/form-data" className="stack material-form" aria-labelledby="upload-title" {...getFormProps(form)} noValidate={false}>
      <h2 id="upload-title">{u.title}</h2>
      {fieldErrors || fileError ? <FormAlert>{fileError && !fieldErrors ? fileError : t.common.formHasErrors}</FormAlert> : null}
      {encounters ? (
        <SelectField
          meta={fields.encounterId}
          id="field-encounterId"
          label={u.encounter}
          options={[{ value: "", label: u.general }, ...encounters.map((e) => ({ value: String(e.id), label: e.title }))]}
        />
      ) : null}
      <MaterialFields fields={fields} />
      <FileInput maxMb={maxMb} error={fileError} label={u.file} hint={format(u.fileHint, { max: maxMb })} />
      {encounters || fixedEncounter ? (
        <CheckboxField meta={fields.notify} id="field-notify" label={u.notify} hint={format(u.notifyHint, { days: notifyDays })} />
      ) : null}
      <div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? u.submitting : u.submit}
        </button>
      </div>
    </Form>
  );
}
