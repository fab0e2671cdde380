import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { format, plural, useLocale, useT } from "~/i18n/index";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { registrationWindow, type RegistrationWindow } from "~/features/encounters/rules";
import { findCityByDane, listCities } from "~/features/cities/queries.server";
import { cityPlaces, placesLeftByCity } from "~/features/registrations/queries.server";
import { type CityPlaces, registrationRateRules } from "~/features/registrations/rules";
import { registerForEncounter } from "~/features/registrations/commands/register.server";
import { RegistrationAnswer } from "~/features/registrations/components/registration-answer";
import { RegistrationForm } from "~/features/registrations/components/registration-form";
import { getDb } from "~/server/db.server";
import { loadVisibleEncounter } from "~/features/encounters/access.server";
import { clientAddress, readForm } from "~/server/http.server";
import { enforceRateLimit } from "~/server/rate-limit.server";
import { parseFields, refuseField, type SubmissionResult } from "~/server/forms.server";
import { registrationSchema } from "~/features/registrations/forms";
import { formatDate, formatDateTime } from "~/lib/time";
import { parseAnswers, type AnswerErrors, type AnswerFormValues } from "~/features/questions/answers";
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

/** What the page answers besides a refused form (conform's reply): closed, or "check your email". */
type Answer = { kind: "closed"; window: Exclude<RegistrationWindow, "open"> } | { kind: "received"; places: CityPlaces | null };

/** A refused form: conform's reply, and the answers to the encounter's questions as typed. */
type Reply = SubmissionResult<string[]> & { answers?: { errors?: AnswerErrors; values: AnswerFormValues } };

/** The honeypot is never echoed back into the form. */
const hideFields = ["website"];

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const { encounter } = await loadVisibleEncounter(db, request, params.slug);
  // A whole venue may share one address: the per-client limit allows hundreds in minutes.
  await enforceRateLimit(db, [`registration:client:${clientAddress(context)}`], registrationRateRules.client);
  const window = registrationWindow(encounter);
  if (window !== "open") return data<Answer>({ kind: "closed", window }, { status: 409 });
  const formData = await readForm(request);
  const submission = parseFields(formData, registrationSchema);
  // The encounter's questions, checked with the rest and saved in the registration's transaction;
  // their errors join the form's in conform's reply.
  const answers = parseAnswers(await questionsForForm(db, encounter.id), formData);
  if (submission.status !== "success" || !answers.ok) {
    const reply = submission.reply({ fieldErrors: answers.ok ? {} : answers.errors, hideFields });
    return data<Reply>({ ...reply, answers: { errors: answers.ok ? undefined : answers.errors, values: answers.values } }, { status: 400 });
  }
  const person = submission.value;
  // A bot filled the field no person sees: answer as if all went well, keep nothing.
  if (person.website) {
    const city = await findCityByDane(db, person.cityDane);
    return data<Answer>({ kind: "received", places: city ? await cityPlaces(db, encounter, city) : null });
  }
  await enforceRateLimit(db, [`registration:email:${person.email}`], registrationRateRules.email);

  const outcome = await registerForEncounter(db, encounter.id, person, { locale: await getLocale(request), answers: answers.value });
  switch (outcome.kind) {
    case "confirmed":
    case "waitlisted":
    case "duplicate":
      return data<Answer>({ kind: "received", places: outcome.places });
    case "closed":
      return data<Answer>({ kind: "closed", window: outcome.window }, { status: 409 });
    case "invalid": {
      // The domain refuses one field at a time (an address the outbox cannot send to, an unknown city).
      const [field, key] = Object.entries(outcome.errors)[0] ?? ["", "invalid"];
      return refuseField(submission, field, key ?? "invalid", { hideFields });
    }
    case "full":
      // Only walk-ins can be refused for lack of places; the form waitlists instead.
      return data<Answer>({ kind: "closed", window: "closed" }, { status: 409 });
  }
}

export default function RegistrationPage() {
  const { encounter, window, cities, cityPlacesLeft, questions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const answer = result && "kind" in result ? (result as Answer) : undefined;
  const reply = result && !("kind" in result) ? (result as Reply) : undefined;
  const r = useT().registration;
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const header = (
    <>
      <p className="muted">
        <Link to={`/encuentros/${encounter.slug}`}>{encounter.title}</Link>
      </p>
      <h1>{r.form.title}</h1>
    </>
  );

  if (answer?.kind === "received") {
    return (
      <section className="stack">
        {header}
        <RegistrationAnswer places={answer.places} />
        <p>
          <Link to={`/encuentros/${encounter.slug}`}>{r.form.backToEncounter}</Link>
        </p>
      </section>
    );
  }

  const closedWindow = answer?.kind === "closed" ? answer.window : window !== "open" ? window : null;
  if (closedWindow) {
    return (
      <section className="stack">
        {header}
        <p className="alert alert--warn" role={answer ? "alert" : undefined}>
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

  return (
    <section className="registration">
      {header}
      <p className="lead">{format(r.form.intro, { capacity: encounter.capacity, quota: encounter.quota })}</p>
      <p className={encounter.placesLeft > 0 ? "muted" : "alert alert--warn"}>
        {encounter.placesLeft > 0 ? plural(locale, r.form.placesLeft, encounter.placesLeft) : r.form.full}
      </p>
      <RegistrationForm
        cities={cities}
        cityPlacesLeft={cityPlacesLeft}
        quota={encounter.quota}
        lastResult={reply}
        busy={busy}
        questions={questions}
        answers={reply?.answers}
      />
    </section>
  );
}
