import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { readForm } from "~/server/http.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RosterButton, RosterNotice, RosterStanding } from "~/features/cities/components/city-roster";
import { TextArea } from "~/features/registrations/components/registration-fields";
import { format, plural, useLocale, useT } from "~/i18n";
import { actorOf } from "~/server/audit.server";
import { countsByCity, findRegistrationById, registrationTotals } from "~/features/registrations/model.server";
import { listForOrganizers } from "~/features/registrations/admin.server";
import { cancelRegistration, fillFromWaitlist, promoteByHand } from "~/features/registrations/service.server";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { rosterStandings } from "~/features/cities/authority.server";
import { getDb } from "~/server/db.server";
import { adminRegistrationActionSchema, filtersQuery, parseListFilters, parseRegistrationForm, type RegistrationErrorKey } from "~/features/registrations/forms";
import { formatDateTime } from "~/lib/time";
import { applyRosterIntent, rosterIntentOf, type RosterOutcome } from "~/features/cities/roster-actions.server";

// /admin/encuentros/:slug/registros: who registered, found by search and filters; counts per
// city against the quota; cancel on someone's behalf, move someone from the waiting list by
// hand; links to edit, export and import.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Inscripciones · ${data.encounter.title} · Convoca` : "Convoca" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const filters = parseListFilters(new URL(request.url));
  const [rows, cities, totals] = await Promise.all([listForOrganizers(db, encounter.id, filters), countsByCity(db, encounter.id), registrationTotals(db, encounter.id)]);
  const standings = await rosterStandings(db, rows.map((r) => r.participant_id));
  return {
    encounter: { slug: encounter.slug, title: encounter.title, capacity: encounter.capacity, quota: encounter.city_quota, timezone: encounter.timezone, confirmedCount: encounter.confirmed_count },
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

type ActionResult =
  | { ok: true; roster: RosterOutcome }
  | { ok: true; message: "cancelled" | "cancelledPromoted" | "promoted" | "filled"; count?: number }
  | { ok: false; refusal: "notActive" | "notWaitlisted" | "full" | "cityFull" | "invalid"; reasonError?: { registrationId: string; error: RegistrationErrorKey; reason: string } };

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const formData = await readForm(request);
  if (rosterIntentOf(formData)) {
    const roster = await applyRosterIntent(db, formData, { encounterId: encounter.id, organizerId: organizer.id });
    if (!roster) return data<ActionResult>({ ok: false, refusal: "notActive" }, { status: 404 });
    return data<ActionResult>({ ok: true, roster }, { status: roster === "cityChanged" ? 409 : 200 });
  }
  const form = parseRegistrationForm(adminRegistrationActionSchema, formData);
  if (!form.ok) {
    // A refused cancellation reason is shown on its row's textarea, the row's form open again.
    const reason = form.values.intent === "cancel" ? form.errors.reason : undefined;
    const reasonError = reason ? { registrationId: form.values.registrationId ?? "", error: reason, reason: form.values.reason ?? "" } : undefined;
    return data<ActionResult>({ ok: false, refusal: "invalid", reasonError }, { status: 400 });
  }
  if (form.data.intent === "fill") {
    const promoted = await fillFromWaitlist(db, encounter.id, organizer.id);
    return data<ActionResult>({ ok: true, message: "filled", count: promoted.length });
  }
  const reg = await findRegistrationById(db, form.data.registrationId);
  if (!reg || reg.encounter_id !== encounter.id) return data<ActionResult>({ ok: false, refusal: "notActive" }, { status: 404 });
  if (form.data.intent === "cancel") {
    const result = await cancelRegistration(db, reg.id, { actor: actorOf.organizer(organizer.id), byOrganizer: true, reason: form.data.reason, notify: form.data.notify });
    if (!result.ok) return data<ActionResult>({ ok: false, refusal: result.reason }, { status: 409 });
    return data<ActionResult>(result.promoted.length ? { ok: true, message: "cancelledPromoted", count: result.promoted.length } : { ok: true, message: "cancelled" });
  }
  const result = await promoteByHand(db, reg.id, organizer.id, { ignoreCityQuota: form.data.ignoreQuota });
  if (!result.ok) return data<ActionResult>({ ok: false, refusal: result.reason }, { status: 409 });
  return data<ActionResult>({ ok: true, message: "promoted" });
}

export default function RegistrationsAdmin() {
  const { encounter, filters, query, totals, cities, rows } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const reasonError = result && !result.ok ? result.reasonError : undefined;
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

      {result ? (
        result.ok && "roster" in result ? (
          <RosterNotice outcome={result.roster} />
        ) : result.ok ? (
          <p className="alert alert--ok" role="status">
            {result.message === "cancelledPromoted" || result.message === "filled" ? plural(locale, a.done[result.message], result.count ?? 0) : a.done[result.message]}
          </p>
        ) : (
          <p className="alert alert--error" role="alert">
            {result.refusal === "invalid" ? t.registration.errors.invalid : a.refusals[result.refusal]}
          </p>
        )
      ) : null}

      <section aria-labelledby="totals-title">
        <h2 id="totals-title" className="visually-hidden">
          {a.totals}
        </h2>
        <dl className="stats">
          <div className="stat">
            <dt>{a.capacity}</dt>
            <dd>{encounter.capacity}</dd>
          </div>
          <div className="stat">
            <dt>{a.confirmed}</dt>
            <dd>{totals.confirmed}</dd>
          </div>
          <div className="stat">
            <dt>{a.free}</dt>
            <dd>{Math.max(0, encounter.capacity - totals.confirmed)}</dd>
          </div>
          <div className="stat">
            <dt>{a.waitlisted}</dt>
            <dd>{totals.waitlisted}</dd>
          </div>
          <div className="stat">
            <dt>{a.checkedIn}</dt>
            <dd>{totals.checkedIn}</dd>
          </div>
          <div className="stat">
            <dt>{a.cancelled}</dt>
            <dd>{totals.cancelled}</dd>
          </div>
        </dl>
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

      <details>
        <summary>{format(a.byCity, { quota: encounter.quota })}</summary>
        <div className="table-scroll">
          <table className="data city-quota">
            <thead>
              <tr>
                <th scope="col">{a.city}</th>
                <th scope="col" className="num">
                  {a.confirmed}
                </th>
                <th scope="col" className="num">
                  {a.waitlisted}
                </th>
                <th scope="col" className="num">
                  {a.checkedIn}
                </th>
              </tr>
            </thead>
            <tbody>
              {cities.map((c) => (
                <tr key={c.dane} className={c.confirmed >= encounter.quota ? "city-quota--full" : undefined}>
                  <th scope="row">
                    <Link to={`?ciudad=${c.dane}`}>{c.name}</Link>
                    {c.confirmed >= encounter.quota ? <span className="badge badge--warn"> {a.quotaFull}</span> : null}
                  </th>
                  <td className="num">
                    {c.confirmed} / {encounter.quota}
                  </td>
                  <td className="num">{c.waitlisted}</td>
                  <td className="num">{c.checkedIn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>

      <Form method="get" className="filters no-print" role="search" aria-label={a.filters}>
        <div className="field">
          <label htmlFor="filter-q">{a.search}</label>
          <input id="filter-q" type="search" name="q" defaultValue={filters.q} maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor="filter-city">{a.city}</label>
          <select id="filter-city" name="ciudad" defaultValue={filters.city}>
            <option value="">{a.allCities}</option>
            {cities.map((c) => (
              <option key={c.dane} value={c.dane}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
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
      {rows.length === 0 ? (
        <p>{a.none}</p>
      ) : (
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{a.columns.person}</th>
                <th scope="col">{a.columns.city}</th>
                <th scope="col">{a.columns.status}</th>
                <th scope="col">{a.columns.registeredAt}</th>
                <th scope="col">{a.columns.checkedInAt}</th>
                <th scope="col" className="no-print">
                  {a.columns.actions}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <strong>{r.name}</strong>
                    <br />
                    <span className="muted">{r.email}</span>
                    <br />
                    {r.entity} · {r.position}
                    {r.phone ? ` · ${r.phone}` : null}
                    {r.needs ? (
                      <>
                        <br />
                        <em>
                          {a.columns.needs}: {r.needs}
                        </em>
                      </>
                    ) : null}
                  </td>
                  <td>
                    {r.city}
                    <br />
                    <RosterStanding standing={r.roster} personCity={r.city} timezone={encounter.timezone} />
                  </td>
                  <td>
                    <span className={`badge badge--status-${r.status}`}>{t.registration.statuses[r.status]}</span>
                    {r.waitlistPosition !== null ? ` #${r.waitlistPosition}` : null}
                    {r.source !== "form" ? (
                      <>
                        <br />
                        <span className="muted">{t.registration.sources[r.source]}</span>
                      </>
                    ) : null}
                    {r.consentPending ? (
                      <>
                        <br />
                        <span className="badge badge--warn" title={t.registrationHome.consent.pendingHint}>
                          {t.registrationHome.consent.pending}
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td>{formatDateTime(r.registeredAt, encounter.timezone, locale)}</td>
                  <td>{r.checkedInAt ? formatDateTime(r.checkedInAt, encounter.timezone, locale) : "—"}</td>
                  <td className="no-print">
                    <div className="row-actions">
                      <Link className="button button--secondary button--small" to={`${base}/registros/${r.id}`} aria-label={`${a.edit}: ${r.name}`}>
                        {a.edit}
                      </Link>
                      <RosterButton registrationId={r.id} cityId={r.cityId} verified={r.roster !== null} verifiedForOwnCity={r.verifiedForOwnCity} name={r.name} disabled={busy} />
                      {r.status === "waitlisted" ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="promote" />
                          <input type="hidden" name="registrationId" value={r.id} />
                          <button type="submit" className="button button--small" disabled={busy} aria-label={`${a.promote}: ${r.name}`}>
                            {a.promote}
                          </button>
                        </Form>
                      ) : null}
                      {r.status === "waitlisted" ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="promote" />
                          <input type="hidden" name="registrationId" value={r.id} />
                          <input type="hidden" name="ignoreQuota" value="on" />
                          <button type="submit" className="button button--secondary button--small" disabled={busy}>
                            {a.promoteQuota}
                          </button>
                        </Form>
                      ) : null}
                      {r.status !== "cancelled" ? (
                        <details open={reasonError?.registrationId === String(r.id) || undefined}>
                          <summary className="button button--secondary button--small">{a.cancel}</summary>
                          <Form method="post">
                            <input type="hidden" name="intent" value="cancel" />
                            <input type="hidden" name="registrationId" value={r.id} />
                            <TextArea
                              id={`reason-${r.id}`}
                              name="reason"
                              label={a.cancelReason}
                              rows={2}
                              maxLength={1000}
                              defaultValue={reasonError?.registrationId === String(r.id) ? reasonError.reason : undefined}
                              error={reasonError?.registrationId === String(r.id) ? reasonError.error : undefined}
                            />
                            <div className="checkbox">
                              <input type="checkbox" id={`notify-${r.id}`} name="notify" value="on" defaultChecked />
                              <label htmlFor={`notify-${r.id}`}>{a.notify}</label>
                            </div>
                            <button type="submit" className="button button--danger button--small" disabled={busy}>
                              {format(a.cancelConfirm, { name: r.name })}
                            </button>
                          </Form>
                        </details>
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
