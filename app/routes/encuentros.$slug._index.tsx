import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EncounterDate } from "~/features/encounters/components/encounter-date";
import { format, plural, useLocale, useT } from "~/i18n/index";
import { publicEncounter, registrationWindow } from "~/features/encounters/rules";
import { getParticipant } from "~/server/auth.server";
import { cityAuthorityOf } from "~/features/cities/authority.server";
import { getDb } from "~/server/db.server";
import { loadVisibleEncounter } from "~/features/encounters/access.server";
import { formatDate } from "~/lib/time";
import { lightPage } from "~/lib/light-page";

// Read, not worked in: no React on a first visit (app/lib/light-page.ts).
export const handle = lightPage;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.encounter.title} · Convoca` : "Convoca" },
  { name: "description", content: data?.encounter.summary ?? "" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await loadVisibleEncounter(db, request, params.slug);
  // A person verified for a city is offered the working table's form for it, here where it looks.
  const participant = await getParticipant(request, db);
  const authority = participant ? await cityAuthorityOf(db, participant.id) : null;
  return {
    encounter: publicEncounter(encounter),
    window: registrationWindow(encounter),
    canRecordCommitment: authority !== null && encounter.status !== "draft",
    commitmentsPublic: Boolean(encounter.commitments_public),
  };
}

export default function EncounterPage() {
  const { encounter, window, canRecordCommitment, commitmentsPublic } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <article>
      {encounter.status === "draft" ? <p className="badge badge--warn">{t.encounter.statusDraft}</p> : null}
      {encounter.status === "closed" ? <p className="badge badge--muted">{t.encounter.statusClosed}</p> : null}
      <h1>{encounter.title}</h1>
      <p className="lead">{encounter.summary}</p>
      <dl className="facts">
        <dt>{t.encounter.when}</dt>
        <dd>
          <EncounterDate startsAt={encounter.starts_at} endsAt={encounter.ends_at} timezone={encounter.timezone} />
        </dd>
        <dt>{t.encounter.where}</dt>
        <dd>
          {encounter.venue}
          {encounter.address ? `, ${encounter.address}` : null}
        </dd>
        <dt>{t.encounter.capacity}</dt>
        <dd>
          {plural(locale, t.encounter.people, encounter.capacity)} · {t.encounter.placesPerCity}: {encounter.city_quota}
        </dd>
        {encounter.contact_email ? (
          <>
            <dt>{t.encounter.contact}</dt>
            <dd>
              <a href={`mailto:${encounter.contact_email}`}>{encounter.contact_email}</a>
            </dd>
          </>
        ) : null}
      </dl>
      <p>
        {window === "open" ? (
          <span className="badge badge--ok">{t.encounter.registrationOpen}</span>
        ) : window === "not_yet" && encounter.registration_opens_at ? (
          <span className="badge">
            {format(t.encounter.registrationNotYet, { date: formatDate(encounter.registration_opens_at, encounter.timezone, locale) })}
          </span>
        ) : (
          <span className="badge badge--muted">{t.encounter.registrationClosed}</span>
        )}
      </p>
      <div className="actions">
        <Link className="button" to={`/encuentros/${encounter.slug}/agenda`}>
          {t.encounter.seeAgenda}
        </Link>
        <Link className="button button--secondary" to={`/encuentros/${encounter.slug}/materiales`}>
          {t.encounter.materials}
        </Link>
        {window === "open" ? (
          <Link className="button button--secondary" to={`/encuentros/${encounter.slug}/registro`}>
            {t.encounter.register}
          </Link>
        ) : null}
        {canRecordCommitment ? (
          <Link className="button button--secondary" to={`/encuentros/${encounter.slug}/compromisos/nuevo`}>
            {t.encounter.recordCommitment}
          </Link>
        ) : null}
        {commitmentsPublic ? (
          <Link className="button button--secondary" to={`/encuentros/${encounter.slug}/compromisos`}>
            {t.encounter.commitmentsProgress}
          </Link>
        ) : null}
      </div>
    </article>
  );
}
