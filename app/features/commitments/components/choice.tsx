import { RadioGroupFrame, useErrorText, type AnyField, type ErrorMessages } from "~/components/forms";

/**
 * A choice among a few options as large tap targets (radio buttons): the kit's radio group
 * frame (legend, error tied to the fieldset, radios marked invalid) drawn as the commitment
 * forms' wide options. Its ids stay `field-<name>`, which pages and tests know.
 */
export function Choice({
  meta,
  legend,
  options,
  messages,
}: {
  meta: AnyField;
  legend: string;
  options: Array<{ value: string; label: string }>;
  messages: ErrorMessages;
}) {
  const error = useErrorText(messages)(meta.errors?.[0]);
  return (
    <RadioGroupFrame fieldId={`field-${meta.name}`} className="choice" legend={legend} error={error}>
      {(radio) => (
        <div className="choice__options">
          {options.map((o) => (
            <label key={o.value} className="choice__option">
              <input type="radio" name={meta.name} value={o.value} defaultChecked={meta.initialValue === o.value} {...radio} />
              <span>{o.label}</span>
            </label>
          ))}
        </div>
      )}
    </RadioGroupFrame>
  );
}
