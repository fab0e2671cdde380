import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormAlert, useErrorText } from "~/components/forms";
import { ConsentGate } from "~/features/registrations/components/home/consent-gate";
import { EncounterHome } from "~/features/registrations/components/home/encounter-home";
import { ReceivedMessages } from "~/features/messages/components/received-messages";
import { receivedMessagesView } from "~/features/messages/mail.server";
import { CancelCard, OtherRegistrations, RegistrationDetails } from "~/features/registrations/components/home/registration-details";
import { format, useLocale, useT } from "~/i18n/index";
import { findCityById } from "~/features/cities/queries.server";
import { listParticipantRegistrations, waitlistRank, cityPlaces, openManageLink } from "~/features/registrations/queries.server";
import { encounterHome } from "~/features/registrations/home.server";
import { recordOwnConsent } from "~/features/registrations/commands/consent.server";
import { cancelRegistration } from "~/features/registrations/commands/cancel.server";
import { updateOwnRegistration } from "~/features/registrations/commands/edit.server";
import { actorOf } from "~/server/audit.server";
import { getParticipant } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { redirectWithFlash } from "~/server/flash.server";
import { parseFields, refuse, refuseForm } from "~/server/forms.server";
import { clientAddress, readForm } from "~/server/http.server";
import { limitFailedLookups, signedLinkRule } from "~/server/rate-limit.server";
import { manageRegistrationSchema } from "~/features/registrations/forms";
import { checkinQrSvg, checkinUrl } from "~/features/registrations/tokens.server";
import { formatDateTime } from "~/lib/time";
import { parseAnswers, type AnswerErrors, type AnswerFormValues } from "~/features/questions/answers";
import { saveOwnAnswers } from "~/features/questions/commands.server";
import { OwnAnswers } from "~/features/questions/components/own-answers";
import { questionsForForm, registrationAnswersView } from "~/features/questions/queries.server";
import { answersEditable } from "~/features/questions/rules";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";

// The person's own page, opened by the signed link in their mails: their home for the
// encounter (registration, agenda and calendar, materials, certificate), correct their data,
// cancel. GET only shows (mail scanners open links); changes are POSTs. Entered by someone
// else, the registration first asks for the person's own consent and shows nothing else.
// A malformed, unknown, superseded or expired token gets the same 404 that shows nothing; a
// client that tried too many of those is refused (429) before any lookup, right or wrong.

export const meta: MetaFunction = () => [{ title: "Convoca" }, { name: "robots", content: "noindex" }];

// The token is in the address: keep it out of caches and of Referer headers to other sites.
// "same-origin", not "no-referrer": a form sent before the scripts load (or without them) then
// carries this site's Origin instead of "null", and the origin check lets it through.
const privateHeaders = { "Cache-Control": "no-store", "Referrer-Policy": "same-origin" };
export const headers: HeadersFunction = () => privateHeaders;

function openLink(context: unknown, token: string | undefined) {
  const db = getDb();
  return limitFailedLookups(
    db,
    [`manage-link:client:${clientAddress(context)}`],
    signedLinkRule,
    () => openManageLink(db, token),
    (opened) => !opened,
  );
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const opened = await openLink(context, params.token);
  if (!opened) return data({ found: false as const }, { status: 404, headers: privateHeaders });
  const { registration: reg, encounter, changeable } = opened;
  if (reg.consent_pending === 1) {
    // Nothing of the person or the encounter's materials before their own consent.
    const gate = { slug: encounter.slug, title: encounter.title };
    return data(
      { found: true as const, consentPending: true as const, encounter: gate, source: reg.source, cancellable: changeable && reg.status !== "cancelled" },
      { headers: privateHeaders },
    );
  }
  const rank = reg.status === "waitlisted" && reg.waitlist_position !== null ? await waitlistRank(db, encounter.id, reg.waitlist_position) : null;
  const qrSvg = reg.status === "confirmed" && reg.checkin_code ? await checkinQrSvg(checkinUrl(encounter.slug, reg.checkin_code)) : null;
  const city = reg.status === "waitlisted" ? await findCityById(db, reg.city_id) : null;
  const places = city ? await cityPlaces(db, encounter, city) : null;
  // Signed in as this same person (magic link): their other registrations too.
  const signedIn = await getParticipant(request, db);
  const others =
    signedIn && signedIn.id === reg.participant_id
      ? (await listParticipantRegistrations(db, reg.participant_id))
          .filter((r) => r.id !== reg.id)
          .map((r) => ({ id: r.id, title: r.title, slug: r.slug, status: r.status, startsAt: r.starts_at, timezone: r.timezone }))
      : [];
  const home = await encounterHome(db, reg, encounter, params.token ?? "");
  // The encounter's questions and the person's answers: editable until registration closes.
  const locale = await getLocale(request);
  const answers = await registrationAnswersView(db, encounter.id, reg.id, locale, messagesFor(locale).common);
  const received = await receivedMessagesView(db, reg);
  return data(
    {
      found: true as const,
      consentPending: false as const,
      registration: {
        status: reg.status,
        rank,
        fullName: reg.full_name,
        email: reg.email,
        city: reg.city_name,
        entity: reg.entity,
        position: reg.position,
        phone: reg.phone,
        needs: reg.needs,
        locale: reg.locale,
        checkedInAt: reg.checked_in_at,
        certificateUrl: home.certificateUrl,
        checkinCode: reg.status === "confirmed" ? reg.checkin_code : null,
        // Waiting because the person's city used its quota (not the whole encounter).
        cityFull: places && places.cityLeft <= 0 && places.encounterLeft > 0 ? { city: places.city, quota: places.quota } : null,
      },
      encounter: {
        slug: encounter.slug,
        title: encounter.title,
        startsAt: encounter.starts_at,
        endsAt: encounter.ends_at,
        timezone: encounter.timezone,
        venue: encounter.venue,
        address: encounter.address,
      },
      changeable,
      qrSvg,
      others,
      home,
      answers,
      answersEditable: answersEditable(encounter, reg.status),
      received,
    },
    { headers: privateHeaders },
  );
}

/** The answers to the encounter's questions have their own form (intent "answers"), read before the others. */
type AnswersResult =
  | { kind: "answersSaved" }
  | { kind: "answersInvalid"; errors: AnswerErrors; values: AnswerFormValues }
  | { kind: "answersRefused"; refusal: "locked" | "consentRequired" };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const opened = await openLink(context, params.token);
  if (!opened) throw new Response("No encontrado", { status: 404, headers: privateHeaders });
  const { registration: reg, changeable } = opened;
  const here = `/inscripcion/${params.token}`;
  const formData = await readForm(request);
  if (formData.get("intent") === "answers") {
    // Until registration closes (not the start of the encounter, as for the rest of the data).
    const refused = (refusal: "locked" | "consentRequired") =>
      data<AnswersResult>({ kind: "answersRefused", refusal }, { status: 409, headers: privateHeaders });
    if (reg.consent_pending === 1) return refused("consentRequired");
    if (!answersEditable(opened.encounter, reg.status)) return refused("locked");
    const answers = parseAnswers(await questionsForForm(db, opened.encounter.id), formData);
    if (!answers.ok)
      return data<AnswersResult>({ kind: "answersInvalid", errors: answers.errors, values: answers.values }, { status: 400, headers: privateHeaders });
    await saveOwnAnswers(db, reg.id, answers.value, actorOf.participant(reg.participant_id));
    return data<AnswersResult>({ kind: "answersSaved" }, { headers: privateHeaders });
  }
  const submission = parseFields(formData, manageRegistrationSchema);
  const intent = submission.payload.intent;
  // Consent can be given whenever the link works (a walk-in opens it during the encounter).
  if (intent === "consent") {
    if (reg.consent_pending !== 1) return redirect(here, { status: 303, headers: privateHeaders });
    if (submission.status !== "success") return refuse(submission);
    await recordOwnConsent(db, reg.id);
    const t = messagesFor(await getLocale(request));
    return redirectWithFlash(here, t.registrationHome.consent.given, { status: 303, headers: privateHeaders });
  }
  if (!changeable || reg.status === "cancelled") return refuseForm(submission, "locked", { status: 409 });
  if (intent === "cancel") {
    await cancelRegistration(db, reg.id, { actor: actorOf.participant(reg.participant_id), byOrganizer: false });
    const t = messagesFor(await getLocale(request));
    return redirectWithFlash(here, t.registration.manage.cancelled, { status: 303, headers: privateHeaders });
  }
  if (reg.consent_pending === 1) return refuseForm(submission, "consentRequired", { status: 409 });
  if (submission.status !== "success" || submission.value.intent !== "update") return refuse(submission);
  await updateOwnRegistration(db, reg.id, submission.value);
  return { kind: "saved" as const };
}

export default function ManageRegistration() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saved = result && "kind" in result ? result.kind === "saved" : false;
  const reply = result && !("kind" in result) ? result : undefined;
  const repliedTo = reply?.initialValue?.intent;
  const [params] = useSearchParams();
  const t = useT();
  const m = t.registration.manage;
  const locale = useLocale();

  if (!loaded.found) {
    return (
      <section className="stack">
        <h1>{m.invalidTitle}</h1>
        <p>{m.invalid}</p>
        <p>
          <Link className="button" to="/ingresar/enlace?redirectTo=/mi-cuenta">
            {m.signIn}
          </Link>
        </p>
      </section>
    );
  }
  if (loaded.consentPending) {
    return (
      <ConsentGate
        encounter={loaded.encounter}
        source={loaded.source}
        lastResult={repliedTo === "consent" ? reply : undefined}
        cancellable={loaded.cancellable}
      />
    );
  }

  const { registration: reg, encounter, changeable, qrSvg, others, home, answers, received } = loaded;
  const isNew = params.get("nuevo") === "1";
  return (
    <article className="stack manage">
      <p className="muted">
        <Link to={`/encuentros/${encounter.slug}`}>{encounter.title}</Link>
      </p>
      <h1>{m.title}</h1>
      {isNew && reg.status === "confirmed" ? (
        <p className="alert alert--ok" role="status">
          {m.newConfirmed}
        </p>
      ) : null}
      {reg.status === "waitlisted" && reg.cityFull ? (
        <p className="alert alert--info" role={isNew ? "status" : undefined}>
          {format(reg.cityFull.quota === 1 ? t.registrationHome.places.waitlistedCityOne : t.registrationHome.places.waitlistedCity, reg.cityFull)}
        </p>
      ) : isNew && reg.status === "waitlisted" ? (
        <p className="alert alert--info" role="status">
          {format(m.newWaitlisted, { rank: reg.rank ?? "?" })}
        </p>
      ) : null}
      {saved ? (
        <p className="alert alert--ok" role="status">
          {m.saved}
        </p>
      ) : null}
      <PageRefusal errors={reply?.error?.[""] ?? (result && "kind" in result && result.kind === "answersRefused" ? [result.refusal] : undefined)} />
      {isNew ? <p className="muted">{m.keepLink}</p> : null}

      <dl className="facts">
        <dt>{m.encounter}</dt>
        <dd>
          {encounter.title}
          <br />
          {formatDateTime(encounter.startsAt, encounter.timezone, locale)}
          {encounter.venue ? ` · ${encounter.venue}` : null}
          {encounter.address ? `, ${encounter.address}` : null}
        </dd>
        <dt>{m.status}</dt>
        <dd>
          <span className={`badge badge--status-${reg.status}`}>{t.registration.statuses[reg.status]}</span>
        </dd>
        {reg.rank !== null ? (
          <>
            <dt>{m.rank}</dt>
            <dd>{reg.rank}</dd>
          </>
        ) : null}
      </dl>
      {reg.checkedInAt ? <p className="alert alert--ok">{format(m.checkedIn, { date: formatDateTime(reg.checkedInAt, encounter.timezone, locale) })}</p> : null}
      {reg.status === "cancelled" ? (
        <p>
          {m.isCancelled} <Link to={`/encuentros/${encounter.slug}/registro`}>{m.registerAgain}</Link>
        </p>
      ) : null}

      {qrSvg && reg.checkinCode && !reg.checkedInAt ? (
        <section className="card checkin-card" aria-labelledby="checkin-title">
          <h2 id="checkin-title">{m.checkinTitle}</h2>
          <p>{m.checkinHint}</p>
          <img className="checkin-card__qr" src={`data:image/svg+xml;utf8,${encodeURIComponent(qrSvg)}`} alt={m.checkinQrAlt} width={200} height={200} />
          <p className="checkin-card__code">{reg.checkinCode}</p>
        </section>
      ) : null}

      {reg.status !== "cancelled" ? <EncounterHome home={home} timezone={encounter.timezone} /> : null}
      <ReceivedMessages view={received} timezone={encounter.timezone} />
      <RegistrationDetails reg={reg} changeable={changeable} lastResult={repliedTo === "update" ? reply : undefined} />
      <OwnAnswers
        view={answers}
        editable={loaded.answersEditable}
        timezone={encounter.timezone}
        refused={result && "kind" in result && result.kind === "answersInvalid" ? result : undefined}
        saved={result !== undefined && "kind" in result && result.kind === "answersSaved"}
      />
      {reg.status !== "cancelled" && changeable ? <CancelCard /> : null}
      <OtherRegistrations others={others} />
    </article>
  );
}

/** A refusal of the page as a whole (no longer changeable, consent still missing), above everything. */
function PageRefusal({ errors }: { errors: string[] | null | undefined }) {
  const t = useT();
  const text = useErrorText({ locked: t.registration.manage.locked, consentRequired: t.registrationHome.consent.required });
  return errors?.length ? <FormAlert>{errors.map((key) => text(key)).join(" ")}</FormAlert> : null;
}
