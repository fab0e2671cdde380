import { useEffect, useId, useMemo, useRef, useState, type InputHTMLAttributes, type KeyboardEvent, type ReactNode, type TextareaHTMLAttributes } from "react";
import { useT } from "~/i18n/index";
import { foldForSearch, searchCities } from "~/features/cities/search";
import { FieldFrame, fieldIds, useErrorText } from "~/components/forms";
import type { RegistrationErrorKey } from "~/features/registrations/rules";

// Form fields of the registration area: each labelled, with its hint and its error tied to it
// by aria-describedby, and the error announced by aria-invalid. Errors are keys of
// t.registration.errors.

/** The ids and the error text of a registration field (an error key), for the shared FieldFrame. */
function useRegistrationField(name: string, id: string | undefined, hint: ReactNode, error: string | undefined) {
  const errorText = useErrorText(useT().registration.errors)(error);
  return { ...fieldIds(name, id, Boolean(hint), Boolean(error)), errorText };
}

interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: RegistrationErrorKey;
}

export function TextField({ name, label, hint, error, required, id, ...input }: TextFieldProps) {
  const f = useRegistrationField(name, id, hint, error);
  return (
    <FieldFrame fieldId={f.fieldId} label={label} required={required} hint={hint} hintId={f.hintId} error={f.errorText} errorId={f.errorId}>
      <input id={f.fieldId} name={name} required={required} {...f.aria} {...input} />
    </FieldFrame>
  );
}

interface TextAreaProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: RegistrationErrorKey;
}

export function TextArea({ name, label, hint, error, required, id, ...area }: TextAreaProps) {
  const f = useRegistrationField(name, id, hint, error);
  return (
    <FieldFrame fieldId={f.fieldId} label={label} required={required} hint={hint} hintId={f.hintId} error={f.errorText} errorId={f.errorId}>
      <textarea id={f.fieldId} name={name} required={required} {...f.aria} {...area} />
    </FieldFrame>
  );
}

export function CheckboxField(props: {
  name: string;
  label: ReactNode;
  error?: RegistrationErrorKey;
  defaultChecked?: boolean;
  required?: boolean;
  after?: ReactNode;
}) {
  const t = useT();
  const id = `field-${props.name}`;
  return (
    <div className={`field${props.error ? " field--invalid" : ""}`}>
      <div className="checkbox">
        <input
          type="checkbox"
          id={id}
          name={props.name}
          value="on"
          defaultChecked={props.defaultChecked}
          required={props.required}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? `${id}-error` : undefined}
        />
        <label htmlFor={id}>{props.label}</label>
      </div>
      {props.after}
      {props.error ? (
        <p className="field__error" id={`${id}-error`}>
          {t.registration.errors[props.error]}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The honeypot: a field people never see or reach (off-screen, out of the tab order, hidden from
 * screen readers), that simple bots fill in. Not display:none, which many bots skip.
 */
export function Honeypot() {
  const t = useT();
  return (
    <div className="honeypot" aria-hidden="true">
      <label htmlFor="field-website">{t.registration.form.honeypot}</label>
      <input type="text" id="field-website" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}

export interface CityOption {
  dane: string;
  name: string;
  department: string;
}

const fold = foldForSearch;

/**
 * The capital city, by DANE code. Without JavaScript: a native select (which also jumps to a
 * city as one types its first letters). With it: a combobox that filters the 32 cities by any
 * part of the city's or department's name, accents ignored, cities whose name starts with the
 * typed text first (see searchCities), driven by keyboard or pointer.
 */
export function CitySelect(props: {
  name?: string;
  label: string;
  hint?: string;
  /** An error key of t.registration.errors (a conform field's `errors?.[0]` as it is). */
  error?: string;
  cities: CityOption[];
  defaultValue?: string;
  required?: boolean;
  /** Told the chosen city's DANE code ("" when none), e.g. to say its free places. */
  onValueChange?: (dane: string) => void;
}) {
  const t = useT();
  const name = props.name ?? "cityDane";
  const f = useRegistrationField(name, undefined, props.hint, props.error);
  const id = f.fieldId;
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);
  return (
    <FieldFrame fieldId={id} label={props.label} required={props.required} hint={props.hint} hintId={f.hintId} error={f.errorText} errorId={f.errorId}>
      {enhanced ? (
        <CityCombobox
          id={id}
          name={name}
          cities={props.cities}
          defaultValue={props.defaultValue}
          invalid={Boolean(props.error)}
          describedBy={f.describedBy}
          required={props.required}
          onValueChange={props.onValueChange}
        />
      ) : (
        <select
          id={id}
          name={name}
          defaultValue={props.defaultValue ?? ""}
          required={props.required}
          onChange={(event) => props.onValueChange?.(event.currentTarget.value)}
          {...f.aria}
        >
          <option value="">{t.registration.form.cityChoose}</option>
          {props.cities.map((c) => (
            <option key={c.dane} value={c.dane}>
              {c.name} ({c.department})
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

function CityCombobox(props: {
  id: string;
  name: string;
  cities: CityOption[];
  defaultValue?: string;
  invalid: boolean;
  describedBy?: string;
  required?: boolean;
  onValueChange?: (dane: string) => void;
}) {
  const t = useT();
  const listId = useId();
  const initial = props.cities.find((c) => c.dane === props.defaultValue);
  const label = (c: CityOption) => `${c.name} (${c.department})`;
  const [value, setChosen] = useState(initial?.dane ?? "");
  const onValueChange = props.onValueChange;
  const setValue = (dane: string) => {
    setChosen(dane);
    onValueChange?.(dane);
  };
  const [text, setText] = useState(initial ? label(initial) : "");
  const [open, setOpen] = useState(false);
  // The highlighted option: none until the arrow keys (or typing then Enter) pick one.
  const [active, setActive] = useState(-1);
  const listRef = useRef<HTMLUListElement>(null);
  const matches = useMemo(() => {
    const chosen = props.cities.find((c) => c.dane === value);
    const query = chosen && label(chosen) === text ? "" : fold(text.trim());
    return query ? searchCities(props.cities, query) : props.cities;
  }, [text, value, props.cities]);

  useEffect(() => {
    listRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [active]);

  function choose(city: CityOption) {
    setValue(city.dane);
    setText(label(city));
    setOpen(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, matches.length - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === "Enter" && open && matches.length > 0 && text.trim()) {
      // Enter picks the highlighted city (or the first match) instead of sending the form.
      event.preventDefault();
      choose(matches[Math.max(active, 0)]);
    } else if (event.key === "Escape") {
      setOpen(false);
    }
  }

  const activeId = open && matches[active] ? `${listId}-${matches[active].dane}` : undefined;
  return (
    <div className="combobox">
      <input
        id={props.id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-invalid={props.invalid ? true : undefined}
        aria-describedby={props.describedBy}
        autoComplete="off"
        placeholder={t.registration.form.citySearch}
        required={props.required}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setValue("");
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          // An exact name typed without choosing still counts.
          const exact = props.cities.find((c) => fold(c.name) === fold(text.trim()) || fold(label(c)) === fold(text.trim()));
          if (exact) choose(exact);
          setTimeout(() => setOpen(false), 150);
        }}
        onKeyDown={onKeyDown}
      />
      <input type="hidden" name={props.name} value={value} />
      {open ? (
        <ul className="combobox__list" id={listId} role="listbox" ref={listRef}>
          {matches.length === 0 ? (
            <li className="combobox__empty" role="option" aria-disabled="true" aria-selected="false">
              {t.registration.form.cityNoMatch}
            </li>
          ) : (
            matches.map((city, index) => (
              <li
                key={city.dane}
                id={`${listId}-${city.dane}`}
                data-index={index}
                role="option"
                aria-selected={city.dane === value}
                className={`combobox__option${index === active ? " combobox__option--active" : ""}`}
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(city);
                }}
              >
                {city.name} <span className="muted">({city.department})</span>
              </li>
            ))
          )}
        </ul>
      ) : null}
    </div>
  );
}
