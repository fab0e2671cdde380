import { useState } from "react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormAlert } from "~/components/field";
import { CheckboxField, CitySelect, Honeypot, TextArea, TextField } from "~/features/registrations/components/registration-fields";
import { format, plural, useLocale, useT } from "~/i18n/index";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { registrationWindow, type RegistrationWindow } from "~/features/encounters/rules";
import { findCityByDane, listCities } from "~/features/cities/queries.server";
import { cityPlaces, placesLeftByCity } from "~/features/registrations/queries.server";
import { type CityPlaces, registrationRateRules, type RegistrationFieldErrors } from "~/features/registrations/rules";
import { registerForEncounter } from "~/features/registrations/commands/register.server";
import { CityPlacesNote, RegistrationAnswer } from "~/features/registrations/components/registration-answer";
import { getDb } from "~/server/db.server";
import { loadVisibleEncounter } from "~/features/encounters/access.server";
import { clientAddress, readForm } from "~/server/http.server";
import { enforceRateLimit } from "~/server/rate-limit.server";
import { formValues, limits, parseRegistrationForm, registrationSchema } from "~/features/registrations/forms";
import { formatDate, formatDateTime } from "~/lib/time";
import { parseAnswers, type AnswerErrors, type AnswerFormValues } from "~/features/questions/answers";
import { QuestionErrorLinks, QuestionFields } from "~/features/questions/components/question-fields";
import { localizeQuestion } from "~/features/questions/kinds";
import { questionsForForm } from "~/features/questions/queries.server";

// GET /encuentros/:slug/registro shows the form; POST the same registers (fields fullName,
// email, cityDane, entity, position, phone, needs, consent=on; `website` is a honeypot).
// Every registration gets the same answer, word for word, whether the email was known or not:
// "check your email", with what a new registration for the chosen city gets. The personal
// link goes only to the address (never to the page: whoever typed an email may not own it).

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${format(data.title, { encounter: data.encounter.title })} · Convoca` : "Convoca" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await loadVisibleEncounter(db, request, params.slug);
  const locale = await getLocale(request);
  const [cities, cityPlacesLeft, questions] = await Promise.all([listCities(db), placesLeftByCity(db, encounter), questionsForForm(db, encounter.id)]);
  return {
    title: messagesFor(locale).registration.form.pageTitle,
    encounter: {
      slug: encounter.slug,
      title: encounter.title,
      startsAt: encounter.starts_at,
      endsAt: encounter.ends_at,
      timezone: encounter.timezone,
      capacity: encounter.capacity,
      quota: encounter.city_quota,
      opensAt: encounter.registration_opens_at,
      closesAt: encounter.registration_closes_at ?? encounter.ends_at,
      placesLeft: Math.max(0, encounter.capacity - encounter.confirmed_count),
    },
    window: registrationWindow(encounter),
    cities: cities.map((c) => ({ dane: c.dane, name: c.name, department: c.department })),
    cityPlacesLeft,
    questions: questions.map((q) => localizeQuestion(q, locale)),
  };
}

type ActionResult =
  | { kind: "invalid"; errors: RegistrationFieldErrors; values: Record<string, string>; answers?: { errors?: AnswerErrors; values: AnswerFormValues } }
  | { kind: "closed"; window: Exclude<RegistrationWindow, "open"> }
  | { kind: "received"; places: CityPlaces | null };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const { encounter } = await loadVisibleEncounter(db, request, params.slug);
  // A whole venue may share one address: the per-client limit allows hundreds in minutes.
  await enforceRateLimit(db, [`registration:client:${clientAddress(context)}`], registrationRateRules.client);
  const window = registrationWindow(encounter);
  if (window !== "open") return data<ActionResult>({ kind: "closed", window }, { status: 409 });
  const formData = await readForm(request);
  const form = parseRegistrationForm(registrationSchema, formData);
  // The encounter's questions, checked with the rest and saved in the registration's transaction.
  const answers = parseAnswers(await questionsForForm(db, encounter.id), formData);
  if (!form.ok || !answers.ok) {
    const values = form.ok ? formValues(formData) : form.values;
    return data<ActionResult>({ kind: "invalid", errors: form.ok ? {} : form.errors, values, answers }, { status: 400 });
  }
  // A bot filled the field no person sees: answer as if all went well, keep nothing.
  if (form.data.website) {
    const city = await findCityByDane(db, form.data.cityDane);
    return data<ActionResult>({ kind: "received", places: city ? await cityPlaces(db, encounter, city) : null });
  }
  await enforceRateLimit(db, [`registration:email:${form.data.email}`], registrationRateRules.email);

  const outcome = await registerForEncounter(db, encounter.id, form.data, { locale: await getLocale(request), answers: answers.value });
  switch (outcome.kind) {
    case "confirmed":
    case "waitlisted":
    case "duplicate":
      return data<ActionResult>({ kind: "received", places: outcome.places });
    case "closed":
      return data<ActionResult>({ kind: "closed", window: outcome.window }, { status: 409 });
    case "invalid":
      return data<ActionResult>(
        { kind: "invalid", errors: outcome.errors, values: formValues(formData), answers: { values: answers.values } },
        { status: 400 },
      );
    case "full":
      // Only walk-ins can be refused for lack of places; the form waitlists instead.
      return data<ActionResult>({ kind: "closed", window: "closed" }, { status: 409 });
  }
}

export default function RegistrationPage() {
  const { encounter, window, cities, cityPlacesLeft, questions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const r = t.registration;
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const [cityDane, setCityDane] = useState(result?.kind === "invalid" ? (result.values.cityDane ?? "") : "");
  const header = (
    <>
      <p className="muted">
        <Link to={`/encuentros/${encounter.slug}`}>{encounter.title}</Link>
      </p>
      <h1>{r.form.title}</h1>
    </>
  );

  if (result?.kind === "received") {
    return (
      <section className="stack">
        {header}
        <RegistrationAnswer places={result.places} />
        <p>
          <Link to={`/encuentros/${encounter.slug}`}>{r.form.backToEncounter}</Link>
        </p>
      </section>
    );
  }

  const closedWindow = result?.kind === "closed" ? result.window : window !== "open" ? window : null;
  if (closedWindow) {
    return (
      <section className="stack">
        {header}
        <p className="alert alert--warn" role={result ? "alert" : undefined}>
          {closedWindow === "not_yet" && encounter.opensAt
            ? format(r.form.notYet, { date: formatDate(encounter.opensAt, encounter.timezone, locale) })
            : closedWindow === "ended"
              ? format(r.form.ended, { date: formatDateTime(encounter.closesAt, encounter.timezone, locale) })
              : r.form.closed}
        </p>
        <p>
          <Link to={`/encuentros/${encounter.slug}`}>{r.form.backToEncounter}</Link>
        </p>
      </section>
    );
  }

  const errors = result?.kind === "invalid" ? result.errors : {};
  const values = result?.kind === "invalid" ? result.values : {};
  const answers = result?.kind === "invalid" ? result.answers : undefined;
  const errorCount = Object.keys(errors).length + Object.keys(answers?.errors ?? {}).length;
  return (
    <section className="registration">
      {header}
      <p className="lead">{format(r.form.intro, { capacity: encounter.capacity, quota: encounter.quota })}</p>
      <p className={encounter.placesLeft > 0 ? "muted" : "alert alert--warn"}>
        {encounter.placesLeft > 0 ? plural(locale, r.form.placesLeft, encounter.placesLeft) : r.form.full}
      </p>
      {errorCount > 0 ? (
        <FormAlert>
          <p>{t.common.formHasErrors}</p>
          <ul>
            {Object.entries(errors).map(([field, key]) =>
              key && field !== "_form" ? (
                <li key={field}>
                  <a href={`#field-${field}`}>{fieldLabel(r.form, field)}</a>: {r.errors[key]}
                </li>
              ) : null,
            )}
            <QuestionErrorLinks questions={questions} errors={answers?.errors ?? {}} />
          </ul>
        </FormAlert>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <TextField
          name="fullName"
          label={r.form.fullName}
          required
          autoComplete="name"
          maxLength={limits.fullName}
          defaultValue={values.fullName}
          error={errors.fullName}
        />
        <TextField
          name="email"
          type="email"
          label={r.form.email}
          hint={r.form.emailHint}
          required
          autoComplete="email"
          inputMode="email"
          maxLength={limits.email}
          defaultValue={values.email}
          error={errors.email}
        />
        <CitySelect
          label={r.form.city}
          hint={r.form.cityHint}
          cities={cities}
          defaultValue={values.cityDane}
          error={errors.cityDane}
          required
          onValueChange={setCityDane}
        />
        <CityPlacesNote dane={cityDane} cities={cities} placesLeft={cityPlacesLeft} quota={encounter.quota} />
        <TextField
          name="entity"
          label={r.form.entity}
          hint={r.form.entityHint}
          required
          autoComplete="organization"
          maxLength={limits.entity}
          defaultValue={values.entity}
          error={errors.entity}
        />
        <TextField
          name="position"
          label={r.form.position}
          required
          autoComplete="organization-title"
          maxLength={limits.position}
          defaultValue={values.position}
          error={errors.position}
        />
        <TextField name="phone" type="tel" label={r.form.phone} autoComplete="tel" maxLength={limits.phone} defaultValue={values.phone} error={errors.phone} />
        <TextArea
          name="needs"
          label={r.form.needs}
          hint={r.form.needsHint}
          rows={3}
          maxLength={limits.needs}
          defaultValue={values.needs}
          error={errors.needs}
        />
        <QuestionFields questions={questions} errors={answers?.errors} values={answers?.values} />
        <CheckboxField
          name="consent"
          label={r.form.consent}
          required
          error={errors.consent}
          after={
            <p className="field__hint">
              <Link to="/privacidad" target="_blank" rel="noopener">
                {r.form.privacyLink}
              </Link>
            </p>
          }
        />
        <Honeypot />
        <div>
          <button type="submit" className="button" disabled={busy} aria-disabled={busy}>
            {busy ? r.form.submitting : r.form.submit}
          </button>
        </div>
      </Form>
    </section>
  );
}

function fieldLabel(
  form: { fullName: string; email: string; city: string; entity: string; position: string; phone: string; needs: string; consent: string },
  field: string,
): string {
  switch (field) {
    case "fullName":
      return form.fullName;
    case "email":
      return form.email;
    case "cityDane":
      return form.city;
    case "entity":
      return form.entity;
    case "position":
      return form.position;
    case "phone":
      return form.phone;
    case "needs":
      return form.needs;
    case "consent":
      return form.consent.split(/[.,]/)[0];
    default:
      return field;
  }
}
