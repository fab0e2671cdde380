import type { ReactNode } from "react";
import { Field, type AnyField, type ErrorMessages } from "~/components/forms";
import { format, useT } from "~/i18n/index";

// One person of a delegation, drawn once: the rows of the delegation form and the replacement
// form both use it. The seam for the encounter's registration questions: their fields go here
// (and into delegateFields in forms.ts, and DelegateInput in the commands).

export function DelegateFields(props: {
  fields: DelegateFieldset;
  messages: ErrorMessages;
  /** All optional in a row of the delegation form (a blank row is skipped); required when replacing. */
  required: boolean;
}) {
  const d = useT().invitations.delegation;
  const { fields, messages, required } = props;
  return (
    <div className="field-row">
      <Field meta={fields.fullName} label={d.fullName} autoComplete="off" required={required} messages={messages} />
      <Field meta={fields.email} type="email" label={d.email} autoComplete="off" required={required} messages={messages} />
      <Field meta={fields.entity} label={d.entity} autoComplete="off" required={required} messages={messages} />
      <Field meta={fields.position} label={d.position} autoComplete="off" required={required} messages={messages} />
    </div>
  );
}

export type DelegateFieldset = { fullName: AnyField; email: AnyField; entity: AnyField; position: AnyField };

/** A row of the delegation form: "Persona n", its fields. */
export function DelegateRow(props: { fields: DelegateFieldset; n: number; messages: ErrorMessages; after?: ReactNode }) {
  const d = useT().invitations.delegation;
  return (
    <fieldset className="card delegate-row">
      <legend>{format(d.row, { n: props.n })}</legend>
      <DelegateFields fields={props.fields} messages={props.messages} required={false} />
      {props.after}
    </fieldset>
  );
}

/**
 * The messages of the delegation's errors: the area's, plus the ones that name a city
 * ("otherCityRoster:Medellín", the key with the city the action found the address in).
 */
export function delegationMessages(base: ErrorMessages, errors: Record<string, string[] | null | undefined> | null | undefined): ErrorMessages {
  const extra: Record<string, string> = {};
  for (const keys of Object.values(errors ?? {})) {
    for (const key of keys ?? []) {
      const m = /^otherCityRoster:(.+)$/.exec(key);
      if (m) extra[key] = format(base.otherCityRoster, { city: m[1] });
    }
  }
  return { ...base, ...extra };
}
