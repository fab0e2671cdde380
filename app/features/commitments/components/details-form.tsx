import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { commitmentInstruments, commitmentThemes } from "~db/schema";
import { useT } from "~/i18n";
import type { CommitmentFieldErrors } from "~/features/commitments/forms";
import { CField, Choice, CSelect, CTextArea, FormHasErrors } from "./fields";

// The details form of a commitment, to record it and to edit it.

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
