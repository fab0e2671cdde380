import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { CheckboxField, Field, FormErrors } from "~/components/forms";
import { CitySelect } from "~/features/registrations/components/registration-fields";
import { fieldLimits as limits, type RegistrationErrorKey } from "~/features/registrations/rules";
import { format, useT } from "~/i18n/index";
import type { Outcome } from "./actions.server";

type Done = Extract<Outcome, { kind: "walkIn" }>;

/** A person who arrives without registration, registered and checked in at once (if a place is left). */
export function WalkIn({
  cities,
  done,
  reply,
  busy,
}: {
  cities: Array<{ dane: string; name: string; department: string }>;
  done: Done | undefined;
  reply: SubmissionResult<string[]> | undefined;
  busy: boolean;
}) {
  const c = useT().registration.checkin;
  return (
    <details className="card" open={Boolean(done || reply)}>
      <summary>
        <strong>{c.walkInTitle}</strong>
      </summary>
      <p>{c.walkInIntro}</p>
      {done ? (
        <p className="alert alert--ok" role="status">
          {format(c.walkInDone, { name: done.person.name })}
        </p>
      ) : null}
      {/* A new, empty form after each walk-in. */}
      <WalkInForm key={done ? done.person.id : "form"} cities={cities} reply={reply} busy={busy} />
    </details>
  );
}

function WalkInForm({
  cities,
  reply,
  busy,
}: {
  cities: Array<{ dane: string; name: string; department: string }>;
  reply: SubmissionResult<string[]> | undefined;
  busy: boolean;
}) {
  const t = useT();
  const c = t.registration.checkin;
  const f = t.registration.form;
  const messages = { ...t.registration.errors, walkInExisting: c.walkInExisting, fullWalkIn: f.fullWalkIn };
  const [form, fields] = useForm<{ fullName: string; email: string; cityDane: string; entity: string; position: string; phone: string; consent: string }>({
    id: "walk-in",
    lastResult: reply,
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FormErrors form={form} messages={messages} />
      <input type="hidden" name="intent" value="walkIn" />
      <Field meta={fields.fullName} id="walkin-fullName" label={f.fullName} required maxLength={limits.fullName} messages={messages} />
      <Field meta={fields.email} id="walkin-email" type="email" label={f.email} required maxLength={limits.email} messages={messages} />
      <CitySelect
        name={fields.cityDane.name}
        label={f.city}
        cities={cities}
        defaultValue={fields.cityDane.initialValue}
        error={fields.cityDane.errors?.[0] as RegistrationErrorKey | undefined}
        required
      />
      <Field meta={fields.entity} id="walkin-entity" label={f.entity} required maxLength={limits.entity} messages={messages} />
      <Field meta={fields.position} id="walkin-position" label={f.position} required maxLength={limits.position} messages={messages} />
      <Field meta={fields.phone} id="walkin-phone" type="tel" label={f.phone} required={false} maxLength={limits.phone} messages={messages} />
      <CheckboxField meta={fields.consent} id="field-consent" label={c.walkInConsent} required messages={messages} />
      <div>
        <button type="submit" className="button" disabled={busy}>
          {c.walkInSubmit}
        </button>
      </div>
    </Form>
  );
}
