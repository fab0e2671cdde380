import { RadioGroupFrame, TextareaField, Field, useErrorText, type AnyField } from "~/components/forms";
import { format, useT } from "~/i18n/index";
import { messageLimits } from "~/features/messages/forms";
import { segmentStatuses } from "~/features/messages/rules";

// The fields of a message: its subject and words, and who gets it (groups and cities). The same
// on the new-message form and on a draft's page.

export interface CityOption {
  dane: string;
  name: string;
  count: number;
}

/** A group of checkboxes with one name, in a fieldset: the kit's frame, each box on its line. */
function CheckboxGroup(props: { meta: AnyField; legend: string; hint?: string; options: Array<{ value: string; label: string }> }) {
  const t = useT().messages;
  const error = useErrorText(t.errors)(props.meta.errors?.[0]);
  const initial = props.meta.initialValue;
  const checked = new Set(Array.isArray(initial) ? initial.map(String) : typeof initial === "string" ? [initial] : []);
  const fieldId = `field-${props.meta.name}`;
  return (
    <RadioGroupFrame fieldId={fieldId} legend={props.legend} hint={props.hint} error={error}>
      {(box) =>
        props.options.map((o) => (
          <div className="checkbox" key={o.value}>
            <input type="checkbox" id={`${fieldId}-${o.value}`} name={props.meta.name} value={o.value} defaultChecked={checked.has(o.value)} {...box} />
            <label htmlFor={`${fieldId}-${o.value}`}>{o.label}</label>
          </div>
        ))
      }
    </RadioGroupFrame>
  );
}

export function MessageFields({ fields, cities }: { fields: Record<"subject" | "body" | "statuses" | "cities", AnyField>; cities: CityOption[] }) {
  const t = useT().messages;
  const a = t.admin;
  const kit = { messages: t.errors };
  return (
    <>
      <Field {...kit} meta={fields.subject} label={a.subject} required maxLength={messageLimits.subjectMax} />
      <TextareaField {...kit} meta={fields.body} label={a.body} hint={a.bodyHint} required rows={8} maxLength={messageLimits.bodyMax} />
      <CheckboxGroup
        meta={fields.statuses}
        legend={a.statusesLegend}
        hint={a.statusesHint}
        options={segmentStatuses.map((s) => ({ value: s, label: a.statuses[s] }))}
      />
      {cities.length > 0 ? (
        <CheckboxGroup
          meta={fields.cities}
          legend={a.citiesLegend}
          hint={a.citiesHint}
          options={cities.map((c) => ({ value: c.dane, label: format(a.cityCount, { city: c.name, count: c.count }) }))}
        />
      ) : (
        <p className="muted">{a.noCities}</p>
      )}
    </>
  );
}
