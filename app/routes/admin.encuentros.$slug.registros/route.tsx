import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { useErrorText } from "~/components/forms";
import { RosterNotice } from "~/features/cities/components/city-roster";
import { StatList } from "~/features/reports/components/stat-list";
import { format, plural, useLocale, useT } from "~/i18n/index";
import { countsByCity, registrationTotals, listForOrganizers } from "~/features/registrations/queries.server";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { rosterStandings } from "~/features/cities/authority.server";
import { getDb } from "~/server/db.server";
import { filtersQuery, parseListFilters } from "~/features/registrations/forms";
import type { action } from "./actions.server";
import { CityQuotaTable } from "./city-quota-table";
import { FilterSelect } from "~/components/filter-select";
import { RegistrationsTable } from "./registrations-table";

export { action } from "./actions.server";

// /admin/encuentros/:slug/registros: who registered, found by search and filters; counts per
// city against the quota; cancel on someone's behalf, move someone from the waiting list by
// hand; links to edit, export and import.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Inscripciones · ${data.encounter.title} · Convoca` : "Convoca" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const filters = parseListFilters(new URL(request.url));
  const [rows, cities, totals] = await Promise.all([
    listForOrganizers(db, encounter.id, filters),
    countsByCity(db, encounter.id),
    registrationTotals(db, encounter.id),
  ]);
  const standings = await rosterStandings(
    db,
    rows.map((r) => r.participant_id),
  );
  return {
    encounter: {
      slug: encounter.slug,
      title: encounter.title,
      capacity: encounter.capacity,
      quota: encounter.city_quota,
      timezone: encounter.timezone,
      confirmedCount: encounter.confirmed_count,
    },
    filters,
    query: filtersQuery(filters),
    totals,
    cities,
    rows: rows.map((r) => ({
      id: r.id,
      name: r.full_name,
      email: r.email,
      city: r.city_name,
      cityId: r.city_id,
      entity: r.entity,
      position: r.position,
      phone: r.phone,
      needs: r.needs,
      status: r.status,
      waitlistPosition: r.waitlist_position,
      registeredAt: r.consent_at,
      checkedInAt: r.checked_in_at,
      source: r.source,
      roster: standings.get(r.participant_id) ?? null,
      verifiedForOwnCity: standings.get(r.participant_id)?.cityId === r.city_id,
      consentPending: r.consent_pending === 1,
    })),
  };
}

export default function RegistrationsAdmin() {
  const { encounter, filters, query, totals, cities, rows } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const done = result && "ok" in result ? result : undefined;
  const refused = result && !("ok" in result) ? result : undefined;
  const t = useT();
  const a = t.registration.admin;
  const locale = useLocale();
  const busy = useNavigation().state !== "idle";
  const base = `/admin/encuentros/${encounter.slug}`;
  return (
    <section className="stack registrations-admin">
      <p className="no-print">
        <Link to={base}>{encounter.title}</Link> · <Link to={`${base}/acreditacion`}>{a.checkinNav}</Link>
      </p>
      <h1>{format(a.title, { encounter: encounter.title })}</h1>

      {done ? (
        "roster" in done ? (
          <RosterNotice outcome={done.roster} />
        ) : (
          <p className="alert alert--ok" role="status">
            {done.message === "cancelledPromoted" || done.message === "filled" ? plural(locale, a.done[done.message], done.count ?? 0) : a.done[done.message]}
          </p>
        )
      ) : null}
      {refused ? <Refusal reply={refused} /> : null}

      <section aria-labelledby="totals-title">
        <h2 id="totals-title" className="visually-hidden">
          {a.totals}
        </h2>
        <StatList
          stats={[
            [a.capacity, encounter.capacity],
            [a.confirmed, totals.confirmed],
            [a.free, Math.max(0, encounter.capacity - totals.confirmed)],
            [a.waitlisted, totals.waitlisted],
            [a.checkedIn, totals.checkedIn],
            [a.cancelled, totals.cancelled],
          ]}
        />
      </section>

      {totals.waitlisted > 0 && totals.confirmed < encounter.capacity ? (
        <Form method="post" className="alert alert--info no-print">
          <input type="hidden" name="intent" value="fill" />
          <p>{format(a.fillIntro, { free: encounter.capacity - totals.confirmed, waiting: totals.waitlisted })}</p>
          <button type="submit" className="button" disabled={busy}>
            {a.fill}
          </button>
        </Form>
      ) : null}

      <div className="actions no-print">
        <a className="button button--secondary" href={`${base}/registros.csv${query}`} download>
          {a.exportCsv}
        </a>
        <a className="button button--secondary" href={`${base}/registros.xlsx${query}`} download>
          {a.exportXlsx}
        </a>
        <Link className="button button--secondary" to={`${base}/registros/importar`}>
          {a.import}
        </Link>
      </div>

      <CityQuotaTable cities={cities} quota={encounter.quota} />

      <Form method="get" className="filters no-print" role="search" aria-label={a.filters}>
        <div className="field">
          <label htmlFor="filter-q">{a.search}</label>
          <input id="filter-q" type="search" name="q" defaultValue={filters.q} maxLength={100} />
        </div>
        <FilterSelect
          id="filter-city"
          name="ciudad"
          label={a.city}
          allLabel={a.allCities}
          value={filters.city}
          options={cities.map((c) => ({ value: c.dane, label: c.name }))}
        />
        <div className="field">
          <label htmlFor="filter-status">{a.columns.status}</label>
          <select id="filter-status" name="estado" defaultValue={filters.status}>
            <option value="">{a.allStatuses}</option>
            <option value="confirmed">{t.registration.statuses.confirmed}</option>
            <option value="waitlisted">{t.registration.statuses.waitlisted}</option>
            <option value="cancelled">{t.registration.statuses.cancelled}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-arrived">{a.arrival}</label>
          <select id="filter-arrived" name="llegada" defaultValue={filters.arrived}>
            <option value="">{a.any}</option>
            <option value="si">{a.arrivedYes}</option>
            <option value="no">{a.arrivedNo}</option>
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="button">
            {a.apply}
          </button>
          {query ? <Link to=".">{a.clear}</Link> : null}
        </div>
      </Form>

      <p role="status">{plural(locale, a.shown, rows.length)}</p>
      {rows.length === 0 ? <p>{a.none}</p> : <RegistrationsTable rows={rows} timezone={encounter.timezone} base={base} reply={refused} busy={busy} />}
    </section>
  );
}

/** Why an action was refused: the form's own refusal (no place left...), else "not valid". */
function Refusal({ reply }: { reply: SubmissionResult<string[]> }) {
  const t = useT();
  const text = useErrorText({ ...t.registration.errors, ...t.registration.admin.refusals });
  const key = reply.error?.[""]?.[0];
  // A verification refused because the person's city changed says so as the roster's notice.
  if (key === "cityChanged") return <RosterNotice outcome="cityChanged" />;
  return (
    <p className="alert alert--error" role="alert">
      {key ? text(key) : t.registration.errors.invalid}
    </p>
  );
}
