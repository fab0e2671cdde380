import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormAlert, FormErrors, useErrorText, type ErrorMessages } from "~/components/forms";
import { DelegateRow, delegationMessages, type DelegateFieldset } from "~/features/invitations/components/delegate-row";
import { DelegationList } from "~/features/invitations/components/delegation-list";
import { LinkRefusal, type LinkRefusalView } from "~/features/invitations/components/link-refusal";
import { markOpened } from "~/features/invitations/commands/delegation.server";
import { delegatePrefix } from "~/features/invitations/forms";
import { QuestionFields } from "~/features/questions/components/question-fields";
import { isSensitive, localizeQuestion, type FormQuestion } from "~/features/questions/kinds";
import { questionsForForm } from "~/features/questions/queries.server";
import { getLocale } from "~/i18n/locale.server";
import { delegationHeaders, openDelegationLink } from "~/features/invitations/link.server";
import { format, useLocale, useT } from "~/i18n/index";
import { formatDate, formatDateTime } from "~/lib/time";
import { getDb } from "~/server/db.server";
import type { DelegationAction } from "./actions.server";
import { delegationView, refused } from "./load.server";

export { action } from "./actions.server";

// /delegacion/:token: the page a city's invitation opens. The focal point (or whoever the
// invitation was addressed to) registers the city's delegation, several people at once, within
// the city's places and beyond them on the waiting list; sees the delegation as it stands;
// replaces or cancels a delegate; or declines the invitation. The link is the access (decision
// 003): opening it marks the invitation opened; a forged, withdrawn or expired one shows the
// styled refusal with the organizers' contact. Every form works without JavaScript: the
// delegation form starts with one row per free place, and "Add another row" is a submit button
// (conform's list insert) that the server answers with one more row.

export const meta: MetaFunction = () => [{ title: "Delegación · Convoca" }, { name: "robots", content: "noindex" }];
export const headers: HeadersFunction = () => delegationHeaders;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const opened = await openDelegationLink(db, context, params.token);
  if (opened.state !== "ok") return refused(db, opened);
  if (opened.invitation.status === "sent") await markOpened(db, opened.invitation.id);
  const [view, questions, locale] = await Promise.all([delegationView(db, opened), questionsForForm(db, opened.encounter.id), getLocale(request)]);
  // The sensitive questions are not asked here: each person answers them, with their own consent.
  const asked = questions.filter((q) => !isSensitive(q)).map((q) => localizeQuestion(q, locale));
  return data({ ...view, questions: asked }, { headers: delegationHeaders });
}

type Reply = SubmissionResult<string[]> | undefined;
type Refused = { state: "refused"; refusal: LinkRefusalView };
const intentOf = (result: Reply) => (result?.initialValue as { intent?: unknown } | undefined)?.intent;

export default function DelegationPage() {
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<DelegationAction>() as Reply | Refused;
  if (loaded.state !== "ok") return <LinkRefusal {...loaded.refusal} />;
  if (answer && "state" in answer && answer.state === "refused") return <LinkRefusal {...answer.refusal} />;
  return <Delegation view={loaded} result={answer as Reply} />;
}

type View = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { state: "ok" }>;

function Delegation({ view, result }: { view: View; result: Reply }) {
  const t = useT().invitations;
  const d = t.delegation;
  const locale = useLocale();
  const { places } = view;
  const forRegister = intentOf(result) === "register" ? result : undefined;
  const forDecline = intentOf(result) === "decline" ? result : undefined;
  const cancelErrors = intentOf(result) === "cancel" ? (result?.error?.[""] ?? []) : [];
  const errorText = useErrorText(t.errors as unknown as ErrorMessages);
  const messages: ErrorMessages = delegationMessages(t.errors as unknown as ErrorMessages, forRegister?.error ?? undefined);
  return (
    <article className="stack delegation">
      <p className="muted">
        <Link to={`/encuentros/${view.encounter.slug}`}>{view.encounter.title}</Link>
        <br />
        {formatDateTime(view.encounter.startsAt, view.encounter.timezone, locale)}
        {view.encounter.venue ? ` · ${view.encounter.venue}` : null}
      </p>
      <h1>{format(d.title, { city: view.city })}</h1>
      <p>{format(d.intro, { city: view.city })}</p>
      {view.declined !== null ? <p className="alert alert--info">{format(d.declined, { reason: view.declined })}</p> : null}
      <p className={places.left === 0 ? "alert alert--warn" : "alert alert--info"}>
        {places.left === 0 ? format(d.placesFull, places) : format(d.places, places)}
      </p>

      <section aria-labelledby="delegation-title" className="stack">
        <h2 id="delegation-title">{d.current}</h2>
        {cancelErrors.length > 0 ? <FormAlert>{cancelErrors.map((key) => errorText(key)).join(" ")}</FormAlert> : null}
        <DelegationList delegates={view.delegates} changeable={view.changeable} result={intentOf(result) === "replace" ? result : undefined} />
        {!view.changeable ? <p className="muted">{d.locked}</p> : null}
      </section>

      <section aria-labelledby="add-title" className="stack">
        <h2 id="add-title">{d.addTitle}</h2>
        {view.open ? (
          <RegisterForm result={forRegister} rows={view.startingRows} messages={messages} questions={view.questions} />
        ) : (
          <p className="alert alert--info">
            {d.closed}
            {view.encounter.closesAt ? ` (${formatDate(view.encounter.closesAt, view.encounter.timezone, locale)})` : null}
          </p>
        )}
      </section>

      {view.changeable && view.declined === null ? <DeclineForm result={forDecline} hasDelegates={view.delegates.length > 0} /> : null}
    </article>
  );
}

function RegisterForm({ result, rows, messages, questions }: { result: Reply; rows: number; messages: ErrorMessages; questions: FormQuestion[] }) {
  const d = useT().invitations.delegation;
  type Row = { fullName: string; email: string; entity: string; position: string };
  const [form, fields] = useForm<{ delegates: Row[] }>({
    id: "delegation",
    lastResult: result,
    defaultValue: { delegates: Array.from({ length: rows }, () => ({ fullName: "", email: "", entity: "", position: "" })) },
  });
  const list = fields.delegates.getFieldList();
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <p>{d.beyond}</p>
      <FormErrors form={form} messages={messages} />
      <input type="hidden" name="intent" value="register" />
      {list.map((row, i) => (
        <DelegateRow
          key={row.key}
          fields={row.getFieldset() as unknown as DelegateFieldset}
          n={i + 1}
          messages={messages}
          after={
            questions.length > 0 ? (
              <QuestionFields
                questions={questions}
                prefix={delegatePrefix(i)}
                includeSensitive={false}
                errors={result?.error ?? {}}
                values={result?.initialValue ?? {}}
              />
            ) : null
          }
        />
      ))}
      <p className="field__hint">{d.blankRows}</p>
      {/* The first submit button is the one Enter presses: registering, never adding a row. */}
      <div className="actions">
        <button type="submit" className="button">
          {d.submit}
        </button>
        <button {...form.insert.getButtonProps({ name: fields.delegates.name })} className="button button--secondary">
          {d.addRow}
        </button>
      </div>
    </Form>
  );
}

function DeclineForm({ result, hasDelegates }: { result: Reply; hasDelegates: boolean }) {
  const t = useT().invitations;
  const d = t.delegation;
  const messages = t.errors as unknown as ErrorMessages;
  const [form, fields] = useForm<{ reason: string }>({ id: "decline", lastResult: result });
  return (
    <section aria-labelledby="decline-title" className="card stack">
      <h2 id="decline-title">{d.declineTitle}</h2>
      {hasDelegates ? (
        <p className="muted">{d.declineNeedsEmpty}</p>
      ) : (
        <Form method="post" className="stack" {...getFormProps(form)}>
          <p>{d.declineBody}</p>
          <FormErrors form={form} messages={messages} />
          <input type="hidden" name="intent" value="decline" />
          <Field meta={fields.reason} label={d.declineReason} required messages={messages} />
          <div>
            <button type="submit" className="button button--secondary">
              {d.declineSubmit}
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}
