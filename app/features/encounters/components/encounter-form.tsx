import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { CheckboxField, Field, FieldFrame, FormErrors, SelectField, TextareaField } from "~/components/forms";
import { useLocale, useT } from "~/i18n/index";
import { limits } from "~/features/agenda/forms";
import { maxSlugLength } from "~/lib/slug";
import { zoneInWords } from "~/lib/time";

// The organizer's form for an encounter's details (new and edit), on the field kit
// (app/components/forms.tsx). Dates and times are typed in the encounter's own zone; the
// server turns them into instants.

export interface EncounterFormProps {
  /** The form's fields as strings: the encounter's, or a new one's defaults. */
  defaultValue: Record<string, string>;
  /** The server's reply to the last send of this form (a refusal). */
  lastResult?: SubmissionResult<string[]>;
  cities: ReadonlyArray<{ id: number; name: string; department: string }>;
  zones: readonly string[];
  submitLabel: string;
  /** Published encounters keep their address. */
  slugLocked?: boolean;
  /** Editing: offer to move the agenda along with the dates. */
  offerShiftAgenda?: boolean;
}

export function EncounterForm({ defaultValue, lastResult, cities, zones, submitLabel, slugLocked, offerShiftAgenda }: EncounterFormProps) {
  const locale = useLocale();
  const t = useT().scheduling;
  const f = t.encounters.fields;
  const s = t.encounters.sections;
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm<Record<string, string>>({ id: "encounter", lastResult, defaultValue });
  const kit = { messages: t.errors };
  return (
    // The browser's own checks (required, min, max) stay on, as they were before the kit.
    <Form method="post" className="stack stack--wide encounter-form" {...getFormProps(form)} noValidate={false}>
      <input type="hidden" name="intent" value="save" />
      <FormErrors form={form} messages={t.errors} />
      <fieldset>
        <legend>{s.basics}</legend>
        <Field {...kit} meta={fields.title} label={f.title} required maxLength={limits.title} />
        {slugLocked ? (
          <FieldFrame fieldId="encounter-slug" label={f.slug} hint={f.slugLocked} hintId="encounter-slug-hint">
            <input id="encounter-slug" name="slugShown" defaultValue={defaultValue.slug} readOnly aria-describedby="encounter-slug-hint" />
          </FieldFrame>
        ) : (
          <Field
            {...kit}
            meta={fields.slug}
            label={f.slug}
            hint={f.slugHint}
            maxLength={maxSlugLength}
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
            autoCapitalize="none"
            spellCheck={false}
          />
        )}
        <TextareaField {...kit} meta={fields.summary} label={f.summary} maxLength={limits.summary} rows={4} />
        <Field {...kit} meta={fields.venue} label={f.venue} maxLength={limits.venue} />
        <Field {...kit} meta={fields.address} label={f.address} maxLength={limits.address} autoComplete="street-address" />
        <SelectField
          {...kit}
          meta={fields.hostCityId}
          label={f.hostCity}
          options={[{ value: "", label: f.noCity }, ...cities.map((c) => ({ value: String(c.id), label: `${c.name} (${c.department})` }))]}
        />
      </fieldset>
      <fieldset>
        <legend>{s.when}</legend>
        <SelectField
          {...kit}
          meta={fields.timezone}
          label={f.timezone}
          hint={f.timezoneHint}
          required
          // Zones in words ("hora de Bogotá"), not IANA names. No offset: the browser's Intl may
          // write it otherwise than the server's, and the page would not hydrate.
          options={zones.map((zone) => ({ value: zone, label: zoneInWords(zone, locale) }))}
        />
        <div className="field-row">
          <Field {...kit} meta={fields.startDate} type="date" label={f.startDate} required />
          <Field {...kit} meta={fields.startTime} type="time" label={f.startTime} required />
        </div>
        <div className="field-row">
          <Field {...kit} meta={fields.endDate} type="date" label={f.endDate} required />
          <Field {...kit} meta={fields.endTime} type="time" label={f.endTime} required />
        </div>
        {offerShiftAgenda ? <CheckboxField {...kit} meta={fields.shiftAgenda} label={f.shiftAgenda} /> : null}
      </fieldset>
      <fieldset>
        <legend>{s.places}</legend>
        <div className="field-row">
          <Field {...kit} meta={fields.capacity} type="number" inputMode="numeric" min={1} max={limits.capacity} label={f.capacity} required />
          <Field {...kit} meta={fields.cityQuota} type="number" inputMode="numeric" min={1} max={limits.capacity} label={f.cityQuota} required />
        </div>
        <fieldset className="subfieldset">
          <legend>{f.registration}</legend>
          <p className="field__hint">{f.registrationHint}</p>
          <div className="field-row">
            <Field {...kit} meta={fields.registrationOpensDate} type="date" label={f.opensDate} />
            <Field {...kit} meta={fields.registrationOpensTime} type="time" label={f.opensTime} />
          </div>
          <div className="field-row">
            <Field {...kit} meta={fields.registrationClosesDate} type="date" label={f.closesDate} />
            <Field {...kit} meta={fields.registrationClosesTime} type="time" label={f.closesTime} />
          </div>
        </fieldset>
      </fieldset>
      <fieldset>
        <legend>{s.contact}</legend>
        <Field {...kit} meta={fields.contactEmail} type="email" label={f.contactEmail} autoComplete="email" maxLength={254} />
      </fieldset>
      <div>
        <button type="submit" className="button" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
