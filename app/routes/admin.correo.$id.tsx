import { getFormProps, useForm } from "@conform-to/react";
import type { ReactNode } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors } from "~/components/forms";
import { formatMailTime, MailStatusBadge } from "~/features/mail/components/mail-status";
import { useLocale, useT } from "~/i18n/index";
import { requeueFailedMessage } from "~/features/mail/commands.server";
import { requeueSchema } from "~/features/mail/forms";
import { viewOutboxMessage } from "~/features/mail/viewer.server";
import { actorOf } from "~/server/audit.server";
import { requireOrganizer } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { parseSubmission, refuse, refuseForm } from "~/server/forms.server";
import { notFound } from "~/server/http.server";
import { requireId } from "~/server/params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.message.subject ?? "Correo"} · Convoca` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const env = getEnv();
  const view = await viewOutboxMessage(getDb(), requireId(params, "id"), { hideSecrets: Boolean(env.smtpUrl) });
  if (!view) notFound("Mensaje no encontrado");
  return { ...view, from: env.mailFrom };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const organizer = await requireOrganizer(request);
  const id = requireId(params, "id");
  const submission = await parseSubmission(request, requeueSchema);
  if (submission.status !== "success") return refuse(submission);
  // Only a failed message goes back in the queue. A second press finds it pending already: the
  // page says so, with the 200 the button always answered (pressing twice is no error).
  if (!(await requeueFailedMessage(getDb(), id, actorOf.organizer(organizer.id)))) return refuseForm(submission, "notRequeued", { status: 200 });
  return { requeued: true as const };
}

export default function MailMessage() {
  const { message, body, isPreview, renderError, attachments, from, secretsHidden } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const requeued = result !== undefined && "requeued" in result;
  const [form] = useForm({ id: "requeue", lastResult: requeued ? undefined : result });
  const locale = useLocale();
  const t = useT().mailbox.message;
  const facts: Array<[string, ReactNode]> = [
    [t.to, message.recipient],
    [t.from, from],
    [t.status, <MailStatusBadge key="status" status={message.status} locale={locale} />],
    [t.template, message.template],
    [t.key, <code key="key">{message.idempotencyKey}</code>],
    [t.language, t.languages[message.locale]],
    [t.attempts, message.attempts],
    [t.created, formatMailTime(message.createdAt, locale)],
  ];
  if (message.sentAt) facts.push([t.sent, formatMailTime(message.sentAt, locale)]);
  if (message.status === "pending") facts.push([t.nextAttempt, formatMailTime(message.nextAttemptAt, locale)]);
  if (message.messageId) facts.push([t.messageId, <code key="mid">{message.messageId}</code>]);
  if (message.lastError) facts.push([t.lastError, message.lastError]);

  return (
    <article>
      <p className="no-print">
        <Link to="/admin/correo">← {t.back}</Link>
      </p>
      <h1>{message.subject ?? t.noSubject}</h1>
      {requeued ? <p className="alert alert--ok">{t.requeued}</p> : null}
      <FormErrors form={form} messages={{ notRequeued: t.notRequeued }} />
      <dl className="facts">
        {facts.map(([label, value]) => (
          <div key={label} style={{ display: "contents" }}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {message.status === "failed" ? (
        <Form method="post" className="actions" {...getFormProps(form)}>
          <button type="submit" name="intent" value="requeue" className="button">
            {t.requeue}
          </button>
        </Form>
      ) : null}

      {renderError ? (
        <p className="alert alert--error">
          {t.renderError} {renderError}
        </p>
      ) : null}
      {body ? (
        <>
          <h2>{t.asSeen}</h2>
          {isPreview ? <p className="alert alert--info">{t.preview}</p> : null}
          {secretsHidden ? <p className="alert alert--info">{t.secretsHidden}</p> : null}
          {/* sandbox="" : no scripts, no forms, no same-origin access, whatever the HTML holds. */}
          <iframe
            title={t.frameTitle}
            sandbox=""
            srcDoc={body.html}
            referrerPolicy="no-referrer"
            style={{ width: "100%", height: "36rem", border: "1px solid var(--line)", background: "#fff" }}
          />
          <h2>{t.textVersion}</h2>
          <pre className="card" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
            {body.text}
          </pre>
        </>
      ) : null}

      <h2>{t.attachments}</h2>
      {attachments.length === 0 ? (
        <p>{t.noAttachments}</p>
      ) : (
        <ul>
          {attachments.map((a) => (
            <li key={a.filename}>
              <strong>{a.filename}</strong>{" "}
              <span className="muted">
                ({a.contentType}, {a.size.toLocaleString(locale)} bytes)
              </span>
              {a.content !== null ? (
                <details>
                  <summary>{t.showContent}</summary>
                  <pre style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{a.content}</pre>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
