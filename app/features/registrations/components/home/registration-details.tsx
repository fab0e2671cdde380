import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import type { z } from "zod";
import { Field, SelectField, TextareaField } from "~/components/forms";
import { useLocale, useT } from "~/i18n/index";
import type { selfServiceSchema } from "~/features/registrations/forms";
import { fieldLimits as limits } from "~/features/registrations/rules";
import { formatDate } from "~/lib/time";

// The person's data on their own page: a form to correct it while the registration can still
// change (read-only after), cancellation, and their other registrations when signed in.

interface DetailsView {
  status: "confirmed" | "waitlisted" | "cancelled";
  fullName: string;
  email: string;
  city: string;
  entity: string;
  position: string;
  phone: string | null;
  needs: string | null;
  locale: string;
}

export function RegistrationDetails(props: { reg: DetailsView; changeable: boolean; lastResult?: SubmissionResult<string[]> }) {
  const { reg, changeable } = props;
  const m = useT().registration.manage;
  return (
    <section aria-labelledby="details-title">
      <h2 id="details-title">{m.details}</h2>
      {reg.status !== "cancelled" && changeable ? (
        // Drawn again from what was saved after each change (the key), so a reload and a save agree.
        <DetailsForm key={[reg.fullName, reg.entity, reg.position, reg.phone, reg.needs, reg.locale].join("\u0000")} reg={reg} lastResult={props.lastResult} />
      ) : (
        <dl className="facts">
          <dt>{m.name}</dt>
          <dd>{reg.fullName}</dd>
          <dt>{m.email}</dt>
          <dd>{reg.email}</dd>
          <dt>{m.city}</dt>
          <dd>{reg.city}</dd>
          <dt>{m.entity}</dt>
          <dd>{reg.entity}</dd>
          <dt>{m.position}</dt>
          <dd>{reg.position}</dd>
          <dt>{m.phone}</dt>
          <dd>{reg.phone ?? m.none}</dd>
          <dt>{m.needs}</dt>
          <dd>{reg.needs ?? m.none}</dd>
        </dl>
      )}
      {!changeable && reg.status !== "cancelled" ? <p className="muted">{m.locked}</p> : null}
    </section>
  );
}

function DetailsForm({ reg, lastResult }: { reg: DetailsView; lastResult?: SubmissionResult<string[]> }) {
  const t = useT().registration;
  const m = t.manage;
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm<z.input<typeof selfServiceSchema>>({
    id: "details",
    lastResult,
    defaultValue: { fullName: reg.fullName, entity: reg.entity, position: reg.position, phone: reg.phone ?? "", needs: reg.needs ?? "", locale: reg.locale },
  });
  const kit = { messages: t.errors };
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="update" />
      <Field {...kit} meta={fields.fullName} id="field-fullName" label={m.name} required autoComplete="name" maxLength={limits.fullName} />
      <p className="muted">
        {m.email}: {reg.email} · {m.city}: {reg.city}
        <br />
        {m.cityNote}
      </p>
      <Field {...kit} meta={fields.entity} id="field-entity" label={m.entity} required autoComplete="organization" maxLength={limits.entity} />
      <Field {...kit} meta={fields.position} id="field-position" label={m.position} required autoComplete="organization-title" maxLength={limits.position} />
      <Field {...kit} meta={fields.phone} id="field-phone" type="tel" label={m.phone} required={false} autoComplete="tel" maxLength={limits.phone} />
      <TextareaField {...kit} meta={fields.needs} id="field-needs" label={m.needs} required={false} rows={3} maxLength={limits.needs} />
      <SelectField
        {...kit}
        meta={fields.locale}
        id="field-locale"
        label={m.locale}
        required
        options={[
          { value: "es", label: m.localeNames.es },
          { value: "en", label: m.localeNames.en },
        ]}
      />
      <div>
        <button type="submit" className="button" disabled={busy}>
          {m.save}
        </button>
      </div>
    </Form>
  );
}

/**
 * Cancelling one's registration: the manage page's card, and on the consent gate the same card
 * worded as declining consent (its own title id, since both never share a page but stay unique).
 */
export function CancelCard(props: { titleId?: string; title?: string; body?: string; label?: string } = {}) {
  const m = useT().registration.manage;
  const busy = useNavigation().state === "submitting";
  const titleId = props.titleId ?? "cancel-title";
  return (
    <section className="card card--danger" aria-labelledby={titleId}>
      <h2 id={titleId}>{props.title ?? m.cancelTitle}</h2>
      <p>{props.body ?? m.cancelBody}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="cancel" />
        <button type="submit" className="button button--danger" disabled={busy}>
          {props.label ?? m.cancelConfirm}
        </button>
      </Form>
    </section>
  );
}

export function OtherRegistrations(props: {
  others: Array<{ id: number; title: string; slug: string; status: "confirmed" | "waitlisted" | "cancelled"; startsAt: string; timezone: string }>;
}) {
  const t = useT();
  const locale = useLocale();
  if (props.others.length === 0) return null;
  return (
    <section aria-labelledby="others-title">
      <h2 id="others-title">{t.registration.manage.others}</h2>
      <ul>
        {props.others.map((o) => (
          <li key={o.id}>
            <Link to={`/encuentros/${o.slug}`}>{o.title}</Link> · {formatDate(o.startsAt, o.timezone, locale)} · {t.registration.statuses[o.status]}
          </li>
        ))}
      </ul>
      <p>
        <Link to="/mi-cuenta">{t.account.title}</Link>
      </p>
    </section>
  );
}
