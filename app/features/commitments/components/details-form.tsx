import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { commitmentInstruments, commitmentThemes } from "~db/schema";
import { Field, FormErrors, SelectField, TextareaField } from "~/components/forms";
import { useT } from "~/i18n/index";
import type { z } from "zod";
import type { recordCommitmentSchema } from "~/features/commitments/forms";
import { Choice } from "./choice";

// The details form of a commitment, to record it and to edit it.

export interface DetailsFormProps {
  /** The action's reply to the last send (errors and what was typed), if any. */
  lastResult?: SubmissionResult<string[]> | null;
  /** What the form shows first: the defaults of a new commitment, or the current details. */
  defaultValue: Record<string, string>;
  agendaItems: Array<{ id: number; title: string }>;
  /** Organizers choose the city when recording; null hides the field. */
  cities?: Array<{ dane: string; name: string }> | null;
  minDate?: string;
  submitLabel: string;
  children?: ReactNode;
}

export function CommitmentDetailsForm({ lastResult, defaultValue, agendaItems, cities, minDate, submitLabel, children }: DetailsFormProps) {
  const t = useT().commitments;
  const f = t.fields;
  const [form, fields] = useForm<z.input<typeof recordCommitmentSchema>>({ id: "commitment", lastResult, defaultValue });
  const kit = { messages: t.errors };
  const more = [fields.description, fields.indicator, fields.target, fields.agendaItemId];
  const detailsOpen =
    more.some((field) => field.errors?.length) || [fields.description, fields.indicator, fields.target].some((field) => Boolean(field.initialValue));
  return (
    <Form method="post" className="stack commitment-form" {...getFormProps(form)}>
      <FormErrors form={form} messages={t.errors} />
      {children}
      {cities ? (
        <SelectField
          {...kit}
          meta={fields.cityDane}
          id="field-cityDane"
          label={f.city}
          required
          options={[{ value: "", label: f.chooseCity }, ...cities.map((c) => ({ value: c.dane, label: c.name }))]}
        />
      ) : null}
      <TextareaField {...kit} meta={fields.title} id="field-title" label={f.title} hint={f.titleHint} required rows={2} maxLength={200} />
      <Choice
        {...kit}
        meta={fields.instrument}
        legend={f.instrument}
        options={commitmentInstruments.map((i) => ({ value: i, label: t.instrumentsShort[i] }))}
      />
      <SelectField
        {...kit}
        meta={fields.theme}
        id="field-theme"
        label={f.theme}
        required
        options={commitmentThemes.map((th) => ({ value: th, label: t.themes[th] }))}
      />
      <Field {...kit} meta={fields.dueDate} id="field-dueDate" label={f.dueDate} hint={f.dueDateHint} type="date" required min={minDate} />
      <Field {...kit} meta={fields.responsibleName} id="field-responsibleName" label={f.responsibleName} required autoComplete="off" maxLength={120} />
      <Field
        {...kit}
        meta={fields.responsibleEmail}
        id="field-responsibleEmail"
        label={f.responsibleEmail}
        hint={f.responsibleHint}
        type="email"
        inputMode="email"
        required
        autoComplete="off"
        maxLength={254}
      />
      <Field {...kit} meta={fields.responsiblePosition} id="field-responsiblePosition" label={f.responsiblePosition} maxLength={120} />
      <details className="more" open={detailsOpen}>
        <summary>{f.moreDetails}</summary>
        <div className="stack">
          <TextareaField {...kit} meta={fields.description} id="field-description" label={f.description} rows={3} maxLength={2000} />
          {agendaItems.length > 0 ? (
            <SelectField
              {...kit}
              meta={fields.agendaItemId}
              id="field-agendaItemId"
              label={f.agendaItem}
              options={[{ value: "", label: f.agendaItemNone }, ...agendaItems.map((a) => ({ value: String(a.id), label: a.title }))]}
            />
          ) : null}
          <Field {...kit} meta={fields.indicator} id="field-indicator" label={f.indicator} hint={f.indicatorHint} maxLength={300} />
          <Field {...kit} meta={fields.target} id="field-target" label={f.target} maxLength={200} />
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
