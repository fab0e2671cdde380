import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { FormErrors, TextareaField } from "~/components/forms";
import type { reopenSchema, validateSchema } from "~/features/commitments/forms";
import { useT } from "~/i18n/index";

type Reply = SubmissionResult<string[]> | undefined;

/** An organizer confirms that a done commitment is done, with an optional note. */
export function ValidateForm({ lastResult }: { lastResult: Reply }) {
  const t = useT().commitments;
  const [form, fields] = useForm<z.input<typeof validateSchema>>({ id: "validate", lastResult });
  return (
    <section className="card" aria-labelledby="validate-title">
      <h2 id="validate-title">{t.admin.validateTitle}</h2>
      <p>{t.admin.validateIntro}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="validate" />
        <FormErrors form={form} messages={t.errors} />
        <TextareaField meta={fields.note} id="validate-note" label={t.fields.note} rows={2} messages={t.errors} />
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
export function ReopenForm({ lastResult }: { lastResult: Reply }) {
  const t = useT().commitments;
  const [form, fields] = useForm<z.input<typeof reopenSchema>>({ id: "reopen", lastResult });
  return (
    <section className="card" aria-labelledby="reopen-title">
      <h2 id="reopen-title">{t.admin.reopenTitle}</h2>
      <p>{t.admin.reopenIntro}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="reopen" />
        <FormErrors form={form} messages={t.errors} />
        <TextareaField meta={fields.note} id="reopen-note" label={t.fields.note} rows={2} required messages={t.errors} />
        <div>
          <button type="submit" className="button button--secondary">
            {t.admin.reopenSubmit}
          </button>
        </div>
      </Form>
    </section>
  );
}
