import { Form, useNavigation } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/index";
import { limits, type SchedulingErrors } from "~/features/agenda/forms";
import { maxSlugLength } from "~/lib/slug";
import { zoneInWords } from "~/lib/time";
import { ErrorSummary, InputField, SelectField, TextAreaField } from "./scheduling-fields";

// The organizer's form for an encounter's details (new and edit). Dates and times are typed in
// the encounter's own zone; the server turns them into instants.

export interface EncounterFormProps {
  values: Record<string, string>;
  errors?: SchedulingErrors;
  cities: ReadonlyArray<{ id: number; name: string; department: string }>;
  zones: readonly string[];
  submitLabel: string;
  /** Published encounters keep their address. */
  slugLocked?: boolean;
  /** Editing: offer to move the agenda along with the dates. */
  offerShiftAgenda?: boolean;
}

export function EncounterForm({ values, errors, cities, zones, submitLabel, slugLocked, offerShiftAgenda }: EncounterFormProps) {
  const locale = useLocale();
  const t = useT();
  const f = t.scheduling.encounters.fields;
  const s = t.scheduling.encounters.sections;
  const busy = useNavigation().state === "submitting";
  const labels: Record<string, string> = {
    title: f.title,
    slug: f.slug,
    summary: f.summary,
    venue: f.venue,
    address: f.address,
    hostCityId: f.hostCity,
    startDate: f.startDate,
    startTime: f.startTime,
    endDate: f.endDate,
    endTime: f.endTime,
    timezone: f.timezone,
    capacity: f.capacity,
    cityQuota: f.cityQuota,
    registrationOpensDate: f.opensDate,
    registrationOpensTime: f.opensTime,
    registrationClosesDate: f.closesDate,
    registrationClosesTime: f.closesTime,
    contactEmail: f.contactEmail,
  };
  const v = (name: string) => values[name] ?? "";
  return (
    <Form method="post" className="stack stack--wide encounter-form">
      <input type="hidden" name="intent" value="save" />
      <ErrorSummary errors={errors} labels={labels} />
      <fieldset>
        <legend>{s.basics}</legend>
        <InputField name="title" label={f.title} errors={errors} defaultValue={v("title")} required maxLength={limits.title} />
        {slugLocked ? (
          <InputField name="slugShown" id="field-slug" label={f.slug} hint={f.slugLocked} defaultValue={v("slug")} readOnly />
        ) : (
          <InputField
            name="slug"
            label={f.slug}
            hint={f.slugHint}
            errors={errors}
            defaultValue={v("slug")}
            maxLength={maxSlugLength}
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
            autoCapitalize="none"
            spellCheck={false}
          />
        )}
        <TextAreaField name="summary" label={f.summary} errors={errors} defaultValue={v("summary")} maxLength={limits.summary} rows={4} />
        <InputField name="venue" label={f.venue} errors={errors} defaultValue={v("venue")} maxLength={limits.venue} />
        <InputField name="address" label={f.address} errors={errors} defaultValue={v("address")} maxLength={limits.address} autoComplete="street-address" />
        <SelectField
          name="hostCityId"
          label={f.hostCity}
          errors={errors}
          defaultValue={v("hostCityId")}
          options={[{ value: "", label: f.noCity }, ...cities.map((c) => ({ value: String(c.id), label: `${c.name} (${c.department})` }))]}
        />
      </fieldset>
      <fieldset>
        <legend>{s.when}</legend>
        <SelectField
          name="timezone"
          label={f.timezone}
          hint={f.timezoneHint}
          errors={errors}
          defaultValue={v("timezone")}
          required
          // Zones in words ("hora de Bogotá"), not IANA names. No offset: the browser's Intl may
          // write it otherwise than the server's, and the page would not hydrate.
          options={zones.map((zone) => ({ value: zone, label: zoneInWords(zone, locale) }))}
        />
        <div className="field-row">
          <InputField name="startDate" type="date" label={f.startDate} errors={errors} defaultValue={v("startDate")} required />
          <InputField name="startTime" type="time" label={f.startTime} errors={errors} defaultValue={v("startTime")} required />
        </div>
        <div className="field-row">
          <InputField name="endDate" type="date" label={f.endDate} errors={errors} defaultValue={v("endDate")} required />
          <InputField name="endTime" type="time" label={f.endTime} errors={errors} defaultValue={v("endTime")} required />
        </div>
        {offerShiftAgenda ? (
          <div className="checkbox">
            <input id="field-shiftAgenda" type="checkbox" name="shiftAgenda" defaultChecked={v("shiftAgenda") !== "off"} />
            <label htmlFor="field-shiftAgenda">{f.shiftAgenda}</label>
          </div>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>{s.places}</legend>
        <div className="field-row">
          <InputField
            name="capacity"
            type="number"
            inputMode="numeric"
            min={1}
            max={limits.capacity}
            label={f.capacity}
            errors={errors}
            defaultValue={v("capacity")}
            required
          />
          <InputField
            name="cityQuota"
            type="number"
            inputMode="numeric"
            min={1}
            max={limits.capacity}
            label={f.cityQuota}
            errors={errors}
            defaultValue={v("cityQuota")}
            required
          />
        </div>
        <fieldset className="subfieldset">
          <legend>{f.registration}</legend>
          <p className="field__hint">{f.registrationHint}</p>
          <div className="field-row">
            <InputField name="registrationOpensDate" type="date" label={f.opensDate} errors={errors} defaultValue={v("registrationOpensDate")} />
            <InputField name="registrationOpensTime" type="time" label={f.opensTime} errors={errors} defaultValue={v("registrationOpensTime")} />
          </div>
          <div className="field-row">
            <InputField name="registrationClosesDate" type="date" label={f.closesDate} errors={errors} defaultValue={v("registrationClosesDate")} />
            <InputField name="registrationClosesTime" type="time" label={f.closesTime} errors={errors} defaultValue={v("registrationClosesTime")} />
          </div>
        </fieldset>
      </fieldset>
      <fieldset>
        <legend>{s.contact}</legend>
        <InputField
          name="contactEmail"
          type="email"
          label={f.contactEmail}
          errors={errors}
          defaultValue={v("contactEmail")}
          autoComplete="email"
          maxLength={254}
        />
      </fieldset>
      <div>
        <button type="submit" className="button" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
