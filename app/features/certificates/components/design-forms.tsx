import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { CheckboxField, Field, FieldFrame, FormErrors, TextareaField, fieldIds, useErrorText, type AnyField } from "~/components/forms";
import { certificateLimits } from "~/features/certificates/forms";
import { format, useT } from "~/i18n/index";

// The certificate editor's forms: the text and hours, the logos (one upload each), the
// signatories (one form each, and one for a new one). All post without JavaScript; the image
// forms are multipart and their files stream through the capped upload path.

type Result = SubmissionResult<string[]> | undefined;

/** A file input wired like the kit's fields: label, hint, the server's error. */
function ImageField({ meta, label, required }: { meta: AnyField; label: string; required?: boolean }) {
  const errors = useT().certificates.errors;
  const error = useErrorText(errors)(meta.errors?.[0]);
  const ids = fieldIds(meta.name, meta.id, false, Boolean(error));
  return (
    <FieldFrame fieldId={ids.fieldId} label={label} required={required} error={error ? `${error} ${errors.chooseAgain}` : undefined} errorId={ids.errorId}>
      <input id={ids.fieldId} name="file" type="file" accept="image/png,image/jpeg,.png,.jpg,.jpeg" required={required} {...ids.aria} />
    </FieldFrame>
  );
}

export function CertificateTextForm(props: { settings: { textEs: string; textEn: string; showHours: boolean }; hoursText: string; lastResult: Result }) {
  const t = useT().certificates;
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "certificate-text",
    lastResult: props.lastResult,
    defaultValue: { textEs: props.settings.textEs, textEn: props.settings.textEn, showHours: props.settings.showHours ? "on" : undefined },
  });
  return (
    <section aria-labelledby="text-title" className="stack">
      <h2 id="text-title">{t.design.textTitle}</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="text" />
        <FormErrors form={form} messages={t.errors} />
        <TextareaField
          meta={fields.textEs}
          label={t.design.textEs}
          hint={t.design.textHint}
          messages={t.errors}
          maxLength={certificateLimits.textMax}
          rows={3}
        />
        <TextareaField meta={fields.textEn} label={t.design.textEn} messages={t.errors} maxLength={certificateLimits.textMax} rows={3} />
        <CheckboxField meta={fields.showHours} label={t.design.showHours} hint={props.hoursText} messages={t.errors} />
        <div>
          <button type="submit" className="button" disabled={busy}>
            {t.design.saveText}
          </button>
        </div>
      </Form>
    </section>
  );
}

export function CertificateLogos(props: { logos: Array<{ id: number; institution: string; width: number; height: number }>; max: number; lastResult: Result }) {
  const t = useT().certificates;
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm<{ institution: string; file: string }>({ id: "certificate-logo", lastResult: props.lastResult });
  return (
    <section aria-labelledby="logos-title" id="logos" className="stack">
      <h2 id="logos-title">{t.design.logosTitle}</h2>
      <p>{format(t.design.logosIntro, { max: props.max })}</p>
      {props.logos.length === 0 ? (
        <p className="muted">{t.design.noLogos}</p>
      ) : (
        <ol className="stack">
          {props.logos.map((logo) => (
            <li key={logo.id} id={`logo-${logo.id}`}>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="removeLogo" />
                <input type="hidden" name="id" value={logo.id} />
                <span>
                  {logo.institution} <span className="muted">({format(t.design.logoSize, { width: logo.width, height: logo.height })})</span>
                </span>{" "}
                <button type="submit" className="button button--secondary" disabled={busy}>
                  {t.design.removeLogo}
                </button>
              </Form>
            </li>
          ))}
        </ol>
      )}
      {props.logos.length >= props.max ? (
        <p className="muted">{format(t.design.logosFull, { max: props.max })}</p>
      ) : (
        <Form method="post" encType="multipart/form-data" className="stack" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="addLogo" />
          <FormErrors form={form} messages={t.errors} />
          <Field meta={fields.institution} label={t.design.institution} required maxLength={certificateLimits.institutionMax} messages={t.errors} />
          <ImageField meta={fields.file} label={t.design.logoFile} required />
          <div>
            <button type="submit" className="button" disabled={busy}>
              {t.design.addLogo}
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}

type Signatory = { id: number; name: string; title: string; hasSignature: boolean };

function SignatoryForm({ signatory, lastResult }: { signatory: Signatory | null; lastResult: Result }) {
  const t = useT().certificates;
  const busy = useNavigation().state === "submitting";
  const key = signatory ? String(signatory.id) : "new";
  const [form, fields] = useForm<{ name: string; title: string; removeSignature: string; file: string }>({
    id: `certificate-signatory-${key}`,
    lastResult,
    defaultValue: signatory ? { name: signatory.name, title: signatory.title } : {},
  });
  return (
    <Form method="post" encType="multipart/form-data" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="saveSignatory" />
      {signatory ? <input type="hidden" name="id" value={signatory.id} /> : null}
      <FormErrors form={form} messages={t.errors} />
      <Field meta={fields.name} label={t.design.signatoryName} required maxLength={certificateLimits.nameMax} messages={t.errors} />
      <Field meta={fields.title} label={t.design.signatoryTitle} maxLength={certificateLimits.titleMax} messages={t.errors} />
      {signatory ? <p className="muted">{signatory.hasSignature ? t.design.withSignature : t.design.withoutSignature}</p> : null}
      <ImageField meta={fields.file} label={t.design.signatureFile} />
      {signatory?.hasSignature ? <CheckboxField meta={fields.removeSignature} label={t.design.removeSignature} /> : null}
      <div>
        <button type="submit" className="button" disabled={busy}>
          {signatory ? t.design.saveSignatory : t.design.addSignatory}
        </button>
      </div>
    </Form>
  );
}

export function CertificateSignatories(props: { signatories: Signatory[]; max: number; lastResult: (formId: string) => Result }) {
  const t = useT().certificates;
  const busy = useNavigation().state === "submitting";
  return (
    <section aria-labelledby="signatories-title" id="signatories" className="stack">
      <h2 id="signatories-title">{t.design.signatoriesTitle}</h2>
      <p>{format(t.design.signatoriesIntro, { max: props.max })}</p>
      {props.signatories.length === 0 ? <p className="muted">{t.design.noSignatories}</p> : null}
      {props.signatories.map((signatory) => (
        <article key={signatory.id} id={`signatory-${signatory.id}`} className="card stack">
          <h3>{signatory.name}</h3>
          <SignatoryForm signatory={signatory} lastResult={props.lastResult(`signatory-${signatory.id}`)} />
          <Form method="post">
            <input type="hidden" name="intent" value="removeSignatory" />
            <input type="hidden" name="id" value={signatory.id} />
            <button type="submit" className="button button--secondary" disabled={busy}>
              {t.design.removeSignatory}
            </button>
          </Form>
        </article>
      ))}
      {props.signatories.length >= props.max ? (
        <p className="muted">{format(t.design.signatoriesFull, { max: props.max })}</p>
      ) : (
        <article className="card stack">
          <h3>{t.design.newSignatory}</h3>
          <SignatoryForm signatory={null} lastResult={props.lastResult("signatory-new")} />
        </article>
      )}
    </section>
  );
}
