import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { OutboxStatus } from "~db/schema";
import { formatMailTime, mailStatuses, MailStatusBadge, useMailStatusLabels } from "~/features/mail/components/mail-status";
import { useLocale, useT } from "~/i18n/index";
import { countOutboxByStatus, listOutbox } from "~/features/mail/queries.server";
import { requireOrganizer } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";

export const meta: MetaFunction = () => [{ title: "Correo · Convoca" }];

function isStatus(value: string | null): value is OutboxStatus {
  return (mailStatuses as readonly string[]).includes(value ?? "");
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const url = new URL(request.url);
  const estado = url.searchParams.get("estado");
  const status = isStatus(estado) ? estado : undefined;
  const before = Number(url.searchParams.get("antes"));
  const beforeId = Number.isSafeInteger(before) && before > 0 ? before : undefined;
  const db = getDb();
  const [{ messages, hasMore }, counts] = await Promise.all([listOutbox(db, { status, beforeId }), countOutboxByStatus(db)]);
  const env = getEnv();
  return { messages, hasMore, counts, status, beforeId, embedded: !env.smtpUrl, workerOff: !env.mailWorkerInWeb };
}

export default function MailList() {
  const { messages, hasMore, counts, status, beforeId, embedded, workerOff } = useLoaderData<typeof loader>();
  const locale = useLocale();
  const t = useT().mailbox.list;
  const statusLabels = useMailStatusLabels();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const query = (params: Record<string, string | number | undefined>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
    const s = search.toString();
    return s ? `/admin/correo?${s}` : "/admin/correo";
  };
  return (
    <section>
      <h1>{t.title}</h1>
      <p className="lead">{t.intro}</p>
      {embedded ? <p className="alert alert--info">{t.embedded}</p> : null}
      {workerOff ? <p className="alert alert--info">{t.workerOff}</p> : null}

      <nav aria-label={t.filter} className="actions">
        <Link to={query({})} aria-current={!status ? "page" : undefined}>
          {t.all} ({total})
        </Link>
        {mailStatuses.map((s) => (
          <Link key={s} to={query({ estado: s })} aria-current={status === s ? "page" : undefined}>
            {statusLabels[s]} ({counts[s]})
          </Link>
        ))}
      </nav>

      {messages.length === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.subject}</th>
                <th scope="col">{t.recipient}</th>
                <th scope="col">{t.reason}</th>
                <th scope="col">{t.attempts}</th>
                <th scope="col">{t.lastError}</th>
                <th scope="col">
                  {t.created} / {t.sent}
                </th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id}>
                  <td>
                    <MailStatusBadge status={m.status} locale={locale} />
                  </td>
                  <th scope="row">
                    <Link to={`/admin/correo/${m.id}`}>{m.subject ?? t.noSubject}</Link>
                  </th>
                  <td>{m.recipient}</td>
                  <td>
                    {m.template}
                    <br />
                    <code className="muted">{m.idempotency_key}</code>
                  </td>
                  <td>{m.attempts}</td>
                  <td className="muted">{m.last_error ?? "—"}</td>
                  <td>
                    {formatMailTime(m.created_at, locale)}
                    <br />
                    <span className="muted">{formatMailTime(m.sent_at, locale)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="actions">
        {beforeId ? <Link to={query({ estado: status })}>{t.newest}</Link> : null}
        {hasMore ? <Link to={query({ estado: status, antes: messages[messages.length - 1].id })}>{t.older}</Link> : null}
      </p>
    </section>
  );
}
