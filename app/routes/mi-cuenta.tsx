import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { format, useLocale, useT } from "~/i18n";
import { requireParticipant } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Mis inscripciones · Convoca" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const participant = await requireParticipant(request);
  const registrations = await getDb()
    .selectFrom("registrations")
    .innerJoin("encounters", "encounters.id", "registrations.encounter_id")
    .select(["registrations.id", "registrations.status", "encounters.slug", "encounters.title", "encounters.starts_at", "encounters.timezone"])
    .where("registrations.participant_id", "=", participant.id)
    .orderBy("encounters.starts_at", "desc")
    .execute();
  return { email: participant.email, registrations };
}

export default function MyAccount() {
  const { email, registrations } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <section>
      <h1>{t.account.title}</h1>
      <p>{format(t.account.intro, { email })}</p>
      <p>
        <Link to="/mi-ciudad/compromisos">{t.commitments.myCity}</Link>
      </p>
      {registrations.length === 0 ? (
        <p>{t.account.none}</p>
      ) : (
        <ul className="card-list">
          {registrations.map((r) => (
            <li key={r.id} className="card">
              <h2>
                <Link to={`/encuentros/${r.slug}`}>{r.title}</Link>
              </h2>
              <p>{formatDate(r.starts_at, r.timezone, locale)}</p>
              <p className="badge">{r.status}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
