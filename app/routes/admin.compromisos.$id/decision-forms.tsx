import { Form } from "@remix-run/react";
import { CTextArea, FormError } from "~/features/commitments/components/fields";
import type { CommitmentFieldErrors } from "~/features/commitments/forms";
import { useT } from "~/i18n";

/** An organizer confirms that a done commitment is done, with an optional note. */
export function ValidateForm({ errors }: { errors?: CommitmentFieldErrors }) {
  const t = useT().commitments;
  return (
    <section className="card" aria-labelledby="validate-title">
      <h2 id="validate-title">{t.admin.validateTitle}</h2>
      <p>{t.admin.validateIntro}</p>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="validate" />
        <FormError error={errors?._form} />
        <CTextArea name="note" id="validate-note" label={t.fields.note} rows={2} error={errors?.note} />
        <div>
          <button type="submit" className="button">
            {t.admin.validateSubmit}
          </button>
        </div>
      </Form>
    </section>
  );
}

/** An organizer sends a done or dropped commitment back to "in progress", saying why. */
export function ReopenForm({ errors }: { errors?: CommitmentFieldErrors }) {
  const t = useT().commitments;
  return (
    <section className="card" aria-labelledby="reopen-title">
      <h2 id="reopen-title">{t.admin.reopenTitle}</h2>
      <p>{t.admin.reopenIntro}</p>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="reopen" />
        <FormError error={errors?._form} />
        <CTextArea name="note" id="reopen-note" label={t.fields.note} rows={2} required error={errors?.note} />
        <div>
          <button type="submit" className="button button--secondary">
            {t.admin.reopenSubmit}
          </button>
        </div>
      </Form>
    </section>
  );
}
