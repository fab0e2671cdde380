import { Form } from "@remix-run/react";
import { commitmentStatuses, type CommitmentStatus } from "~db/schema";
import { format, useT } from "~/i18n";
import type { CommitmentFieldErrors } from "~/features/commitments/forms";
import { CField, Choice, CTextArea, FormHasErrors } from "./fields";

// The progress form, signed in or from the mailed link.

export function ProgressForm({
  status,
  progress,
  values = {},
  errors = {},
  maxMb,
  action,
}: {
  status: CommitmentStatus;
  progress: number;
  values?: Record<string, string>;
  errors?: CommitmentFieldErrors;
  maxMb: number;
  action?: string;
}) {
  const t = useT().commitments;
  const f = t.fields;
  return (
    <Form method="post" encType="multipart/form-data" className="stack progress-form" action={action} noValidate>
      <input type="hidden" name="intent" value="progress" />
      <FormHasErrors errors={errors} />
      <Choice name="status" legend={f.status} value={values.status ?? status} error={errors.status} options={commitmentStatuses.map((s) => ({ value: s, label: t.statuses[s] }))} />
      <CField
        name="progress"
        label={f.progress}
        hint={f.progressHint}
        type="number"
        inputMode="numeric"
        min={0}
        max={100}
        step={1}
        required
        defaultValue={values.progress ?? String(progress)}
        error={errors.progress}
      />
      <CTextArea name="note" label={f.note} hint={f.noteHint} rows={3} maxLength={2000} defaultValue={values.note} error={errors.note} />
      <CField name="evidenceUrl" label={f.evidenceUrl} hint={f.evidenceUrlHint} type="url" inputMode="url" maxLength={2000} defaultValue={values.evidenceUrl} error={errors.evidenceUrl} />
      <CField
        name="evidenceFile"
        label={f.evidenceFile}
        hint={format(f.evidenceFileHint, { mb: maxMb })}
        type="file"
        accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.png,.jpg,.jpeg,.gif,.webp"
        error={errors.evidenceFile}
      />
      <div>
        <button type="submit" className="button">
          {t.update.submit}
        </button>
      </div>
    </Form>
  );
}
