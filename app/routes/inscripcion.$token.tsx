import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormAlert } from "~/components/field";
import { Select, TextArea, TextField } from "~/components/registration-fields";
import { format, useLocale, useT } from "~/i18n";
import { listParticipantRegistrations, waitlistRank } from "~/models/registrations.server";
import { cancelRegistration, openManageLink, updateOwnRegistration } from "~/services/registration.server";
import { actorOf } from "~/models/audit.server";
import { getParticipant } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { clientAddress, readForm } from "~/utils/http.server";
import { limitFailedLookups, signedLinkRule } from "~/utils/rate-limit.server";
import { limits, parseRegistrationForm, selfServiceSchema, type RegistrationFieldErrors } from "~/utils/registration-forms";
import { checkinQrSvg, checkinUrl } from "~/utils/registration-tokens.server";
import { formatDate, formatDateTime } from "~/utils/time";

// The person's own page, opened by the signed link in their mails: see the registration,
// correct their data, cancel. GET only shows (mail scanners open links); changes are POSTs.
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
  return limitFailedLookups(db, [`manage-link:client:${clientAddress(context)}`], signedLinkRule, () => openManageLink(db, token), (opened) => !opened);
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const opened = await openLink(context, params.token);
  if (!opened) return data({ found: false as const }, { status: 404, headers: privateHeaders });
  const { registration: reg, encounter, changeable } = opened;
  const rank = reg.status === "waitlisted" && reg.waitlist_position !== null ? await waitlistRank(db, encounter.id, reg.waitlist_position) : null;
  const qrSvg = reg.status === "confirmed" && reg.checkin_code ? await checkinQrSvg(checkinUrl(encounter.slug, reg.checkin_code)) : null;
  // Signed in as this same person (magic link): their other registrations too.
  const signedIn = await getParticipant(request, db);
  const others =
    signedIn && signedIn.id === reg.participant_id
      ? (await listParticipantRegistrations(db, reg.participant_id)).filter((r) => r.id !== reg.id).map((r) => ({ id: r.id, title: r.title, slug: r.slug, status: r.status, startsAt: r.starts_at, timezone: r.timezone }))
      : [];
  return data(
    {
      found: true as const,
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
        certificateUrl: reg.checked_in_at ? `/certificados/${reg.id}?t=${encodeURIComponent(params.token ?? "")}` : null,
        checkinCode: reg.status === "confirmed" ? reg.checkin_code : null,
      },
      encounter: { slug: encounter.slug, title: encounter.title, startsAt: encounter.starts_at, endsAt: encounter.ends_at, timezone: encounter.timezone, venue: encounter.venue, address: encounter.address },
      changeable,
      qrSvg,
      others,
    },
    { headers: privateHeaders },
  );
}

type ActionResult = { kind: "saved" } | { kind: "invalid"; errors: RegistrationFieldErrors; values: Record<string, string> } | { kind: "locked" };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const opened = await openLink(context, params.token);
  if (!opened) throw new Response("No encontrado", { status: 404, headers: privateHeaders });
  const { registration: reg, changeable } = opened;
  if (!changeable || reg.status === "cancelled") return data<ActionResult>({ kind: "locked" }, { status: 409 });
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "cancel") {
    await cancelRegistration(db, reg.id, { actor: actorOf.participant(reg.participant_id), byOrganizer: false });
    return redirect(`/inscripcion/${params.token}?cancelada=1`, { status: 303, headers: privateHeaders });
  }
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
  const busy = useNavigation().state === "submitting";

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

  const { registration: reg, encounter, changeable, qrSvg, others } = loaded;
  const errors = result?.kind === "invalid" ? result.errors : {};
  const values = result?.kind === "invalid" ? result.values : {};
  const isNew = params.get("nuevo") === "1";
  const justCancelled = params.get("cancelada") === "1";
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
      {isNew && reg.status === "waitlisted" ? (
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
      {reg.checkedInAt ? (
        <>
          <p className="alert alert--ok">{format(m.checkedIn, { date: formatDateTime(reg.checkedInAt, encounter.timezone, locale) })}</p>
          {reg.certificateUrl ? (
            <p>
              <a href={reg.certificateUrl} download>
                {t.certificates.download}
              </a>
            </p>
          ) : null}
        </>
      ) : null}
      {reg.status === "cancelled" ? (
        <p>
          {m.isCancelled}{" "}
          <Link to={`/encuentros/${encounter.slug}/registro`}>{m.registerAgain}</Link>
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

      <section aria-labelledby="details-title">
        <h2 id="details-title">{m.details}</h2>
        {reg.status !== "cancelled" && changeable ? (
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="update" />
            <TextField name="fullName" label={m.name} required autoComplete="name" maxLength={limits.fullName} defaultValue={values.fullName ?? reg.fullName} error={errors.fullName} />
            <p className="muted">
              {m.email}: {reg.email} · {m.city}: {reg.city}
              <br />
              {m.cityNote}
            </p>
            <TextField name="entity" label={m.entity} required autoComplete="organization" maxLength={limits.entity} defaultValue={values.entity ?? reg.entity} error={errors.entity} />
            <TextField name="position" label={m.position} required autoComplete="organization-title" maxLength={limits.position} defaultValue={values.position ?? reg.position} error={errors.position} />
            <TextField name="phone" type="tel" label={m.phone} autoComplete="tel" maxLength={limits.phone} defaultValue={values.phone ?? reg.phone ?? ""} error={errors.phone} />
            <TextArea name="needs" label={m.needs} rows={3} maxLength={limits.needs} defaultValue={values.needs ?? reg.needs ?? ""} error={errors.needs} />
            <Select
              name="locale"
              label={m.locale}
              required
              defaultValue={values.locale ?? reg.locale}
              error={errors.locale}
              options={[
                { value: "es", label: m.localeNames.es },
                { value: "en", label: m.localeNames.en },
              ]}
            />
            <div>
              <button type="submit" className="button" disabled={busy}>
                {m.save}
              </button>
            </div>
          </Form>
        ) : (
          <dl className="facts">
            <dt>{m.name}</dt>
            <dd>{reg.fullName}</dd>
            <dt>{m.email}</dt>
            <dd>{reg.email}</dd>
            <dt>{m.city}</dt>
            <dd>{reg.city}</dd>
            <dt>{m.entity}</dt>
            <dd>{reg.entity}</dd>
            <dt>{m.position}</dt>
            <dd>{reg.position}</dd>
            <dt>{m.phone}</dt>
            <dd>{reg.phone ?? m.none}</dd>
            <dt>{m.needs}</dt>
            <dd>{reg.needs ?? m.none}</dd>
          </dl>
        )}
        {!changeable && reg.status !== "cancelled" ? <p className="muted">{m.locked}</p> : null}
      </section>

      {reg.status !== "cancelled" && changeable ? (
        <section className="card card--danger" aria-labelledby="cancel-title">
          <h2 id="cancel-title">{m.cancelTitle}</h2>
          <p>{m.cancelBody}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="cancel" />
            <button type="submit" className="button button--danger" disabled={busy}>
              {m.cancelConfirm}
            </button>
          </Form>
        </section>
      ) : null}

      {others.length > 0 ? (
        <section aria-labelledby="others-title">
          <h2 id="others-title">{m.others}</h2>
          <ul>
            {others.map((o) => (
              <li key={o.id}>
                <Link to={`/encuentros/${o.slug}`}>{o.title}</Link> · {formatDate(o.startsAt, o.timezone, locale)} · {t.registration.statuses[o.status]}
              </li>
            ))}
          </ul>
          <p>
            <Link to="/mi-cuenta">{t.account.title}</Link>
          </p>
        </section>
      ) : null}
    </article>
  );
}
