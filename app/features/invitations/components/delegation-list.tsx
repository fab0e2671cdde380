import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { FormErrors, type ErrorMessages } from "~/components/forms";
import { format, useT } from "~/i18n/index";
import { DelegateFields, delegationMessages, type DelegateFieldset } from "./delegate-row";

// The delegation as it stands: each person still coming, their place (confirmed or waiting)
// and whether they gave their own consent yet; replace one (a form that opens under their
// name, without JavaScript too: <details>) or cancel one.

export interface DelegateView {
  id: number;
  fullName: string;
  email: string;
  entity: string;
  position: string;
  status: "confirmed" | "waitlisted";
  consentPending: boolean;
}

type Reply = SubmissionResult<string[]> | undefined;

export function DelegationList(props: { delegates: DelegateView[]; changeable: boolean; result: Reply }) {
  const t = useT();
  const d = t.invitations.delegation;
  if (props.delegates.length === 0) return <p className="muted">{d.empty}</p>;
  const replacing = props.result?.initialValue as { intent?: string; registrationId?: string } | undefined;
  return (
    <ul className="plain-list stack delegation-list">
      {props.delegates.map((person) => (
        <li key={person.id} className="card" id={`delegado-${person.id}`}>
          <p>
            <strong>{person.fullName}</strong> · <span className="filename">{person.email}</span>
            <br />
            <span className="muted">
              {person.entity} · {person.position}
            </span>
          </p>
          <p className="badges">
            <span className={`badge badge--status-${person.status}`}>{t.words.registrationStatuses[person.status]}</span>{" "}
            <span className={person.consentPending ? "badge badge--warn" : "badge badge--ok"}>{person.consentPending ? d.consentPending : d.consentGiven}</span>
          </p>
          {props.changeable ? (
            <div className="row-actions">
              <ReplaceForm
                person={person}
                result={replacing?.intent === "replace" && replacing.registrationId === String(person.id) ? props.result : undefined}
              />
              <Form method="post">
                <input type="hidden" name="intent" value="cancel" />
                <input type="hidden" name="registrationId" value={person.id} />
                <button type="submit" className="button button--secondary button--small">
                  {format(d.cancel, { name: person.fullName })}
                </button>
              </Form>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function ReplaceForm({ person, result }: { person: DelegateView; result: Reply }) {
  const t = useT().invitations;
  const d = t.delegation;
  const [form, fields] = useForm<{ fullName: string; email: string; entity: string; position: string }>({ id: `replace-${person.id}`, lastResult: result });
  const messages: ErrorMessages = delegationMessages(t.errors as unknown as ErrorMessages, result?.error ?? undefined);
  return (
    <details open={result !== undefined}>
      <summary className="button button--secondary button--small">{d.replace}</summary>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <h3>{format(d.replaceTitle, { name: person.fullName })}</h3>
        <p className="field__hint">{format(d.replaceHint, { name: person.fullName })}</p>
        <FormErrors form={form} messages={messages} />
        <input type="hidden" name="intent" value="replace" />
        <input type="hidden" name="registrationId" value={person.id} />
        <DelegateFields fields={fields as unknown as DelegateFieldset} messages={messages} required />
        <div>
          <button type="submit" className="button">
            {d.replaceSubmit}
          </button>
        </div>
      </Form>
    </details>
  );
}
