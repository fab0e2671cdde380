import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import type { EncounterStatus } from "~db/schema";
import { Field, FormErrors } from "~/components/forms";
import type { duplicateSchema } from "~/features/encounters/forms";
import type { StatusChange } from "~/features/encounters/rules";
import { format, useT } from "~/i18n/index";

// The encounter page's two small forms beside its details: the status buttons, and a copy of
// the encounter on another date. Each shows only the server's reply to its own send.

type Reply = SubmissionResult<string[]> | undefined;

/** The changes the status allows now: back to draft only while nobody is registered. */
function changesFrom(status: EncounterStatus, registrations: number): StatusChange[] {
  if (status === "draft") return ["publish"];
  if (status === "published") return registrations === 0 ? ["close", "unpublish"] : ["close"];
  return ["reopen"];
}

export function StatusForm({ status, registrations, lastResult }: { status: EncounterStatus; registrations: number; lastResult: Reply }) {
  const t = useT().scheduling;
  const [form] = useForm({ id: "status", lastResult });
  return (
    <section className="card" aria-labelledby="status-heading">
      <h2 id="status-heading">{t.encounters.status.heading}</h2>
      <p>{t.encounters.status[status]}</p>
      <FormErrors form={form} messages={t.errors} />
      <Form method="post" className="actions" {...getFormProps(form)}>
        {changesFrom(status, registrations).map((change) => (
          <button
            key={change}
            type="submit"
            name="intent"
            value={change}
            className={change === "publish" || change === "reopen" ? "button" : "button button--secondary"}
          >
            {t.encounters.status[change]}
          </button>
        ))}
      </Form>
      {status === "published" && registrations === 0 ? <p className="field__hint">{t.encounters.status.unpublishHint}</p> : null}
    </section>
  );
}

export function DuplicateForm({ encounterTitle, startDate, lastResult }: { encounterTitle: string; startDate: string; lastResult: Reply }) {
  const t = useT().scheduling;
  const d = t.encounters.duplicate;
  const [form, fields] = useForm<z.input<typeof duplicateSchema>>({
    id: "duplicate",
    lastResult,
    defaultValue: { title: format(d.defaultTitle, { title: encounterTitle }), startDate },
  });
  return (
    <section className="card" aria-labelledby="duplicate-heading">
      <h2 id="duplicate-heading">{d.heading}</h2>
      <p>{d.intro}</p>
      <Form method="post" className="stack" {...getFormProps(form)} noValidate={false}>
        <input type="hidden" name="intent" value="duplicate" />
        <FormErrors form={form} messages={t.errors} />
        <Field meta={fields.title} label={d.title} required messages={t.errors} />
        <Field meta={fields.startDate} type="date" label={d.startDate} required messages={t.errors} />
        <div>
          <button type="submit" className="button button--secondary">
            {d.submit}
          </button>
        </div>
      </Form>
    </section>
  );
}
