import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { Field } from "~/components/forms";
import { listCities } from "~/features/cities/queries.server";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { parseListFilters } from "~/features/registrations/forms";
import { findRegistrationByCheckinCode, listForOrganizers, registrationTotals } from "~/features/registrations/queries.server";
import { normalizeCheckinCode } from "~/features/registrations/tokens.server";
import { format, useLocale, useT } from "~/i18n/index";
import { formatTime, zoneLabel } from "~/lib/time";
import { getDb } from "~/server/db.server";
import { personOf, type action, type Outcome, type Person } from "./actions.server";
import { PersonRow } from "./person-row";
import { Scanner } from "./scanner";
import { WalkIn } from "./walk-in";

export { action } from "./actions.server";

// /admin/encuentros/:slug/acreditacion — check-in at the venue, on a phone. The QR code in each
// confirmation holds a link to this page with ?codigo=...: the phone's own camera app opens it
// (the organizer confirms with one tap), or this page's scanner reads it and marks the arrival
// at once. Search by name or email when there is no code; walk-ins are registered and checked
// in together. Arrivals against registrations refresh every 10 seconds.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Acreditación · ${data.encounter.title} · Convoca` : "Convoca" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const url = new URL(request.url);
  const filters = parseListFilters(url);
  const scanned = url.searchParams.get("codigo");
  const code = scanned ? normalizeCheckinCode(scanned) : null;
  const [totals, found, results, cities] = await Promise.all([
    registrationTotals(db, encounter.id),
    code ? findRegistrationByCheckinCode(db, encounter.id, code) : Promise.resolve(null),
    filters.q ? listForOrganizers(db, encounter.id, { ...filters, status: "", city: "", arrived: "" }) : Promise.resolve([]),
    listCities(db),
  ]);
  return {
    encounter: { slug: encounter.slug, title: encounter.title, timezone: encounter.timezone },
    totals,
    q: filters.q,
    scanned: scanned !== null,
    codeMatch: found ? personOf(found) : null,
    results: results.slice(0, 30).map(personOf),
    cities: cities.map((c) => ({ dane: c.dane, name: c.name, department: c.department })),
  };
}

export default function CheckInPage() {
  const { encounter, totals, q, scanned, codeMatch, results, cities } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const scan = useFetcher<typeof action>();
  const t = useT();
  const c = t.registration.checkin;
  const locale = useLocale();
  const busy = useNavigation().state !== "idle";
  const revalidator = useRevalidator();

  // Arrivals against registrations, kept fresh while the page is open and visible.
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle") revalidator.revalidate();
    }, 10_000);
    return () => clearInterval(timer);
  }, [revalidator]);

  const latest = scan.data ?? result;
  const reply = result && !("kind" in result) ? result : undefined;
  const replyTo = (intent: string) => (reply?.initialValue?.intent === intent ? reply : undefined);
  const base = `/admin/encuentros/${encounter.slug}`;
  return (
    <section className="stack checkin">
      {/* On a phone the code and the search come first: staff at the door scan, type or search. */}
      <h1 className="checkin__title">{format(c.title, { encounter: encounter.title })}</h1>

      <Outcome result={latest} timezone={encounter.timezone} locale={locale} />

      {scanned ? (
        codeMatch ? (
          <>
            {/* The QR's link opened again (the camera app): say at once that this person is in. */}
            {codeMatch.checkedInAt && !latest ? <AlreadyArrived person={codeMatch} timezone={encounter.timezone} locale={locale} /> : null}
            <PersonRow person={codeMatch} timezone={encounter.timezone} busy={busy} />
          </>
        ) : (
          <p className="alert alert--error" role="alert">
            {c.unknownCode}
          </p>
        )
      ) : null}

      <CodeForm reply={replyTo("code")} busy={busy} />

      <Form method="get" className="stack" role="search">
        <div className="field">
          <label htmlFor="field-q">{c.search}</label>
          <input id="field-q" name="q" type="search" defaultValue={q} maxLength={100} />
        </div>
        <div>
          <button type="submit" className="button button--secondary">
            {c.searchButton}
          </button>
        </div>
      </Form>

      <Scanner onCode={(code) => scan.submit({ intent: "code", code }, { method: "post" })} busy={scan.state !== "idle"} />

      {q ? (
        <section aria-labelledby="results-title">
          <h2 id="results-title">{c.results}</h2>
          {results.length === 0 ? (
            <p>{c.noResults}</p>
          ) : (
            <ul className="checkin__people">
              {results.map((p) => (
                <li key={p.id}>
                  <PersonRow person={p} timezone={encounter.timezone} busy={busy} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <p className="checkin__count" aria-live="polite">
        {format(c.arrived, { checkedIn: totals.checkedIn, confirmed: totals.confirmed })}
      </p>
      <p className="muted">{c.live}</p>
      <p className="no-print">
        <Link to={`${base}/registros`}>{t.registration.admin.nav}</Link> · <Link to={`${base}/acreditacion/asistencia`}>{c.attendance}</Link>
      </p>

      <WalkIn cities={cities} done={result && "kind" in result && result.kind === "walkIn" ? result : undefined} reply={replyTo("walkIn")} busy={busy} />
    </section>
  );
}

/** The code typed (or the QR's link pasted) to find a person and mark the arrival. */
function CodeForm({ reply, busy }: { reply: SubmissionResult<string[]> | undefined; busy: boolean }) {
  const t = useT();
  const c = t.registration.checkin;
  const [form, fields] = useForm<{ code: string }>({ id: "checkin-code", lastResult: reply });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="code" />
      <Field
        meta={fields.code}
        id="field-code"
        label={c.code}
        hint={c.codeHint}
        messages={{ ...t.registration.errors, unknownCode: c.unknownCode }}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={500}
        required
      />
      <div>
        <button type="submit" className="button" disabled={busy}>
          {c.lookup}
        </button>
      </div>
    </Form>
  );
}

function Outcome({ result, timezone, locale }: { result: Outcome | SubmissionResult<string[]> | undefined; timezone: string; locale: string }) {
  const t = useT();
  const c = t.registration.checkin;
  if (!result) return null;
  if (!("kind" in result)) {
    // A refusal: an unknown code or person is said aloud; the code's and the walk-in's own field
    // errors show in their forms; anything else (a tampered button) is "not valid".
    const keys = Object.values(result.error ?? {}).flatMap((errors) => errors ?? []);
    const intent = result.initialValue?.intent;
    if (keys.includes("unknownCode"))
      return (
        <p className="alert alert--error checkin__result" role="alert">
          {c.unknownCode}
        </p>
      );
    if (intent === "code" || intent === "walkIn") return null;
    return (
      <p className="alert alert--error" role="alert">
        {t.registration.errors.invalid}
      </p>
    );
  }
  if (result.kind === "walkIn") return null;
  const p = result.person;
  if (result.kind === "undone")
    return (
      <p className="alert alert--info" role="status">
        {format(c.undone, { name: p.name })}
      </p>
    );
  if (result.result === "checkedIn")
    return (
      <p className="alert alert--ok checkin__result" role="status">
        {format(c.checkedInNow, { name: p.name, city: p.city })}
      </p>
    );
  if (result.result === "already") return <AlreadyArrived person={p} timezone={timezone} locale={locale} />;
  return (
    <p className="alert alert--error checkin__result" role="alert">
      {format(c.notConfirmed, { name: p.name, status: t.registration.statuses[p.status] })}
    </p>
  );
}

/** A second scan of someone already in: loud, with the time of the first in the encounter's zone. */
function AlreadyArrived({ person, timezone, locale }: { person: Person; timezone: string; locale: string }) {
  const c = useT().registration.checkin;
  return (
    <p className="alert alert--warn checkin__result checkin__result--already" role="alert">
      {format(c.already, {
        name: person.name,
        time: `${formatTime(person.checkedInAt!, timezone, locale)} (${zoneLabel(person.checkedInAt!, timezone, locale)})`,
      })}
    </p>
  );
}
