import { useEffect, useId, useMemo, useRef, useState, type InputHTMLAttributes, type KeyboardEvent, type ReactNode, type TextareaHTMLAttributes } from "react";
import { useT } from "~/i18n";
import type { RegistrationErrorKey } from "~/utils/registration-forms";

// Form fields of the registration area: each labelled, with its hint and its error tied to it
// by aria-describedby, and the error announced by aria-invalid. Errors are keys of
// t.registration.errors.

function describedBy(...ids: Array<string | undefined>): string | undefined {
  return ids.filter(Boolean).join(" ") || undefined;
}

function FieldShell(props: { id: string; label: ReactNode; required?: boolean; hint?: ReactNode; error?: RegistrationErrorKey; children: ReactNode }) {
  const t = useT();
  return (
    <div className={`field${props.error ? " field--invalid" : ""}`}>
      <label htmlFor={props.id}>
        {props.label}
        {props.required ? null : <span className="field__optional"> ({t.common.optional})</span>}
      </label>
      {props.hint ? (
        <p className="field__hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.children}
      {props.error ? (
        <p className="field__error" id={`${props.id}-error`}>
          {t.registration.errors[props.error]}
        </p>
      ) : null}
    </div>
  );
}

interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: RegistrationErrorKey;
}

export function TextField({ name, label, hint, error, required, id, ...input }: TextFieldProps) {
  const fieldId = id ?? `field-${name}`;
  return (
    <FieldShell id={fieldId} label={label} required={required} hint={hint} error={error}>
      <input
        id={fieldId}
        name={name}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint ? `${fieldId}-hint` : undefined, error ? `${fieldId}-error` : undefined)}
        {...input}
      />
    </FieldShell>
  );
}

interface TextAreaProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: RegistrationErrorKey;
}

export function TextArea({ name, label, hint, error, required, id, ...area }: TextAreaProps) {
  const fieldId = id ?? `field-${name}`;
  return (
    <FieldShell id={fieldId} label={label} required={required} hint={hint} error={error}>
      <textarea
        id={fieldId}
        name={name}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint ? `${fieldId}-hint` : undefined, error ? `${fieldId}-error` : undefined)}
        {...area}
      />
    </FieldShell>
  );
}

export function CheckboxField(props: { name: string; label: ReactNode; error?: RegistrationErrorKey; defaultChecked?: boolean; required?: boolean; after?: ReactNode }) {
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

function fold(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

/**
 * The capital city, by DANE code. Without JavaScript: a native select (which also jumps to a
 * city as one types its first letters). With it: a combobox that filters the 32 cities by any
 * part of the city's or department's name, accents ignored, driven by keyboard or pointer.
 */
export function CitySelect(props: { name?: string; label: string; hint?: string; error?: RegistrationErrorKey; cities: CityOption[]; defaultValue?: string; required?: boolean }) {
  const t = useT();
  const name = props.name ?? "cityDane";
  const id = `field-${name}`;
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  return (
    <FieldShell id={id} label={props.label} required={props.required} hint={props.hint} error={props.error}>
      {enhanced ? (
        <CityCombobox id={id} name={name} cities={props.cities} defaultValue={props.defaultValue} invalid={Boolean(props.error)} describedBy={describedBy(hintId, errorId)} required={props.required} />
      ) : (
        <select id={id} name={name} defaultValue={props.defaultValue ?? ""} required={props.required} aria-invalid={props.error ? true : undefined} aria-describedby={describedBy(hintId, errorId)}>
          <option value="">{t.registration.form.cityChoose}</option>
          {props.cities.map((c) => (
            <option key={c.dane} value={c.dane}>
              {c.name} ({c.department})
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

function CityCombobox(props: { id: string; name: string; cities: CityOption[]; defaultValue?: string; invalid: boolean; describedBy?: string; required?: boolean }) {
  const t = useT();
  const listId = useId();
  const initial = props.cities.find((c) => c.dane === props.defaultValue);
  const label = (c: CityOption) => `${c.name} (${c.department})`;
  const [value, setValue] = useState(initial?.dane ?? "");
  const [text, setText] = useState(initial ? label(initial) : "");
  const [open, setOpen] = useState(false);
  // The highlighted option: none until the arrow keys (or typing then Enter) pick one.
  const [active, setActive] = useState(-1);
  const listRef = useRef<HTMLUListElement>(null);
  const matches = useMemo(() => {
    const chosen = props.cities.find((c) => c.dane === value);
    const query = chosen && label(chosen) === text ? "" : fold(text.trim());
    return query ? props.cities.filter((c) => fold(`${c.name} ${c.department} ${c.dane}`).includes(query)) : props.cities;
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
