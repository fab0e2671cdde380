import type { ReactNode } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { formatMailTime, MailStatusBadge } from "~/features/mail/components/mail-status";
import { useLocale, useT } from "~/i18n/index";
import { requeueFailedMessage } from "~/features/mail/commands.server";
import { viewOutboxMessage } from "~/features/mail/viewer.server";
import { actorOf } from "~/server/audit.server";
import { requireOrganizer } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { notFound, readForm } from "~/server/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.message.subject ?? "Correo"} · Convoca` }];

function parseId(value: string | undefined): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) notFound("Mensaje no encontrado");
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const env = getEnv();
  const view = await viewOutboxMessage(getDb(), parseId(params.id), { hideSecrets: Boolean(env.smtpUrl) });
  if (!view) notFound("Mensaje no encontrado");
  return { ...view, from: env.mailFrom };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const organizer = await requireOrganizer(request);
  const form = await readForm(request);
  if (form.get("intent") !== "requeue") return { requeued: false };
  return { requeued: await requeueFailedMessage(getDb(), parseId(params.id), actorOf.organizer(organizer.id)) };
}

export default function MailMessage() {
  const { message, body, isPreview, renderError, attachments, from, secretsHidden } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
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
      {result ? <p className={`alert ${result.requeued ? "alert--ok" : "alert--error"}`}>{result.requeued ? t.requeued : t.notRequeued}</p> : null}
      <dl className="facts">
        {facts.map(([label, value]) => (
          <div key={label} style={{ display: "contents" }}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {message.status === "failed" ? (
        <Form method="post" className="actions">
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
