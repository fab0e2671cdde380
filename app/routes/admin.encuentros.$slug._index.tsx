import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { EncounterDate } from "~/features/encounters/components/encounter-date";
import { EncounterForm } from "~/features/encounters/components/encounter-form";
import { DuplicateForm, StatusForm } from "~/features/encounters/components/encounter-actions";
import { useLocale, useT } from "~/i18n/index";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { actorOf } from "~/server/audit.server";
import { changeEncounterStatus, duplicateEncounter, updateEncounter } from "~/features/encounters/commands.server";
import { countActiveRegistrations, listEncounterAudit } from "~/features/encounters/queries.server";
import { listCities } from "~/features/cities/queries.server";
import { calendarZones } from "~/features/agenda/calendar.server";
import { duplicateSchema, encounterSchema, statusChangeSchema } from "~/features/encounters/forms";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { getDb } from "~/server/db.server";
import { redirectWithFlash } from "~/server/flash.server";
import { parseFields, refuse, refuseField, refuseForm } from "~/server/forms.server";
import { readForm } from "~/server/http.server";
import { formatDateTime, utcToWallTime } from "~/lib/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.encounter.title ?? "Encuentro"} · Organizadores · Convoca` }];

function formDefaults(encounter: {
  title: string;
  slug: string;
  summary: string;
  venue: string;
  address: string;
  host_city_id: number | null;
  starts_at: string;
  ends_at: string;
  timezone: string;
  capacity: number;
  city_quota: number;
  registration_opens_at: string | null;
  registration_closes_at: string | null;
  contact_email: string | null;
}): Record<string, string> {
  const zone = encounter.timezone;
  const start = utcToWallTime(encounter.starts_at, zone);
  const end = utcToWallTime(encounter.ends_at, zone);
  const opens = encounter.registration_opens_at ? utcToWallTime(encounter.registration_opens_at, zone) : null;
  const closes = encounter.registration_closes_at ? utcToWallTime(encounter.registration_closes_at, zone) : null;
  return {
    title: encounter.title,
    slug: encounter.slug,
    summary: encounter.summary,
    venue: encounter.venue,
    address: encounter.address,
    hostCityId: encounter.host_city_id ? String(encounter.host_city_id) : "",
    timezone: zone,
    startDate: start.date,
    startTime: start.time,
    endDate: end.date,
    endTime: end.time,
    capacity: String(encounter.capacity),
    cityQuota: String(encounter.city_quota),
    registrationOpensDate: opens?.date ?? "",
    registrationOpensTime: opens?.time ?? "",
    registrationClosesDate: closes?.date ?? "",
    registrationClosesTime: closes?.time ?? "",
    contactEmail: encounter.contact_email ?? "",
    // Moving the date moves the agenda too, unless the organizer says otherwise.
    shiftAgenda: "on",
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const zones = calendarZones();
  const start = utcToWallTime(encounter.starts_at, encounter.timezone).date;
  const nextYear = `${String(Number(start.slice(0, 4)) + 1)}${start.slice(4)}`.replace(/-02-29$/, "-02-28");
  return {
    encounter,
    values: formDefaults(encounter),
    cities: await listCities(db),
    zones: zones.includes(encounter.timezone) ? zones : [encounter.timezone, ...zones],
    registrations: await countActiveRegistrations(db, encounter.id),
    history: await listEncounterAudit(db, encounter.id),
    duplicateDefaults: { startDate: nextYear },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const actor = actorOf.organizer(organizer.id);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const done = messagesFor(await getLocale(request)).scheduling.encounters.done;

  if (intent === "save") {
    const zones = calendarZones();
    const submission = parseFields(formData, encounterSchema(zones.includes(encounter.timezone) ? zones : [encounter.timezone, ...zones]));
    if (submission.status !== "success") return refuse(submission);
    const result = await updateEncounter(db, encounter, submission.value, actor);
    if (!result.ok) return refuseField(submission, result.field, result.error);
    return redirectWithFlash(`/admin/encuentros/${result.encounter.slug}`, done.saved);
  }

  if (intent === "duplicate") {
    const submission = parseFields(formData, duplicateSchema);
    if (submission.status !== "success") return refuse(submission);
    const copy = await duplicateEncounter(db, encounter, submission.value, actor);
    return redirectWithFlash(`/admin/encuentros/${copy.slug}`, done.duplicated);
  }

  // The status buttons (publish, close, reopen, unpublish); any other intent is refused here.
  const submission = parseFields(formData, statusChangeSchema);
  if (submission.status !== "success") return refuse(submission);
  const change = submission.value.intent;
  const result = await changeEncounterStatus(db, encounter, change, actor);
  if (result !== "ok") return refuseForm(submission, result, { status: 409 });
  return redirectWithFlash(`/admin/encuentros/${encounter.slug}`, done[change]);
}

export default function EncounterAdminPage() {
  const { encounter, values, cities, zones, registrations, history, duplicateDefaults } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const all = useT();
  const t = all.scheduling;
  const locale = useLocale();
  const base = `/admin/encuentros/${encounter.slug}`;
  // Each form shows the reply to its own send (its intent), never another's.
  const sent = reply?.initialValue?.intent;
  const replyTo = (form: "save" | "duplicate" | "status") => ((sent === "save" || sent === "duplicate" ? sent : "status") === form ? reply : undefined);
  const historyLabels = t.encounters.history.actions as Record<string, string>;
  return (
    <article className="encounter-admin">
      <p className="no-print">
        <Link to="/admin">← {all.admin.encounters}</Link>
      </p>
      <h1>{encounter.title}</h1>
      <p className="muted">
        <EncounterDate startsAt={encounter.starts_at} endsAt={encounter.ends_at} timezone={encounter.timezone} /> ·{" "}
        <span className={`badge${encounter.status === "published" ? " badge--ok" : encounter.status === "draft" ? " badge--warn" : " badge--muted"}`}>
          {all.admin.statuses[encounter.status]}
        </span>
      </p>
      <nav className="actions" aria-label={encounter.title}>
        <Link className="button" to={`${base}/agenda`}>
          {t.links.editAgenda}
        </Link>
        <Link className="button button--secondary" to={`/encuentros/${encounter.slug}`}>
          {t.links.publicPage}
        </Link>
        <Link className="button button--secondary" to={`${base}/informe`}>
          {t.links.report}
        </Link>
        <Link className="button button--secondary" to={`${base}/preguntas`}>
          {all.questions.nav}
        </Link>
        <Link className="button button--secondary" to={`${base}/mensajes`}>
          {all.messages.nav}
        </Link>
        <Link className="button button--secondary" to={`${base}/invitaciones`}>
          {all.words.cityTerms.invitations}
        </Link>
        <Link className="button button--secondary" to={`${base}/certificado`}>
          {all.certificates.nav}
        </Link>
        <Link className="button button--secondary" to={`${base}/relatoria`}>
          {all.minutes.nav}
        </Link>
        <Link className="button button--secondary" to={`${base}/encuestas`}>
          {all.surveys.nav}
        </Link>
      </nav>

      <StatusForm status={encounter.status} registrations={registrations} lastResult={replyTo("status")} />

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t.links.settings}</h2>
        <EncounterForm
          key={JSON.stringify(values)}
          defaultValue={values}
          lastResult={replyTo("save")}
          cities={cities}
          zones={zones}
          submitLabel={t.encounters.save}
          slugLocked={encounter.status !== "draft"}
          offerShiftAgenda
        />
      </section>

      <DuplicateForm encounterTitle={encounter.title} startDate={duplicateDefaults.startDate} lastResult={replyTo("duplicate")} />

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t.encounters.history.heading}</h2>
        {history.length === 0 ? (
          <p>{t.encounters.history.none}</p>
        ) : (
          <div className="table-scroll">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t.encounters.history.when}</th>
                  <th scope="col">{t.encounters.history.who}</th>
                  <th scope="col">{t.encounters.history.what}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((entry) => (
                  <tr key={entry.id}>
                    <td>{formatDateTime(entry.created_at, encounter.timezone, locale)}</td>
                    <td>{entry.who}</td>
                    <td>
                      {historyLabels[entry.action] ?? entry.action}
                      {historyDetail(entry.data)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </article>
  );
}

/** A short hint of what an entry touched: the session's title, or the fields edited. */
function historyDetail(data: string | null): string {
  if (!data) return "";
  try {
    const parsed = JSON.parse(data) as { title?: unknown; changed?: unknown };
    if (typeof parsed.title === "string") return `: ${parsed.title}`;
    if (parsed.changed && typeof parsed.changed === "object") {
      const fields = Object.keys(parsed.changed);
      return fields.length ? ` (${fields.join(", ")})` : "";
    }
  } catch {
    // an entry written by something else: shown without detail
  }
  return "";
}
