import { Form, Link, useNavigation } from "@remix-run/react";
import type { RegistrationSource } from "~db/schema";
import { FormAlert } from "~/components/field";
import { CheckboxField } from "~/features/registrations/components/registration-fields";
import { format, useT } from "~/i18n/index";
import { CancelCard } from "./registration-details";

// Shown instead of everything else when someone else entered the registration: the person
// gives their own consent (Ley 1581 de 2012), or declines it by cancelling the registration.

export function ConsentGate(props: { encounter: { title: string; slug: string }; source: RegistrationSource; missing: boolean; cancellable: boolean }) {
  const t = useT();
  const c = t.registrationHome.consent;
  const busy = useNavigation().state === "submitting";
  return (
    <article className="stack manage">
      <p className="muted">
        <Link to={`/encuentros/${props.encounter.slug}`}>{props.encounter.title}</Link>
      </p>
      <h1>{c.title}</h1>
      <p>{props.source === "delegation" ? c.registeredByDelegation : format(c.registeredBy, { source: c.sources[props.source] })}</p>
      {props.missing ? <FormAlert>{c.required}</FormAlert> : null}
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="consent" />
        <CheckboxField
          name="consent"
          label={c.checkbox}
          required
          error={props.missing ? "consent" : undefined}
          after={
            <p className="field__hint">
              <Link to="/privacidad" target="_blank" rel="noopener">
                {c.privacyLink}
              </Link>
            </p>
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
