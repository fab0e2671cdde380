import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { FormErrors } from "~/components/forms";
import type { focalPointSchema } from "~/features/commitments/forms";
import { useT } from "~/i18n/index";

type City = { dane: string; name: string; focalName: string; focalEmail: string; feedUrl: string };

/**
 * One city's row: its focal point as one form whose fields sit in two cells (the email input
 * joins the form by its `form` attribute), and the button that changes its calendar link.
 */
export function FocalPointRow({ city: c, lastResult }: { city: City; lastResult?: SubmissionResult<string[]> }) {
  const t = useT().commitments;
  const formId = `focal-${c.dane}`;
  const [form, fields] = useForm<z.input<typeof focalPointSchema>>({
    id: formId,
    lastResult,
    defaultValue: { cityDane: c.dane, focalPointName: c.focalName, focalPointEmail: c.focalEmail },
  });
  const { key: nameKey, ...name } = getInputProps(fields.focalPointName, { type: "text", ariaAttributes: false });
  const { key: emailKey, ...email } = getInputProps(fields.focalPointEmail, { type: "email", ariaAttributes: false });
  return (
    <tr>
      <th scope="row">{c.name}</th>
      <td>
        <Form method="post" className="inline-fields" {...getFormProps(form)}>
          <input type="hidden" name="cityDane" value={c.dane} />
          <label className="visually-hidden" htmlFor={`${formId}-name`}>
            {t.focal.name} ({c.name})
          </label>
          <input key={nameKey} {...name} id={`${formId}-name`} maxLength={120} aria-invalid={fields.focalPointName.errors ? true : undefined} />
        </Form>
      </td>
      <td>
        <FormErrors form={form} messages={t.errors} />
        <label className="visually-hidden" htmlFor={`${formId}-email`}>
          {t.focal.email} ({c.name})
        </label>
        <input key={emailKey} {...email} id={`${formId}-email`} form={formId} maxLength={254} aria-invalid={fields.focalPointEmail.errors ? true : undefined} />
        <button type="submit" form={formId} className="button button--secondary">
          {t.focal.save}
        </button>
      </td>
      <td>
        <a href={c.feedUrl}>{t.focal.feed} (.ics)</a>
        <Form method="post">
          <input type="hidden" name="intent" value="rotate" />
          <input type="hidden" name="cityDane" value={c.dane} />
          <button type="submit" className="link-button" title={t.focal.rotateHint}>
            {t.focal.rotate}
          </button>
        </Form>
      </td>
    </tr>
  );
}
