import { Form, useNavigation } from "@remix-run/react";
import { useState, type ChangeEvent } from "react";
import { materialVisibilities } from "~db/schema";
import { Field, FormAlert, RadioGroupField, SelectField, TextAreaField } from "~/components/field";
import { format, useT } from "~/i18n";
import type { ErrorKey } from "~/lib/forms";
import { materialLanguages } from "~/features/materials/forms";
import type { UploadErrorCode } from "~/server/uploads.server";

// The organizer's upload form: works without JavaScript (multipart POST); with it, a file over
// the limit is caught before it is sent.

export type { UploadErrorCode };

export interface UploadFormState {
  errors?: Partial<Record<string, ErrorKey>>;
  values?: Record<string, string>;
  uploadError?: UploadErrorCode | null;
}

const acceptTypes = ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.zip,.png,.jpg,.jpeg,.gif,.webp";

export function FileInput({ maxMb, error, label, hint }: { maxMb: number; error: string | null; label: string; hint: string }) {
  const t = useT();
  const [clientError, setClientError] = useState<string | null>(null);
  const shown = clientError ?? error;
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    const message = file && file.size > maxMb * 1024 * 1024 ? format(t.materials.errors.tooLarge, { max: maxMb }) : file && file.size === 0 ? t.materials.errors.empty : null;
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
  const errors = state?.errors ?? {};
  const values = state?.values ?? {};
  const fileError = uploadErrorText(t, state?.uploadError, maxMb);
  const u = t.materials.upload;
  const hasErrors = Object.keys(errors).length > 0 || fileError;
  return (
    <Form method="post" encType="multipart/form-data" className="stack material-form" aria-labelledby="upload-title">
      <h2 id="upload-title">{u.title}</h2>
      {hasErrors ? <FormAlert>{fileError && Object.keys(errors).length === 0 ? fileError : t.common.formHasErrors}</FormAlert> : null}
      {encounters ? (
        <SelectField
          name="encounterId"
          label={u.encounter}
          defaultValue={values.encounterId ?? ""}
          error={errors.encounterId}
          options={[{ value: "", label: u.general }, ...encounters.map((e) => ({ value: String(e.id), label: e.title }))]}
        />
      ) : null}
      <Field name="title" label={u.materialTitle} required maxLength={200} defaultValue={values.title} error={errors.title} />
      <TextAreaField name="description" label={u.description} maxLength={2000} defaultValue={values.description} error={errors.description} />
      <SelectField
        name="language"
        label={u.language}
        required
        defaultValue={values.language ?? "es"}
        error={errors.language}
        options={materialLanguages.map((code) => ({ value: code, label: t.materials.languages[code] }))}
      />
      <RadioGroupField name="visibility" legend={u.visibility} value={values.visibility ?? "registered"} error={errors.visibility} options={visibilityOptions(t)} />
      <FileInput maxMb={maxMb} error={fileError} label={u.file} hint={format(u.fileHint, { max: maxMb })} />
      {encounters || fixedEncounter ? (
        <div className="checkbox">
          <input type="checkbox" id="field-notify" name="notify" value="on" defaultChecked={values.notify === "on"} aria-describedby="field-notify-hint" />
          <label htmlFor="field-notify">
            {u.notify}
            <span className="field__hint" id="field-notify-hint">
              {" "}
              — {format(u.notifyHint, { days: notifyDays })}
            </span>
          </label>
        </div>
      ) : null}
      <div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? u.submitting : u.submit}
        </button>
      </div>
    </Form>
  );
}
