import { Form } from "@remix-run/react";
import type { ComponentProps, ReactNode, TextareaHTMLAttributes, InputHTMLAttributes } from "react";
import { commitmentInstruments, commitmentStatuses, commitmentThemes, type CommitmentStatus } from "~db/schema";
import { format, useLocale, useT } from "~/i18n/index";
import { formatCalendarDate } from "~/lib/calendar-date";
import type { CommitmentErrorKey, CommitmentFieldErrors } from "~/features/commitments/forms";
import { formatDateTime } from "~/lib/time";
import { FieldFrame, fieldIds, FramedSelect, RadioGroupFrame } from "~/components/field";

// Pieces of the commitments pages: labelled fields whose errors are announced, the status
// badge and progress bar, the details form (record and edit), the progress form (signed in or
// from the mailed link) and the history.

type FieldShell = { name: string; label: string; error?: CommitmentErrorKey; hint?: ReactNode; required?: boolean; id?: string };

/** The ids and the error text of a commitments field, for the shared FieldFrame. */
function useCommitmentField(name: string, id: string | undefined, hint: ReactNode, error: CommitmentErrorKey | undefined) {
  const t = useT();
  return { ...fieldIds(name, id, Boolean(hint), Boolean(error)), errorText: error ? t.commitments.errors[error] : undefined };
}

export function CField({ name, label, error, hint, required, id, ...input }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const f = useCommitmentField(name, id, hint, error);
  return (
    <FieldFrame fieldId={f.fieldId} label={label} required={required} hint={hint} hintId={f.hintId} error={f.errorText} errorId={f.errorId}>
      <input id={f.fieldId} name={name} required={required} {...f.aria} {...input} />
    </FieldFrame>
  );
}

export function CTextArea({ name, label, error, hint, required, id, ...input }: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const f = useCommitmentField(name, id, hint, error);
  return (
    <FieldFrame fieldId={f.fieldId} label={label} required={required} hint={hint} hintId={f.hintId} error={f.errorText} errorId={f.errorId}>
      <textarea id={f.fieldId} name={name} required={required} {...f.aria} {...input} />
    </FieldFrame>
  );
}

export function CSelect({ error, ...props }: Omit<ComponentProps<typeof FramedSelect>, "errorText"> & { error?: CommitmentErrorKey }) {
  const t = useT();
  return <FramedSelect {...props} errorText={error ? t.commitments.errors[error] : undefined} />;
}

/** A choice among a few options as large tap targets (radio buttons), its error tied like a field's. */
export function Choice({ name, legend, options, value, error }: { name: string; legend: string; options: Array<{ value: string; label: string }>; value: string; error?: CommitmentErrorKey }) {
  const t = useT();
  return (
    <RadioGroupFrame fieldId={`field-${name}`} className="choice" legend={legend} error={error ? t.commitments.errors[error] : undefined}>
      {(radio) => (
        <div className="choice__options">
          {options.map((o) => (
            <label key={o.value} className="choice__option">
              <input type="radio" name={name} value={o.value} defaultChecked={value === o.value} {...radio} />
              <span>{o.label}</span>
            </label>
          ))}
        </div>
      )}
    </RadioGroupFrame>
  );
}

export function FormError({ error }: { error?: CommitmentErrorKey }) {
  const t = useT();
  if (!error) return null;
  return (
    <div className="alert alert--error" role="alert">
      {t.commitments.errors[error]}
    </div>
  );
}

export function FormHasErrors({ errors }: { errors?: CommitmentFieldErrors }) {
  const t = useT();
  if (!errors || Object.keys(errors).length === 0) return null;
  const formError = errors._form;
  return (
    <div className="alert alert--error" role="alert">
      {formError ? t.commitments.errors[formError] : t.common.formHasErrors}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <p className="alert alert--ok" role="status">
      {children}
    </p>
  );
}

const statusTone: Record<CommitmentStatus, string> = {
  proposed: "badge--muted",
  in_progress: "",
  done: "badge--ok",
  at_risk: "badge--warn",
  dropped: "badge--muted",
};

export function StatusBadge({ status, overdue }: { status: CommitmentStatus; overdue?: boolean }) {
  const t = useT().commitments;
  return (
    <span className="badges">
      <span className={`badge ${statusTone[status]}`}>{t.statuses[status]}</span>
      {overdue ? <span className="badge badge--danger">{t.detail.overdue}</span> : null}
    </span>
  );
}

export function ProgressMeter({ value, label }: { value: number; label: string }) {
  return (
    <span className="progress">
      <span className="progress-bar" role="progressbar" aria-valuenow={value} aria-valuemin={0} aria-valuemax={100} aria-label={label}>
        <span className="progress-bar__fill" style={{ width: `${value}%` }} />
      </span>
      <span className="progress__value">{value} %</span>
    </span>
  );
}

export function DueDate({ date }: { date: string }) {
  const locale = useLocale();
  return <time dateTime={date}>{formatCalendarDate(date, locale)}</time>;
}

// ---- details form (record and edit) ------------------------------------------------------------

export interface DetailsFormProps {
  values: Record<string, string>;
  errors?: CommitmentFieldErrors;
  agendaItems: Array<{ id: number; title: string }>;
  /** Organizers choose the city when recording; null hides the field. */
  cities?: Array<{ dane: string; name: string }> | null;
  minDate?: string;
  submitLabel: string;
  children?: ReactNode;
}

export function CommitmentDetailsForm({ values, errors = {}, agendaItems, cities, minDate, submitLabel, children }: DetailsFormProps) {
  const t = useT().commitments;
  const f = t.fields;
  const detailsOpen = Boolean(values.description || values.indicator || values.target || errors.description || errors.indicator || errors.target || errors.agendaItemId);
  return (
    <Form method="post" className="stack commitment-form" noValidate>
      <FormHasErrors errors={errors} />
      {children}
      {cities ? (
        <CSelect
          name="cityDane"
          label={f.city}
          required
          defaultValue={values.cityDane ?? ""}
          error={errors.cityDane}
          options={[{ value: "", label: f.chooseCity }, ...cities.map((c) => ({ value: c.dane, label: c.name }))]}
        />
      ) : null}
      <CTextArea name="title" label={f.title} hint={f.titleHint} required rows={2} maxLength={200} defaultValue={values.title} error={errors.title} />
      <Choice name="instrument" legend={f.instrument} value={values.instrument ?? "PDT"} error={errors.instrument} options={commitmentInstruments.map((i) => ({ value: i, label: t.instrumentsShort[i] }))} />
      <CSelect name="theme" label={f.theme} required defaultValue={values.theme ?? "both"} error={errors.theme} options={commitmentThemes.map((th) => ({ value: th, label: t.themes[th] }))} />
      <CField name="dueDate" label={f.dueDate} hint={f.dueDateHint} type="date" required min={minDate} defaultValue={values.dueDate} error={errors.dueDate} />
      <CField name="responsibleName" label={f.responsibleName} required autoComplete="off" maxLength={120} defaultValue={values.responsibleName} error={errors.responsibleName} />
      <CField
        name="responsibleEmail"
        label={f.responsibleEmail}
        hint={f.responsibleHint}
        type="email"
        inputMode="email"
        required
        autoComplete="off"
        maxLength={254}
        defaultValue={values.responsibleEmail}
        error={errors.responsibleEmail}
      />
      <CField name="responsiblePosition" label={f.responsiblePosition} maxLength={120} defaultValue={values.responsiblePosition} error={errors.responsiblePosition} />
      <details className="more" open={detailsOpen}>
        <summary>{f.moreDetails}</summary>
        <div className="stack">
          <CTextArea name="description" label={f.description} rows={3} maxLength={2000} defaultValue={values.description} error={errors.description} />
          {agendaItems.length > 0 ? (
            <CSelect
              name="agendaItemId"
              label={f.agendaItem}
              defaultValue={values.agendaItemId ?? ""}
              error={errors.agendaItemId}
              options={[{ value: "", label: f.agendaItemNone }, ...agendaItems.map((a) => ({ value: String(a.id), label: a.title }))]}
            />
          ) : null}
          <CField name="indicator" label={f.indicator} hint={f.indicatorHint} maxLength={300} defaultValue={values.indicator} error={errors.indicator} />
          <CField name="target" label={f.target} maxLength={200} defaultValue={values.target} error={errors.target} />
        </div>
      </details>
      <div>
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}

// ---- progress form ----------------------------------------------------------------------------

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

// ---- history ------------------------------------------------------------------------------------

export interface HistoryItem {
  id: number;
  kind: "created" | "update" | "edited" | "validated" | "reopened" | "reminders_stopped" | "reminders_resumed";
  author_kind: "participant" | "organizer" | "responsible";
  author_name: string;
  status_from: CommitmentStatus | null;
  status_to: CommitmentStatus;
  progress_from: number | null;
  progress_to: number;
  note: string;
  evidence_key: string | null;
  evidence_name: string | null;
  evidence_url: string | null;
  created_at: string;
}

const fieldLabelKeys = {
  title: "title",
  description: "description",
  instrument: "instrument",
  theme: "theme",
  agendaItemId: "agendaItem",
  responsibleName: "responsibleName",
  responsiblePosition: "responsiblePosition",
  responsibleEmail: "responsibleEmail",
  dueDate: "dueDate",
  indicator: "indicator",
  target: "target",
} as const;

export function changedFieldsLabel(note: string, fields: Record<string, string>): string {
  return note
    .split(",")
    .map((key) => {
      const labelKey = fieldLabelKeys[key as keyof typeof fieldLabelKeys];
      return labelKey ? fields[labelKey] : key;
    })
    .join(", ");
}

export function History({ entries, timezone, evidenceHref }: { entries: HistoryItem[]; timezone: string; evidenceHref?: (entry: HistoryItem) => string | null }) {
  const t = useT().commitments;
  const locale = useLocale();
  if (entries.length === 0) return <p>{t.history.empty}</p>;
  return (
    <ol className="history">
      {entries.map((entry) => {
        // Rows written before history entries had a kind: the first one is the recording.
        const e = entry.kind === "update" && entry.status_from === null ? { ...entry, kind: "created" as const } : entry;
        const statusChanged = e.status_from !== null && e.status_from !== e.status_to;
        const progressChanged = e.progress_from !== null && e.progress_from !== e.progress_to;
        const fileHref = e.evidence_key && evidenceHref ? evidenceHref(e) : null;
        return (
          <li key={e.id} className="history__item">
            <p className="history__head">
              <strong>{t.history.kinds[e.kind]}</strong> · {e.author_name} ({t.history.authorKinds[e.author_kind]}) ·{" "}
              <time dateTime={e.created_at}>{formatDateTime(e.created_at, timezone, locale)}</time>
            </p>
            {e.kind === "update" && (statusChanged || progressChanged) ? (
              <p className="history__change">
                {statusChanged ? `${t.statuses[e.status_from!]} → ${t.statuses[e.status_to]}` : t.statuses[e.status_to]}
                {" · "}
                {progressChanged ? `${e.progress_from} % → ${e.progress_to} %` : `${e.progress_to} %`}
              </p>
            ) : null}
            {e.kind === "edited" ? <p className="history__change">{format(t.history.changedFields, { fields: changedFieldsLabel(e.note, t.fields) })}</p> : null}
            {e.kind !== "edited" && e.note ? <p className="history__note">{e.note}</p> : null}
            {e.evidence_url ? (
              <p>
                {t.history.evidence}:{" "}
                <a href={e.evidence_url} rel="noopener noreferrer nofollow" target="_blank">
                  {e.evidence_url}
                </a>
              </p>
            ) : null}
            {e.evidence_name ? (
              <p>
                {t.history.evidence}: {fileHref ? <a href={fileHref}>{format(t.history.download, { name: e.evidence_name })}</a> : e.evidence_name}
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

/** The facts of one commitment, as a description list. */
export function CommitmentFacts({
  c,
}: {
  c: {
    encounter_title: string;
    encounter_slug: string;
    city_name: string;
    instrument: "PDT" | "PISCC" | "other";
    theme: "trafficking" | "smuggling" | "both" | "other";
    responsible_name: string;
    responsible_position: string;
    responsible_email: string;
    due_date: string;
    indicator: string;
    target: string;
    agenda_item_title: string | null;
  };
}) {
  const t = useT().commitments;
  return (
    <dl className="facts">
      <dt>{t.detail.city}</dt>
      <dd>{c.city_name}</dd>
      <dt>{t.detail.encounter}</dt>
      <dd>{c.encounter_title}</dd>
      {c.agenda_item_title ? (
        <>
          <dt>{t.detail.agendaItem}</dt>
          <dd>{c.agenda_item_title}</dd>
        </>
      ) : null}
      <dt>{t.fields.instrument}</dt>
      <dd>{t.instruments[c.instrument]}</dd>
      <dt>{t.fields.theme}</dt>
      <dd>{t.themes[c.theme]}</dd>
      <dt>{t.detail.responsible}</dt>
      <dd>
        {c.responsible_name}
        {c.responsible_position ? `, ${c.responsible_position}` : ""} · {c.responsible_email}
      </dd>
      <dt>{t.detail.dueDate}</dt>
      <dd>
        <DueDate date={c.due_date} />
      </dd>
      {c.indicator ? (
        <>
          <dt>{t.detail.indicator}</dt>
          <dd>{c.indicator}</dd>
        </>
      ) : null}
      {c.target ? (
        <>
          <dt>{t.detail.target}</dt>
          <dd>{c.target}</dd>
        </>
      ) : null}
    </dl>
  );
}
