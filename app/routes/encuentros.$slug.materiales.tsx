import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { format, useLocale, useT, type Messages } from "~/i18n/index";
import { listMaterials, standingOf } from "~/features/materials/queries.server";
import { accessFor, type Access } from "~/features/materials/rules";
import { registrationWindow } from "~/features/encounters/rules";
import { getParticipant } from "~/server/auth.server";
import { formatBytes } from "~/lib/bytes";
import { getDb } from "~/server/db.server";
import { loadVisibleEncounter } from "~/features/encounters/access.server";
import { formatDate } from "~/lib/time";
import { typeLabel } from "~/server/uploads.server";
import { minutesPublished } from "~/features/minutes/queries.server";
import { lightPage } from "~/lib/light-page";

// Read, not worked in: no React on a first visit (app/lib/light-page.ts).
export const handle = lightPage;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Materiales · ${data.encounter.title} · Convoca` : "Convoca" }];

// Every material of the encounter (and the general ones) is listed; what the visitor may not
// download yet says why and how to get access, instead of being hidden.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter, organizer } = await loadVisibleEncounter(db, request, params.slug);
  const participant = await getParticipant(request, db);
  const [own, general, minutes] = await Promise.all([listMaterials(db, encounter.id), listMaterials(db, null), minutesPublished(db, encounter.id)]);
  const [standing, generalStanding] = participant
    ? await Promise.all([standingOf(db, participant.id, encounter.id), standingOf(db, participant.id, null)])
    : [null, null];
  const viewer = { organizer: organizer !== null, participant: participant !== null };
  const present = (rows: typeof own, s: typeof standing) =>
    rows.map((m) => ({
      id: m.id,
      title: m.title,
      description: m.description,
      language: m.language,
      visibility: m.visibility,
      type: typeLabel(m.content_type),
      size: m.size,
      version: m.version,
      updatedAt: m.version_created_at,
      access: accessFor(m.visibility, viewer, s),
    }));
  const url = new URL(request.url);
  const notice = url.searchParams.get("enlace");
  return {
    encounter: { slug: encounter.slug, title: encounter.title, timezone: encounter.timezone },
    materials: present(own, standing),
    general: present(general, generalStanding),
    participantEmail: participant?.email ?? null,
    minutesUrl: minutes ? `/encuentros/${encounter.slug}/relatoria` : null,
    registrationOpen: registrationWindow(encounter) === "open",
    signInUrl: `/ingresar/enlace?redirectTo=${encodeURIComponent(`/encuentros/${encounter.slug}/materiales`)}`,
    notice: notice === "vencido" ? ("expired" as const) : notice === "sin-acceso" ? ("noAccess" as const) : null,
  };
}

type Data = Awaited<ReturnType<typeof loader>>;
type Item = Data["materials"][number];

function needText(t: Messages, item: Item, general: boolean): string {
  const needs = t.materials.needs;
  const byAccess: Record<Exclude<Access, "allowed">, string> = {
    signIn: item.visibility === "attendees" ? needs.signInAttendees : needs.signIn,
    register: general ? needs.registerGeneral : needs.register,
    attend: needs.attend,
  };
  return item.access === "allowed" ? "" : byAccess[item.access];
}

function MaterialList({ items, data, general }: { items: Item[]; data: Data; general: boolean }) {
  const t = useT();
  const locale = useLocale();
  const languages = t.materials.languages as Record<string, string>;
  return (
    <ul className="material-list">
      {items.map((item) => {
        const size = formatBytes(item.size, locale);
        const headingId = `material-${item.id}`;
        return (
          <li key={item.id} className={`material${item.access === "allowed" ? "" : " material--locked"}`} aria-labelledby={headingId}>
            <h3 id={headingId} className="material__title">
              {item.title}
            </h3>
            {item.description ? <p className="material__description">{item.description}</p> : null}
            <dl className="material__facts">
              <div>
                <dt>{t.materials.type}</dt>
                <dd>{item.type}</dd>
              </div>
              <div>
                <dt>{t.materials.size}</dt>
                <dd>{size}</dd>
              </div>
              <div>
                <dt>{t.materials.language}</dt>
                <dd>{languages[item.language] ?? item.language}</dd>
              </div>
              <div>
                <dt>{t.materials.date}</dt>
                <dd>
                  {formatDate(item.updatedAt, data.encounter.timezone, locale)}
                  {item.version > 1 ? ` · ${format(t.materials.versionN, { n: item.version })}` : null}
                </dd>
              </div>
            </dl>
            {item.access === "allowed" ? (
              <p className="material__action">
                {/* A plain link: the download is a file, not a page for the client router. */}
                <a
                  className="button"
                  href={`/materiales/${item.id}/descargar`}
                  download
                  aria-label={format(t.materials.downloadNamed, { title: item.title, type: item.type, size })}
                >
                  {t.materials.download}
                </a>
              </p>
            ) : (
              <div className="material__locked">
                <p>
                  <span className="badge badge--muted">{t.materials.visibility[item.visibility]}</span> {needText(t, item, general)}
                </p>
                {item.access === "signIn" ? (
                  <p>
                    <Link to={data.signInUrl}>{t.materials.signIn}</Link>
                  </p>
                ) : item.access === "register" && !general && data.registrationOpen ? (
                  <p>
                    <Link to={`/encuentros/${data.encounter.slug}/registro`}>{t.materials.register}</Link>
                  </p>
                ) : null}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export default function MaterialsPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section>
      <p className="no-print">
        <Link to={`/encuentros/${data.encounter.slug}`}>{t.materials.backToEncounter}</Link>
      </p>
      <h1>{t.materials.title}</h1>
      <p className="lead">{data.encounter.title}</p>
      <p>{t.materials.intro}</p>
      {data.notice ? (
        <p className="alert alert--info" role="status">
          {data.notice === "expired" ? t.materials.linkExpired : t.materials.linkNoAccess}
        </p>
      ) : null}
      {data.participantEmail ? <p className="muted">{format(t.materials.signedInAs, { email: data.participantEmail })}</p> : null}
      {data.minutesUrl ? (
        <p className="card">
          <strong>{t.minutes.nav}:</strong> <Link to={data.minutesUrl}>{t.minutes.general}</Link>
        </p>
      ) : null}
      {data.materials.length === 0 ? <p>{t.materials.none}</p> : <MaterialList items={data.materials} data={data} general={false} />}
      {data.general.length > 0 ? (
        <>
          <h2>{t.materials.general}</h2>
          <p>{t.materials.generalIntro}</p>
          <MaterialList items={data.general} data={data} general />
        </>
      ) : null}
    </section>
  );
}
