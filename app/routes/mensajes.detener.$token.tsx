import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { maskEmail, privateLinkHeaders } from "~/features/commitments/follow-up/link.server";
import { setMessagesStopped } from "~/features/messages/commands.server";
import { openStopMessagesLink } from "~/features/messages/opt-out.server";
import { format, useLocale, useT } from "~/i18n/index";
import { defaultTimezone, formatDate } from "~/lib/time";
import { getDb } from "~/server/db.server";
import { readForm } from "~/server/http.server";

// The link in every mail to a registrant: stop (or resume) the organizers' messages and
// reminders. The GET only asks, with a button (mail scanners open links); the POST does it.
// Confirmations, cancellations and agenda changes reach the person whatever they choose.

export const meta: MetaFunction = () => [{ title: "Mensajes y recordatorios · Convoca" }, { name: "robots", content: "noindex" }];
export const headers: HeadersFunction = () => privateLinkHeaders;

export async function loader({ params, context }: LoaderFunctionArgs) {
  const person = await openStopMessagesLink(getDb(), context, params.token);
  if (!person) return data({ found: false as const }, { status: 404, headers: privateLinkHeaders });
  return data({ found: true as const, email: maskEmail(person.email), stoppedAt: person.messages_stopped_at }, { headers: privateLinkHeaders });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const person = await openStopMessagesLink(db, context, params.token);
  if (!person) return data({ done: null }, { status: 404, headers: privateLinkHeaders });
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent !== "stop" && intent !== "resume") return data({ done: null }, { status: 400, headers: privateLinkHeaders });
  await setMessagesStopped(db, person.id, intent === "stop");
  return data({ done: intent === "stop" ? ("stopped" as const) : ("resumed" as const) }, { headers: privateLinkHeaders });
}

export default function StopMessages() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT().messages.stop;
  const locale = useLocale();
  if (!loaded.found) {
    return (
      <section className="narrow">
        <h1>{t.invalidTitle}</h1>
        <p>{t.invalidBody}</p>
      </section>
    );
  }
  const stopped = result?.done ? result.done === "stopped" : loaded.stoppedAt !== null;
  return (
    <section className="narrow stack">
      <h1>{t.title}</h1>
      {result?.done ? (
        <p className="alert alert--ok" role="status">
          {result.done === "stopped" ? t.stopped : t.resumed}
        </p>
      ) : null}
      <p>{format(t.body, { email: loaded.email })}</p>
      {!result?.done && loaded.stoppedAt ? <p>{format(t.isStopped, { date: formatDate(loaded.stoppedAt, defaultTimezone, locale) })}</p> : null}
      <p className="muted">{t.still}</p>
      <Form method="post" className="actions">
        <button type="submit" name="intent" value={stopped ? "resume" : "stop"} className={stopped ? "button button--secondary" : "button"}>
          {stopped ? t.resume : t.stop}
        </button>
      </Form>
    </section>
  );
}
