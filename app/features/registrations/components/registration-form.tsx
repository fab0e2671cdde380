import { useState } from "react";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { CheckboxField, Field, FormAlert, TextareaField, useErrorText } from "~/components/forms";
import { useT } from "~/i18n/index";
import type { z } from "zod";
import type { registrationSchema } from "~/features/registrations/forms";
import { fieldLimits as limits } from "~/features/registrations/rules";
import { CityPlacesNote } from "./registration-answer";
import { CitySelect, Honeypot, type CityOption } from "./registration-fields";
import { QuestionErrorLinks, QuestionFields } from "~/features/questions/components/question-fields";
import type { AnswerErrors, AnswerFormValues } from "~/features/questions/answers";
import { fieldName, type FormQuestion } from "~/features/questions/kinds";

// The public registration form (POST /encuentros/:slug/registro): its fields, their errors
// listed above it with a link to each, and the honeypot. The field names are a public interface
// (other tools post them): fullName, email, cityDane, entity, position, phone, needs, consent.
// Each field keeps its id "field-<name>", the anchor the error list links to.

export function RegistrationForm(props: {
  cities: CityOption[];
  cityPlacesLeft: Record<string, number>;
  quota: number;
  /** The action's reply to a refused registration, if any. */
  lastResult?: SubmissionResult<string[]>;
  busy: boolean;
  /** The encounter's registration questions, and the answers as typed after a refusal. */
  questions: readonly FormQuestion[];
  answers?: { errors?: AnswerErrors; values: AnswerFormValues };
}) {
  const r = useT().registration;
  const [form, fields] = useForm<z.input<typeof registrationSchema>>({ id: "registration", lastResult: props.lastResult });
  const [cityDane, setCityDane] = useState(String(fields.cityDane.initialValue ?? ""));
  const kit = { messages: r.errors };
  return (
    <>
      <ErrorSummary errors={form.allErrors} questions={props.questions} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <Field {...kit} meta={fields.fullName} id="field-fullName" label={r.form.fullName} required autoComplete="name" maxLength={limits.fullName} />
        <Field
          {...kit}
          meta={fields.email}
          id="field-email"
          type="email"
          label={r.form.email}
          hint={r.form.emailHint}
          required
          autoComplete="email"
          inputMode="email"
          maxLength={limits.email}
        />
        <CitySelect
          name={fields.cityDane.name}
          label={r.form.city}
          hint={r.form.cityHint}
          cities={props.cities}
          defaultValue={fields.cityDane.initialValue}
          error={fields.cityDane.errors?.[0]}
          required
          onValueChange={setCityDane}
        />
        <CityPlacesNote dane={cityDane} cities={props.cities} placesLeft={props.cityPlacesLeft} quota={props.quota} />
        <Field
          {...kit}
          meta={fields.entity}
          id="field-entity"
          label={r.form.entity}
          hint={r.form.entityHint}
          required
          autoComplete="organization"
          maxLength={limits.entity}
        />
        <Field
          {...kit}
          meta={fields.position}
          id="field-position"
          label={r.form.position}
          required
          autoComplete="organization-title"
          maxLength={limits.position}
        />
        <Field {...kit} meta={fields.phone} id="field-phone" type="tel" label={r.form.phone} required={false} autoComplete="tel" maxLength={limits.phone} />
        <TextareaField
          {...kit}
          meta={fields.needs}
          id="field-needs"
          label={r.form.needs}
          hint={r.form.needsHint}
          required={false}
          rows={3}
          maxLength={limits.needs}
        />
        <QuestionFields questions={props.questions} errors={props.answers?.errors} values={props.answers?.values} />
        <CheckboxField
          {...kit}
          meta={fields.consent}
          id="field-consent"
          label={r.form.consent}
          required
          hint={
            <Link to="/privacidad" target="_blank" rel="noopener">
              {r.form.privacyLink}
            </Link>
          }
        />
        <Honeypot />
        <div>
          <button type="submit" className="button" disabled={props.busy} aria-disabled={props.busy}>
            {props.busy ? r.form.submitting : r.form.submit}
          </button>
        </div>
      </Form>
    </>
  );
}

/** Above the form after a refusal: "check the marked fields", then each error linked to its field. */
function ErrorSummary({ errors, questions }: { errors: Record<string, string[]>; questions: readonly FormQuestion[] }) {
  const t = useT();
  const r = t.registration;
  const text = useErrorText(r.errors);
  const all = Object.entries(errors).filter(([, keys]) => keys.length > 0);
  if (all.length === 0) return null;
  // The questions' errors are linked by the questions' own labels, below the form's.
  const questionFields = new Set(questions.map((q) => fieldName(q.id)));
  const entries = all.filter(([field]) => !questionFields.has(field));
  const labels: Record<string, string> = {
    fullName: r.form.fullName,
    email: r.form.email,
    cityDane: r.form.city,
    entity: r.form.entity,
    position: r.form.position,
    phone: r.form.phone,
    needs: r.form.needs,
    consent: r.form.consent.split(/[.,]/)[0],
  };
  return (
    <FormAlert>
      <p>{t.common.formHasErrors}</p>
      <ul>
        {entries.map(([field, keys]) =>
          field === "" ? (
            <li key="form">{text(keys[0])}</li>
          ) : (
            <li key={field}>
              <a href={`#field-${field}`}>{labels[field] ?? field}</a>: {text(keys[0])}
            </li>
          ),
        )}
        <QuestionErrorLinks questions={questions} errors={errors} />
      </ul>
    </FormAlert>
  );
}
