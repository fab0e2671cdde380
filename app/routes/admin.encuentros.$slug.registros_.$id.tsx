import { getFormProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RosterButton, RosterNotice, RosterStanding } from "~/features/cities/components/city-roster";
import { Field, FormAlert, FormErrors, TextareaField } from "~/components/forms";
import { CitySelect } from "~/features/registrations/components/registration-fields";
import { format, useLocale, useT } from "~/i18n/index";
import { listCities } from "~/features/cities/queries.server";
import { findRegistrationById, listRegistrationAudit } from "~/features/registrations/queries.server";
import { updateRegistrationByOrganizer } from "~/features/registrations/commands/edit.server";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { rosterStandings } from "~/features/cities/authority.server";
import { getDb } from "~/server/db.server";
import { parseFields, refuse, refuseField, refuseForm } from "~/server/forms.server";
import { notFound, readForm } from "~/server/http.server";
import { requireId } from "~/server/params.server";
import { organizerEditSchema, registrationRosterSchema } from "~/features/registrations/forms";
import { fieldLimits as limits, type RegistrationErrorKey } from "~/features/registrations/rules";
import { formatDateTime } from "~/lib/time";
import { applyRosterIntent, isRosterIntent, type RosterOutcome } from "~/features/cities/roster-actions.server";
import { RegistrationAnswers } from "~/features/questions/components/registration-answers";
import { registrationAnswersView } from "~/features/questions/queries.server";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { redirectWithFlash } from "~/server/flash.server";

// /admin/encuentros/:slug/registros/:id — an organizer corrects someone's registration.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.registration.fullName} · Inscripciones · Convoca` : "Convoca" }];

async function load(request: Request, params: { slug?: string; id?: string }) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const reg = await findRegistrationById(db, requireId(params, "id"));
  if (!reg || reg.encounter_id !== encounter.id) notFound();
  return { db, organizer, encounter, reg };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, encounter, reg } = await load(request, params);
  const [cities, history, standings] = await Promise.all([listCities(db), listRegistrationAudit(db, reg.id), rosterStandings(db, [reg.participant_id])]);
  const standing = standings.get(reg.participant_id) ?? null;
  const locale = await getLocale(request);
  const answers = await registrationAnswersView(db, encounter.id, reg.id, locale, messagesFor(locale).common);
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
    answers,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, organizer, encounter, reg } = await load(request, params);
  const formData = await readForm(request);
  if (isRosterIntent(formData.get("intent"))) {
    const submission = parseFields(formData, registrationRosterSchema);
    if (submission.status !== "success") return refuse(submission);
    const roster = await applyRosterIntent(db, submission.value, { encounterId: encounter.id, organizerId: organizer.id, registrationId: reg.id });
    if (!roster) notFound();
    // The city changed since the page showed it: nothing is verified.
    if (roster === "cityChanged") return refuseForm(submission, "cityChanged", { status: 409 });
    return { roster };
  }
  const submission = parseFields(formData, organizerEditSchema);
  if (submission.status !== "success") return refuse(submission);
  const result = await updateRegistrationByOrganizer(db, reg.id, submission.value, organizer.id);
  if (!result.ok) {
    // The domain refuses one thing at a time: a city that is full or locked, or a gone registration.
    const [field, key] = Object.entries(result.errors)[0] ?? ["_form", "invalid"];
    return field === "_form" ? refuseForm(submission, key ?? "invalid", { status: 409 }) : refuseField(submission, field, key ?? "invalid", { status: 409 });
  }
  // Back to the list, found by the person's address, the change said once.
  const saved = messagesFor(await getLocale(request)).registration.admin.done.saved;
  return redirectWithFlash(`/admin/encuentros/${encounter.slug}/registros?q=${encodeURIComponent(reg.email)}`, saved, { status: 303 });
}

export default function EditRegistration() {
  const { encounter, registration: reg, roster, cities, history, answers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const rosterOutcome: RosterOutcome | undefined = result && "roster" in result ? result.roster : undefined;
  const reply = result && !("roster" in result) ? result : undefined;
  // A roster button's refusal (the city changed meanwhile) is the roster's notice, not the form's.
  const rosterRefused = reply?.initialValue?.intent === "verifyCity" && reply.error?.[""]?.[0] === "cityChanged";
  const [form, fields] = useForm({
    id: "registration-edit",
    lastResult: reply && !reply.initialValue?.intent ? reply : undefined,
    defaultValue: {
      fullName: reg.fullName,
      cityDane: reg.cityDane,
      entity: reg.entity,
      position: reg.position,
      phone: reg.phone ?? "",
      needs: reg.needs ?? "",
    },
  });
  const t = useT();
  const a = t.registration.admin;
  const f = t.registration.form;
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  return (
    <section className="stack">
      <p className="no-print">
        <Link to={`/admin/encuentros/${encounter.slug}/registros`}>{a.back}</Link>
      </p>
      <h1>{format(a.editTitle, { name: reg.fullName })}</h1>
      <p>
        <span className={`badge badge--status-${reg.status}`}>{t.registration.statuses[reg.status]}</span> · {reg.email} · {a.source}:{" "}
        {t.registration.sources[reg.source]} · {format(a.registeredAt, { date: formatDateTime(reg.registeredAt, encounter.timezone, locale) })}
      </p>
      {rosterOutcome ? (
        <RosterNotice outcome={rosterOutcome} />
      ) : rosterRefused ? (
        <RosterNotice outcome="cityChanged" />
      ) : reply?.initialValue?.intent ? (
        <FormAlert>{t.registration.errors.invalid}</FormAlert>
      ) : null}
      <section aria-labelledby="roster-title" className="card">
        <h2 id="roster-title">{t.cityAuthority.roster.title}</h2>
        <p>
          <RosterStanding standing={roster.standing} personCity={roster.cityName} timezone={encounter.timezone} />
        </p>
        <p className="muted">{t.cityAuthority.roster.explain}</p>
        <div className="row-actions">
          <RosterButton
            registrationId={reg.id}
            cityId={roster.cityId}
            verified={roster.standing !== null}
            verifiedForOwnCity={roster.verifiedForOwnCity}
            name={reg.fullName}
            disabled={busy}
          />
        </div>
      </section>
      <p className="muted">{a.editIntro}</p>
      <FormErrors form={form} messages={t.registration.errors} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <Field meta={fields.fullName} id="field-fullName" label={f.fullName} required maxLength={limits.fullName} messages={t.registration.errors} />
        <CitySelect
          name={fields.cityDane.name}
          label={f.city}
          cities={cities}
          defaultValue={fields.cityDane.initialValue as string | undefined}
          error={fields.cityDane.errors?.[0] as RegistrationErrorKey | undefined}
          required
        />
        <Field meta={fields.entity} id="field-entity" label={f.entity} required maxLength={limits.entity} messages={t.registration.errors} />
        <Field meta={fields.position} id="field-position" label={f.position} required maxLength={limits.position} messages={t.registration.errors} />
        <Field meta={fields.phone} id="field-phone" type="tel" label={f.phone} required={false} maxLength={limits.phone} messages={t.registration.errors} />
        <TextareaField
          meta={fields.needs}
          id="field-needs"
          label={f.needs}
          required={false}
          rows={3}
          maxLength={limits.needs}
          messages={t.registration.errors}
        />
        <div>
          <button type="submit" className="button" disabled={busy}>
            {t.common.save}
          </button>
        </div>
      </Form>
      <RegistrationAnswers items={answers.items} sensitiveConsentAt={answers.sensitiveConsentAt} timezone={encounter.timezone} />
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
