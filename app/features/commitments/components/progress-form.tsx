import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { commitmentStatuses, type CommitmentStatus } from "~db/schema";
import { Field, FieldFrame, fieldIds, FormErrors, TextareaField, useErrorText } from "~/components/forms";
import { format, useT } from "~/i18n/index";
import type { z } from "zod";
import type { progressUpdateSchema } from "~/features/commitments/forms";
import { Choice } from "./choice";

// The progress form, signed in or from the mailed link: multipart, so an evidence file can
// come along (read by the upload path, with its caps, before the fields are parsed).

const evidenceTypes = ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.png,.jpg,.jpeg,.gif,.webp";

export function ProgressForm({
  status,
  progress,
  lastResult,
  maxMb,
  action,
}: {
  status: CommitmentStatus;
  progress: number;
  /** The action's reply to the last progress sent, if any. */
  lastResult?: SubmissionResult<string[]> | null;
  maxMb: number;
  action?: string;
}) {
  const t = useT().commitments;
  const f = t.fields;
  const [form, fields] = useForm<z.input<typeof progressUpdateSchema>>({ id: "progress", lastResult, defaultValue: { status, progress: String(progress) } });
  const kit = { messages: t.errors };
  const fileError = useErrorText(t.errors)(form.allErrors.evidenceFile?.[0]);
  const file = fieldIds("evidenceFile", undefined, true, Boolean(fileError));
  return (
    <Form method="post" encType="multipart/form-data" className="stack progress-form" action={action} {...getFormProps(form)}>
      <input type="hidden" name="intent" value="progress" />
      <FormErrors form={form} messages={t.errors} />
      <Choice {...kit} meta={fields.status} legend={f.status} options={commitmentStatuses.map((s) => ({ value: s, label: t.statuses[s] }))} />
      <Field
        {...kit}
        meta={fields.progress}
        id="field-progress"
        label={f.progress}
        hint={f.progressHint}
        type="number"
        inputMode="numeric"
        min={0}
        max={100}
        step={1}
        required
      />
      <TextareaField {...kit} meta={fields.note} id="field-note" label={f.note} hint={f.noteHint} rows={3} maxLength={2000} />
      <Field
        {...kit}
        meta={fields.evidenceUrl}
        id="field-evidenceUrl"
        label={f.evidenceUrl}
        hint={f.evidenceUrlHint}
        type="url"
        inputMode="url"
        maxLength={2000}
      />
      <FieldFrame
        fieldId={file.fieldId}
        label={f.evidenceFile}
        hint={format(f.evidenceFileHint, { mb: maxMb })}
        hintId={file.hintId}
        error={fileError}
        errorId={file.errorId}
      >
        <input id={file.fieldId} name="evidenceFile" type="file" accept={evidenceTypes} {...file.aria} />
      </FieldFrame>
      <div>
        <button type="submit" className="button">
          {t.update.submit}
        </button>
      </div>
    </Form>
  );
}
