import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { readForm } from "~/server/http.server";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { format, useT } from "~/i18n/index";
import { Notice } from "~/features/commitments/components/notice";
import { CommitmentRuleError } from "~/features/commitments/rules";
import { setRemindersStopped } from "~/features/commitments/commands/progress.server";
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
  if (opened.state !== "ok") return data({ done: null, refused: false }, { status: linkStatus[opened.state] });
  const form = await readForm(request).catch(() => new FormData());
  const stop = form.get("intent") !== "resumeReminders";
  try {
    await setRemindersStopped(db, opened.commitment.id, stop, opened.actor);
  } catch (error) {
    // Reminders an organizer stopped are theirs to resume.
    if (error instanceof CommitmentRuleError && error.code === "stoppedByOrganizer") return data({ done: null, refused: true }, { status: 409 });
    throw error;
  }
  return { done: stop ? ("stopped" as const) : ("resumed" as const), refused: false };
}

export default function StopReminders() {
  const { state, title, stopped } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
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
  const isStopped = result?.done ? result.done === "stopped" : stopped;
  return (
    <section className="narrow">
      <h1>{t.link.stopTitle}</h1>
      {result?.done === "stopped" ? <Notice>{format(t.link.stoppedBody, { title })}</Notice> : null}
      {result?.done === "resumed" ? <Notice>{format(t.link.resumedBody, { title })}</Notice> : null}
      {result?.refused ? (
        <p className="alert alert--error" role="alert">
          {t.errors.stoppedByOrganizer}
        </p>
      ) : null}
      {!result?.done && !stopped ? <p>{format(t.link.stopBody, { title })}</p> : null}
      {!result?.done && stopped ? <p>{t.reminders.stopped}</p> : null}
      <Form method="post" className="actions">
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
