import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { rosterRoles } from "~db/schema";
import { Field, FormAlert, FormErrors, SelectField } from "~/components/forms";
import { rosterLimits, type adminRosterSchema } from "~/features/cities/forms";
import { format, useT } from "~/i18n/index";

// The roster pages' forms: a person to add (with a role for organizers), a domain to add, and
// the alert a refused row button gets. Plain forms: they work without JavaScript.

export type RosterReply = SubmissionResult<string[]> & { cityName?: string | null };

/** The intent a roster page's reply answers (read back from what was posted). */
export function repliedIntent(result: RosterReply | undefined): string | undefined {
  const intent = result?.initialValue?.intent;
  return typeof intent === "string" ? intent : undefined;
}

/** The area's error texts with the city a refusal names filled in. */
export function useRosterErrors(result: RosterReply | undefined): Record<string, string> {
  const t = useT().cities;
  const city = result?.cityName ?? "";
  return { ...t.errors, otherCity: format(t.errors.otherCity, { city }), domainTaken: format(t.errors.domainTaken, { city }) };
}

type PersonInput = Omit<z.input<typeof adminRosterSchema> & { intent: "add" }, "intent">;

export function AddPersonForm({
  lastResult,
  withRole,
  title,
  intro,
  submit,
}: {
  lastResult?: RosterReply;
  withRole: boolean;
  title: string;
  intro: string;
  submit: string;
}) {
  const t = useT().cities;
  const messages = useRosterErrors(lastResult);
  const [form, fields] = useForm<PersonInput>({ id: "add-person", lastResult, defaultValue: { role: "official" } });
  return (
    <section aria-labelledby="add-person-title" className="card">
      <h2 id="add-person-title">{title}</h2>
      <p>{intro}</p>
      <FormErrors form={form} messages={messages} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add" />
        <Field meta={fields.fullName} label={t.fields.fullName} required maxLength={rosterLimits.fullName} autoComplete="off" messages={messages} />
        <Field meta={fields.email} type="email" label={t.fields.email} required maxLength={254} autoComplete="off" messages={messages} />
        <Field meta={fields.entity} label={t.fields.entity} required maxLength={rosterLimits.entity} messages={messages} />
        <Field meta={fields.position} label={t.fields.position} required maxLength={rosterLimits.position} messages={messages} />
        {withRole ? (
          <SelectField
            meta={fields.role}
            label={t.city.role}
            required
            options={rosterRoles.map((r) => ({ value: r, label: t.roles[r] }))}
            messages={messages}
          />
        ) : null}
        <div>
          <button type="submit" className="button">
            {submit}
          </button>
        </div>
      </Form>
    </section>
  );
}

export function AddDomainForm({ lastResult }: { lastResult?: RosterReply }) {
  const t = useT().cities;
  const messages = useRosterErrors(lastResult);
  const [form, fields] = useForm<{ domain: string }>({ id: "add-domain", lastResult });
  return (
    <Form method="post" className="inline-fields" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="addDomain" />
      <Field
        meta={fields.domain}
        label={t.city.domain}
        hint={t.city.domainHint}
        required
        maxLength={rosterLimits.domain + 1}
        autoComplete="off"
        messages={messages}
      />
      <button type="submit" className="button button--secondary">
        {t.city.addDomain}
      </button>
    </Form>
  );
}

/** A row button's refusal (withdraw, verify, focal point…), above the roster. */
export function RosterRefusal({ result }: { result?: RosterReply }) {
  const messages = useRosterErrors(result);
  const keys = result?.error?.[""] ?? [];
  if (keys.length === 0) return null;
  return <FormAlert>{keys.map((k) => messages[k] ?? k).join(" ")}</FormAlert>;
}
