import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EncounterDate } from "~/features/encounters/components/encounter-date";
import { EncounterForm } from "~/features/encounters/components/encounter-form";
import { ErrorSummary, InputField } from "~/features/encounters/components/scheduling-fields";
import { format, useLocale, useT } from "~/i18n/index";
import { actorOf } from "~/server/audit.server";
import { changeEncounterStatus, duplicateEncounter, updateEncounter } from "~/features/encounters/commands.server";
import { countActiveRegistrations, listEncounterAudit } from "~/features/encounters/queries.server";
import { type StatusChange } from "~/features/encounters/rules";
import { listCities } from "~/features/cities/queries.server";
import { calendarZones } from "~/features/agenda/calendar.server";
import { formValues, type SchedulingErrors } from "~/features/agenda/forms";
import { parseDuplicateForm, parseEncounterForm } from "~/features/encounters/forms";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { getDb } from "~/server/db.server";
import { badRequest, readForm } from "~/server/http.server";
import { formatDateTime, utcToWallTime } from "~/lib/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.encounter.title ?? "Encuentro"} · Organizadores · Convoca` }];

const doneKeys = ["created", "saved", "publish", "close", "reopen", "unpublish", "duplicated"] as const;
type DoneKey = (typeof doneKeys)[number];
const statusChanges: readonly StatusChange[] = ["publish", "close", "reopen", "unpublish"];

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
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const done = new URL(request.url).searchParams.get("hecho");
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
    done: (doneKeys as readonly string[]).includes(done ?? "") ? (done as DoneKey) : null,
    duplicateDefaults: { startDate: nextYear },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const actor = actorOf.organizer(organizer.id);
  const formData = await readForm(request);
  const intent = formData.get("intent");

  if (intent === "save") {
    const zones = calendarZones();
    const form = parseEncounterForm(formData, zones.includes(encounter.timezone) ? zones : [encounter.timezone, ...zones]);
    if (!form.ok) return badRequest({ form: "save" as const, errors: form.errors, values: form.values, refused: null });
    const result = await updateEncounter(db, encounter, form.data, actor);
    if (!result.ok)
      return badRequest({ form: "save" as const, errors: { [result.field]: result.error } as SchedulingErrors, values: formValues(formData), refused: null });
    return redirect(`/admin/encuentros/${result.encounter.slug}?hecho=saved`);
  }

  if (typeof intent === "string" && (statusChanges as readonly string[]).includes(intent)) {
    const change = intent as StatusChange;
    const result = await changeEncounterStatus(db, encounter, change, actor);
    if (result !== "ok") return data({ form: "status" as const, errors: {} as SchedulingErrors, values: {}, refused: result }, { status: 409 });
    return redirect(`/admin/encuentros/${encounter.slug}?hecho=${change}`);
  }

  if (intent === "duplicate") {
    const form = parseDuplicateForm(formData);
    if (!form.ok) return badRequest({ form: "duplicate" as const, errors: form.errors, values: form.values, refused: null });
    const copy = await duplicateEncounter(db, encounter, form.data, actor);
    return redirect(`/admin/encuentros/${copy.slug}?hecho=duplicated`);
  }

  return badRequest({ form: "unknown" as const, errors: {} as SchedulingErrors, values: {}, refused: null });
}

export default function EncounterAdminPage() {
  const { encounter, values, cities, zones, registrations, history, done, duplicateDefaults } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const all = useT();
  const t = all.scheduling;
  const locale = useLocale();
  const base = `/admin/encuentros/${encounter.slug}`;
  const statusActions: StatusChange[] =
    encounter.status === "draft"
      ? ["publish"]
      : encounter.status === "published"
        ? ["close", ...(registrations === 0 ? (["unpublish"] as const) : [])]
        : ["reopen"];
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
      {done ? (
        <p className="alert alert--ok" role="status">
          {t.encounters.done[done]}
        </p>
      ) : null}
      {result?.refused ? (
        <p className="alert alert--error" role="alert">
          {t.encounters.refused[result.refused]}
        </p>
      ) : null}
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
        <Link className="button button--secondary" to={`${base}/invitaciones`}>
          {all.words.cityTerms.invitations}
        </Link>
      </nav>

      <section className="card" aria-labelledby="status-heading">
        <h2 id="status-heading">{t.encounters.status.heading}</h2>
        <p>{t.encounters.status[encounter.status]}</p>
        <Form method="post" className="actions">
          {statusActions.map((change) => (
            <button
              key={change}
              type="submit"
              name="intent"
              value={change}
              className={change === "publish" || change === "reopen" ? "button" : "button button--secondary"}
            >
              {t.encounters.status[change]}
            </button>
          ))}
        </Form>
        {encounter.status === "published" && registrations === 0 ? <p className="field__hint">{t.encounters.status.unpublishHint}</p> : null}
      </section>

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t.links.settings}</h2>
        <EncounterForm
          key={JSON.stringify(values)}
          values={result?.form === "save" ? result.values : values}
          errors={result?.form === "save" ? result.errors : undefined}
          cities={cities}
          zones={zones}
          submitLabel={t.encounters.save}
          slugLocked={encounter.status !== "draft"}
          offerShiftAgenda
        />
      </section>

      <section className="card" aria-labelledby="duplicate-heading">
        <h2 id="duplicate-heading">{t.encounters.duplicate.heading}</h2>
        <p>{t.encounters.duplicate.intro}</p>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="duplicate" />
          {result?.form === "duplicate" ? (
            <ErrorSummary errors={result.errors} labels={{ title: t.encounters.duplicate.title, startDate: t.encounters.duplicate.startDate }} />
          ) : null}
          <InputField
            name="title"
            id="field-duplicate-title"
            label={t.encounters.duplicate.title}
            errors={result?.form === "duplicate" ? { ...(result.errors.title ? { title: result.errors.title } : {}) } : undefined}
            defaultValue={result?.form === "duplicate" ? result.values.title : format(t.encounters.duplicate.defaultTitle, { title: encounter.title })}
            required
          />
          <InputField
            name="startDate"
            id="field-duplicate-startDate"
            type="date"
            label={t.encounters.duplicate.startDate}
            errors={result?.form === "duplicate" ? result.errors : undefined}
            defaultValue={result?.form === "duplicate" ? result.values.startDate : duplicateDefaults.startDate}
            required
          />
          <div>
            <button type="submit" className="button button--secondary">
              {t.encounters.duplicate.submit}
            </button>
          </div>
        </Form>
      </section>

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
