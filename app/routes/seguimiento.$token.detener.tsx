import { getFormProps, useForm } from "@conform-to/react";
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { FormErrors } from "~/components/forms";
import { format, useT } from "~/i18n/index";
import { Notice } from "~/features/commitments/components/notice";
import { CommitmentRuleError } from "~/features/commitments/rules";
import { refuseRule } from "~/features/commitments/actions.server";
import { remindersSchema } from "~/features/commitments/forms";
import { setRemindersStopped } from "~/features/commitments/commands/progress.server";
import { parseSubmission, refuse } from "~/server/forms.server";
import { getDb } from "~/server/db.server";
import { linkStatus, openFollowUpLink, privateLinkHeaders } from "~/features/commitments/follow-up/link.server";

// The stop-reminders link of every reminder: the GET asks (a mail scanner opening it changes
// nothing), the POST stops or resumes. Organizers see it on the commitment and in the list.

export const meta: MetaFunction = () => [{ title: "Recordatorios · Convoca" }, { name: "robots", content: "noindex" }];
export const headers: HeadersFunction = () => privateLinkHeaders;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const opened = await openFollowUpLink(getDb(), request, context, params.token);
  if (opened.state !== "ok")
    return data({ state: opened.state, title: null, stopped: false }, { status: linkStatus[opened.state], headers: privateLinkHeaders });
  return data(
    { state: "ok" as const, title: opened.commitment.title, stopped: opened.commitment.reminders_stopped_at !== null },
    { headers: privateLinkHeaders },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const opened = await openFollowUpLink(db, request, context, params.token);
  if (opened.state !== "ok") return data({ done: null }, { status: linkStatus[opened.state] });
  const submission = await parseSubmission(request, remindersSchema);
  if (submission.status !== "success") return refuse(submission);
  const stop = submission.value.intent === "stopReminders";
  try {
    await setRemindersStopped(db, opened.commitment.id, stop, opened.actor);
  } catch (error) {
    // Reminders an organizer stopped are theirs to resume.
    if (error instanceof CommitmentRuleError && error.code === "stoppedByOrganizer") return refuseRule(submission, error);
    throw error;
  }
  return { done: stop ? ("stopped" as const) : ("resumed" as const) };
}

export default function StopReminders() {
  const { state, title, stopped } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const done = result && "done" in result ? result.done : null;
  const [form] = useForm({ id: "reminders", lastResult: result && "done" in result ? undefined : result });
  const { token } = useParams();
  const t = useT().commitments;
  if (state !== "ok" || !title) {
    return (
      <section className="narrow">
        <h1>{state === "expired" ? t.link.expiredTitle : t.link.invalidTitle}</h1>
        <p>{state === "expired" ? t.link.expiredBody : t.link.invalidBody}</p>
        {state === "expired" ? (
          <p>
            <Link to={`/seguimiento/${token}`}>{t.link.renew}</Link>
          </p>
        ) : null}
      </section>
    );
  }
  const isStopped = done ? done === "stopped" : stopped;
  return (
    <section className="narrow">
      <h1>{t.link.stopTitle}</h1>
      {done === "stopped" ? <Notice>{format(t.link.stoppedBody, { title })}</Notice> : null}
      {done === "resumed" ? <Notice>{format(t.link.resumedBody, { title })}</Notice> : null}
      <FormErrors form={form} messages={t.errors} />
      {!done && !stopped ? <p>{format(t.link.stopBody, { title })}</p> : null}
      {!done && stopped ? <p>{t.reminders.stopped}</p> : null}
      <Form method="post" className="actions" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={isStopped ? "resumeReminders" : "stopReminders"} />
        <button type="submit" className={isStopped ? "button button--secondary" : "button"}>
          {isStopped ? t.reminders.resume : t.link.stopConfirm}
        </button>
      </Form>
      <p>
        <Link to={`/seguimiento/${token}`}>{t.link.backToUpdate}</Link>
      </p>
    </section>
  );
}
