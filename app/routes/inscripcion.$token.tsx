import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormAlert } from "~/components/field";
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
import { clientAddress, readForm } from "~/server/http.server";
import { limitFailedLookups, signedLinkRule } from "~/server/rate-limit.server";
import { parseRegistrationForm, selfServiceSchema } from "~/features/registrations/forms";
import type { RegistrationFieldErrors } from "~/features/registrations/rules";
import { checkinQrSvg, checkinUrl } from "~/features/registrations/tokens.server";
import { formatDateTime } from "~/lib/time";

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
      received,
    },
    { headers: privateHeaders },
  );
}

type ActionResult =
  | { kind: "saved" }
  | { kind: "invalid"; errors: RegistrationFieldErrors; values: Record<string, string> }
  | { kind: "locked" }
  | { kind: "consentMissing" }
  | { kind: "consentRequired" };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const opened = await openLink(context, params.token);
  if (!opened) throw new Response("No encontrado", { status: 404, headers: privateHeaders });
  const { registration: reg, changeable } = opened;
  const formData = await readForm(request);
  const intent = formData.get("intent");
  // Consent can be given whenever the link works (a walk-in opens it during the encounter).
  if (intent === "consent") {
    if (reg.consent_pending !== 1) return redirect(`/inscripcion/${params.token}`, { status: 303, headers: privateHeaders });
    if (formData.get("consent") !== "on") return data<ActionResult>({ kind: "consentMissing" }, { status: 400, headers: privateHeaders });
    await recordOwnConsent(db, reg.id);
    return redirect(`/inscripcion/${params.token}?autorizado=1`, { status: 303, headers: privateHeaders });
  }
  if (!changeable || reg.status === "cancelled") return data<ActionResult>({ kind: "locked" }, { status: 409 });
  if (intent === "cancel") {
    await cancelRegistration(db, reg.id, { actor: actorOf.participant(reg.participant_id), byOrganizer: false });
    return redirect(`/inscripcion/${params.token}?cancelada=1`, { status: 303, headers: privateHeaders });
  }
  if (reg.consent_pending === 1) return data<ActionResult>({ kind: "consentRequired" }, { status: 409, headers: privateHeaders });
  if (intent === "update") {
    const form = parseRegistrationForm(selfServiceSchema, formData);
    if (!form.ok) return data<ActionResult>({ kind: "invalid", errors: form.errors, values: form.values }, { status: 400 });
    await updateOwnRegistration(db, reg.id, form.data);
    return data<ActionResult>({ kind: "saved" });
  }
  return data<ActionResult>({ kind: "invalid", errors: { _form: "invalid" }, values: {} }, { status: 400 });
}

export default function ManageRegistration() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
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
    return <ConsentGate encounter={loaded.encounter} source={loaded.source} missing={result?.kind === "consentMissing"} cancellable={loaded.cancellable} />;
  }

  const { registration: reg, encounter, changeable, qrSvg, others, home, received } = loaded;
  const errors = result?.kind === "invalid" ? result.errors : {};
  const values = result?.kind === "invalid" ? result.values : {};
  const isNew = params.get("nuevo") === "1";
  const justCancelled = params.get("cancelada") === "1";
  const justConsented = params.get("autorizado") === "1";
  return (
    <article className="stack manage">
      <p className="muted">
        <Link to={`/encuentros/${encounter.slug}`}>{encounter.title}</Link>
      </p>
      <h1>{m.title}</h1>
      {justConsented ? (
        <p className="alert alert--ok" role="status">
          {t.registrationHome.consent.given}
        </p>
      ) : null}
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
      {justCancelled && reg.status === "cancelled" ? (
        <p className="alert alert--ok" role="status">
          {m.cancelled}
        </p>
      ) : null}
      {result?.kind === "saved" ? (
        <p className="alert alert--ok" role="status">
          {m.saved}
        </p>
      ) : null}
      {result?.kind === "locked" ? <FormAlert>{m.locked}</FormAlert> : null}
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
      <RegistrationDetails reg={reg} changeable={changeable} errors={errors} values={values} />
      {reg.status !== "cancelled" && changeable ? <CancelCard /> : null}
      <OtherRegistrations others={others} />
    </article>
  );
}
