import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import type { RegistrationSource } from "~db/schema";
import { CheckboxField, FormAlert } from "~/components/forms";
import { format, useT } from "~/i18n/index";
import { CancelCard } from "./registration-details";

// Shown instead of everything else when someone else entered the registration: the person
// gives their own consent (Ley 1581 de 2012), or declines it by cancelling the registration.

export function ConsentGate(props: {
  encounter: { title: string; slug: string };
  source: RegistrationSource;
  /** The action's reply to a consent sent without its box ticked, if any. */
  lastResult?: SubmissionResult<string[]>;
  cancellable: boolean;
}) {
  const t = useT();
  const c = t.registrationHome.consent;
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({ id: "consent", lastResult: props.lastResult });
  return (
    <article className="stack manage">
      <p className="muted">
        <Link to={`/encuentros/${props.encounter.slug}`}>{props.encounter.title}</Link>
      </p>
      <h1>{c.title}</h1>
      <p>{props.source === "delegation" ? c.registeredByDelegation : format(c.registeredBy, { source: c.sources[props.source] })}</p>
      {form.allErrors.consent ? <FormAlert>{c.required}</FormAlert> : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="consent" />
        <CheckboxField
          meta={fields.consent}
          id="field-consent"
          label={c.checkbox}
          messages={t.registration.errors}
          required
          hint={
            <Link to="/privacidad" target="_blank" rel="noopener">
              {c.privacyLink}
            </Link>
          }
        />
        <div>
          <button type="submit" className="button" disabled={busy}>
            {c.accept}
          </button>
        </div>
      </Form>
      {props.cancellable ? <CancelCard titleId="decline-title" title={c.declineTitle} body={c.declineBody} label={c.decline} /> : null}
    </article>
  );
}
