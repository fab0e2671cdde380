import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { format, useLocale, useT } from "~/i18n/index";
import { registrationsOfParticipant } from "~/features/registrations/commands/manage-links.server";
import { requireParticipant } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { formatDate } from "~/lib/time";

// The signed-in participant's registrations (after a magic link): each with its status, its
// place in line, and the link to its own page (see, correct, cancel).

export const meta: MetaFunction = () => [{ title: "Mis inscripciones · Convoca" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const participant = await requireParticipant(request);
  const rows = await registrationsOfParticipant(getDb(), participant.id);
  return {
    email: participant.email,
    registrations: rows.map((r) => ({
      id: r.id,
      status: r.status,
      rank: r.rank,
      arrived: Boolean(r.checked_in_at),
      slug: r.slug,
      title: r.title,
      startsAt: r.starts_at,
      timezone: r.timezone,
      venue: r.venue,
      manageUrl: r.usable ? `/inscripcion/${r.manageToken}` : null,
    })),
  };
}

export default function MyAccount() {
  const { email, registrations } = useLoaderData<typeof loader>();
  const t = useT();
  const a = t.registration.account;
  const locale = useLocale();
  return (
    <section>
      <h1>{t.account.title}</h1>
      <p>{format(t.account.intro, { email })}</p>
      {registrations.length === 0 ? (
        <p>{t.account.none}</p>
      ) : (
        <ul className="card-list">
          {registrations.map((r) => (
            <li key={r.id} className="card">
              <h2>
                <Link to={`/encuentros/${r.slug}`}>{r.title}</Link>
              </h2>
              <p>
                {formatDate(r.startsAt, r.timezone, locale)}
                {r.venue ? ` · ${r.venue}` : null}
              </p>
              <p>
                <span className={`badge badge--status-${r.status}`}>{t.registration.statuses[r.status]}</span>{" "}
                {r.rank !== null ? <span>{format(a.rank, { rank: r.rank })}</span> : null}
                {r.arrived ? <span className="badge badge--ok">{a.arrived}</span> : null}
              </p>
              {r.arrived ? (
                <p>
                  <a href={`/certificados/${r.id}`} download>
                    {t.certificates.download}
                  </a>
                </p>
              ) : null}
              {r.manageUrl ? (
                <p>
                  <Link to={r.manageUrl}>{a.manage}</Link>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
