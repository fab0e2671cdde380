import { Form } from "@remix-run/react";
import { CheckboxField, CitySelect, TextField } from "~/features/registrations/components/registration-fields";
import { limits } from "~/features/registrations/forms";
import { format, useT } from "~/i18n/index";
import type { ActionResult } from "./actions.server";

export function WalkIn({
  cities,
  result,
  busy,
}: {
  cities: Array<{ dane: string; name: string; department: string }>;
  result: Extract<ActionResult, { kind: "walkIn" }> | undefined;
  busy: boolean;
}) {
  const t = useT();
  const c = t.registration.checkin;
  const f = t.registration.form;
  const errors = result?.errors ?? {};
  const values = result?.outcome === "done" ? {} : (result?.values ?? {});
  return (
    <details className="card" open={Boolean(result)}>
      <summary>
        <strong>{c.walkInTitle}</strong>
      </summary>
      <p>{c.walkInIntro}</p>
      {result?.outcome === "done" && result.person ? (
        <p className="alert alert--ok" role="status">
          {format(c.walkInDone, { name: result.person.name })}
        </p>
      ) : null}
      {result?.outcome === "existing" ? (
        <p className="alert alert--warn" role="alert">
          {c.walkInExisting}
        </p>
      ) : null}
      {result?.outcome === "full" ? (
        <p className="alert alert--error" role="alert">
          {f.fullWalkIn}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate key={result?.outcome === "done" ? result.person?.id : "form"}>
        <input type="hidden" name="intent" value="walkIn" />
        <TextField
          name="fullName"
          id="walkin-fullName"
          label={f.fullName}
          required
          maxLength={limits.fullName}
          defaultValue={values.fullName}
          error={errors.fullName}
        />
        <TextField
          name="email"
          id="walkin-email"
          type="email"
          label={f.email}
          required
          maxLength={limits.email}
          defaultValue={values.email}
          error={errors.email}
        />
        <CitySelect name="cityDane" label={f.city} cities={cities} defaultValue={values.cityDane} error={errors.cityDane} required />
        <TextField name="entity" id="walkin-entity" label={f.entity} required maxLength={limits.entity} defaultValue={values.entity} error={errors.entity} />
        <TextField
          name="position"
          id="walkin-position"
          label={f.position}
          required
          maxLength={limits.position}
          defaultValue={values.position}
          error={errors.position}
        />
        <TextField name="phone" id="walkin-phone" type="tel" label={f.phone} maxLength={limits.phone} defaultValue={values.phone} error={errors.phone} />
        <CheckboxField name="consent" label={c.walkInConsent} required error={errors.consent} />
        <div>
          <button type="submit" className="button" disabled={busy}>
            {c.walkInSubmit}
          </button>
        </div>
      </Form>
    </details>
  );
}
