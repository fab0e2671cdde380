import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RosterButton, RosterNotice, RosterStanding } from "~/features/cities/components/city-roster";
import { FormAlert } from "~/components/field";
import { CitySelect, TextArea, TextField } from "~/features/registrations/components/registration-fields";
import { format, useLocale, useT } from "~/i18n";
import { listCities } from "~/features/cities/queries.server";
import { findRegistrationById, listRegistrationAudit } from "~/features/registrations/model.server";
import { updateRegistrationByOrganizer } from "~/features/registrations/service.server";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { rosterStandings } from "~/features/cities/authority.server";
import { getDb } from "~/server/db.server";
import { notFound, readForm } from "~/server/http.server";
import { limits, organizerEditSchema, parseRegistrationForm, type RegistrationFieldErrors } from "~/features/registrations/forms";
import { formatDateTime } from "~/lib/time";
import { applyRosterIntent, rosterIntentOf, type RosterOutcome } from "~/features/cities/roster-actions.server";

// /admin/encuentros/:slug/registros/:id — an organizer corrects someone's registration.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.registration.fullName} · Inscripciones · Convoca` : "Convoca" }];

function registrationIdOf(param: string | undefined): number {
  const id = Number(param);
  if (!param || !/^\d{1,10}$/.test(param) || !Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

async function load(request: Request, params: { slug?: string; id?: string }) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const reg = await findRegistrationById(db, registrationIdOf(params.id));
  if (!reg || reg.encounter_id !== encounter.id) notFound();
  return { db, organizer, encounter, reg };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, encounter, reg } = await load(request, params);
  const [cities, history, standings] = await Promise.all([listCities(db), listRegistrationAudit(db, reg.id), rosterStandings(db, [reg.participant_id])]);
  const standing = standings.get(reg.participant_id) ?? null;
  return {
    encounter: { slug: encounter.slug, title: encounter.title, timezone: encounter.timezone },
    registration: {
      id: reg.id,
      fullName: reg.full_name,
      email: reg.email,
      cityDane: reg.city_dane,
      entity: reg.entity,
      position: reg.position,
      phone: reg.phone,
      needs: reg.needs,
      status: reg.status,
      source: reg.source,
      registeredAt: reg.created_at,
    },
    roster: { standing, cityName: reg.city_name, cityId: reg.city_id, verifiedForOwnCity: standing?.cityId === reg.city_id },
    cities: cities.map((c) => ({ dane: c.dane, name: c.name, department: c.department })),
    history,
  };
}

type ActionResult = { errors: RegistrationFieldErrors; values: Record<string, string>; roster?: undefined } | { roster: RosterOutcome; errors?: undefined; values?: undefined };

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, organizer, encounter, reg } = await load(request, params);
  const formData = await readForm(request);
  if (rosterIntentOf(formData)) {
    const roster = await applyRosterIntent(db, formData, { encounterId: encounter.id, organizerId: organizer.id, registrationId: reg.id });
    if (!roster) notFound();
    return data<ActionResult>({ roster }, { status: roster === "cityChanged" ? 409 : 200 });
  }
  const form = parseRegistrationForm(organizerEditSchema, formData);
  if (!form.ok) return data<ActionResult>({ errors: form.errors, values: form.values }, { status: 400 });
  const result = await updateRegistrationByOrganizer(db, reg.id, form.data, organizer.id);
  if (!result.ok) {
    const values = Object.fromEntries(Object.entries(form.data).map(([k, v]) => [k, v == null ? "" : String(v)]));
    return data<ActionResult>({ errors: result.errors, values }, { status: 409 });
  }
  return redirect(`/admin/encuentros/${encounter.slug}/registros?q=${encodeURIComponent(reg.email)}`, 303);
}

export default function EditRegistration() {
  const { encounter, registration: reg, roster, cities, history } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const a = t.registration.admin;
  const f = t.registration.form;
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors ?? {};
  const values = result?.values ?? {};
  return (
    <section className="stack">
      <p className="no-print">
        <Link to={`/admin/encuentros/${encounter.slug}/registros`}>{a.back}</Link>
      </p>
      <h1>{format(a.editTitle, { name: reg.fullName })}</h1>
      <p>
        <span className={`badge badge--status-${reg.status}`}>{t.registration.statuses[reg.status]}</span> · {reg.email} · {a.source}: {t.registration.sources[reg.source]} ·{" "}
        {format(a.registeredAt, { date: formatDateTime(reg.registeredAt, encounter.timezone, locale) })}
      </p>
      {result?.roster ? <RosterNotice outcome={result.roster} /> : null}
      <section aria-labelledby="roster-title" className="card">
        <h2 id="roster-title">{t.cityAuthority.roster.title}</h2>
        <p>
          <RosterStanding standing={roster.standing} personCity={roster.cityName} timezone={encounter.timezone} />
        </p>
        <p className="muted">{t.cityAuthority.roster.explain}</p>
        <div className="row-actions">
          <RosterButton registrationId={reg.id} cityId={roster.cityId} verified={roster.standing !== null} verifiedForOwnCity={roster.verifiedForOwnCity} name={reg.fullName} disabled={busy} />
        </div>
      </section>
      <p className="muted">{a.editIntro}</p>
      {Object.keys(errors).length > 0 ? <FormAlert>{errors._form ? t.registration.errors.invalid : t.common.formHasErrors}</FormAlert> : null}
      <Form method="post" className="stack" noValidate>
        <TextField name="fullName" label={f.fullName} required maxLength={limits.fullName} defaultValue={values.fullName ?? reg.fullName} error={errors.fullName} />
        <CitySelect label={f.city} cities={cities} defaultValue={values.cityDane ?? reg.cityDane} error={errors.cityDane} required />
        <TextField name="entity" label={f.entity} required maxLength={limits.entity} defaultValue={values.entity ?? reg.entity} error={errors.entity} />
        <TextField name="position" label={f.position} required maxLength={limits.position} defaultValue={values.position ?? reg.position} error={errors.position} />
        <TextField name="phone" type="tel" label={f.phone} maxLength={limits.phone} defaultValue={values.phone ?? reg.phone ?? ""} error={errors.phone} />
        <TextArea name="needs" label={f.needs} rows={3} maxLength={limits.needs} defaultValue={values.needs ?? reg.needs ?? ""} error={errors.needs} />
        <div>
          <button type="submit" className="button" disabled={busy}>
            {t.common.save}
          </button>
        </div>
      </Form>
      {history.length > 0 ? (
        <section aria-labelledby="history-title">
          <h2 id="history-title">{a.history}</h2>
          <ul>
            {history.map((h) => (
              <li key={h.id}>
                {formatDateTime(h.created_at, encounter.timezone, locale)} · {h.action} · {h.actor}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
