import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { readForm } from "~/server/http.server";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { CheckboxField, CitySelect, TextField } from "~/features/registrations/components/registration-fields";
import { format, useLocale, useT } from "~/i18n";
import { getLocale } from "~/i18n/locale.server";
import { listCities } from "~/features/cities/queries.server";
import { findRegistrationByCheckinCode, registrationTotals } from "~/features/registrations/model.server";
import { listForOrganizers } from "~/features/registrations/admin.server";
import { checkIn, checkInByCode, registerForEncounter, undoArrival, type CheckInResult } from "~/features/registrations/service.server";
import { actorOf } from "~/server/audit.server";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { getDb } from "~/server/db.server";
import { checkInActionSchema, formValues, limits, parseListFilters, parseRegistrationForm, walkInSchema, type RegistrationFieldErrors } from "~/features/registrations/forms";
import { normalizeCheckinCode } from "~/features/registrations/tokens.server";
import { formatTime, zoneLabel } from "~/lib/time";

// /admin/encuentros/:slug/acreditacion — check-in at the venue, on a phone. The QR code in each
// confirmation holds a link to this page with ?codigo=...: the phone's own camera app opens it
// (the organizer confirms with one tap), or this page's scanner reads it and marks the arrival
// at once. Search by name or email when there is no code; walk-ins are registered and checked
// in together. Arrivals against registrations refresh every 10 seconds.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Acreditación · ${data.encounter.title} · Convoca` : "Convoca" }];

type Person = { id: number; name: string; email: string; city: string; entity: string; status: "confirmed" | "waitlisted" | "cancelled"; checkedInAt: string | null };

function personOf(r: { id: number; full_name: string; email: string; city_name: string; entity: string; status: Person["status"]; checked_in_at: string | null }): Person {
  return { id: r.id, name: r.full_name, email: r.email, city: r.city_name, entity: r.entity, status: r.status, checkedInAt: r.checked_in_at };
}

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

type ActionResult =
  | { kind: "checkIn"; result: CheckInResult["kind"]; person: Person | null }
  | { kind: "undone"; person: Person | null }
  | { kind: "walkIn"; outcome: "done" | "existing" | "full" | "invalid"; errors?: RegistrationFieldErrors; values?: Record<string, string>; person?: Person | null }
  | { kind: "invalid" };

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const formData = await readForm(request);
  if (formData.get("intent") === "walkIn") {
    const form = parseRegistrationForm(walkInSchema, formData);
    if (!form.ok) return data<ActionResult>({ kind: "walkIn", outcome: "invalid", errors: form.errors, values: form.values }, { status: 400 });
    const outcome = await registerForEncounter(db, encounter.id, { ...form.data, needs: null }, {
      locale: await getLocale(request),
      source: "walk_in",
      ignoreWindow: true,
      confirmedOnly: true,
      checkInBy: organizer.id,
      registeredBy: organizer.id,
      actor: actorOf.organizer(organizer.id),
    });
    if (outcome.kind === "confirmed") return data<ActionResult>({ kind: "walkIn", outcome: "done", person: { id: outcome.registrationId, name: form.data.fullName, email: form.data.email, city: "", entity: form.data.entity, status: "confirmed", checkedInAt: new Date().toISOString() } });
    if (outcome.kind === "duplicate") return data<ActionResult>({ kind: "walkIn", outcome: "existing", values: formValues(formData) }, { status: 409 });
    if (outcome.kind === "invalid") return data<ActionResult>({ kind: "walkIn", outcome: "invalid", errors: outcome.errors, values: formValues(formData) }, { status: 400 });
    return data<ActionResult>({ kind: "walkIn", outcome: "full", values: formValues(formData) }, { status: 409 });
  }
  const form = parseRegistrationForm(checkInActionSchema, formData);
  if (!form.ok) return data<ActionResult>({ kind: "invalid" }, { status: 400 });
  if (form.data.intent === "undo") {
    const reg = await undoArrival(db, encounter.id, form.data.registrationId, organizer.id);
    return data<ActionResult>({ kind: "undone", person: reg ? personOf({ ...reg, checked_in_at: null }) : null }, { status: reg ? 200 : 404 });
  }
  const result = form.data.intent === "code" ? await checkInByCode(db, encounter.id, form.data.code, organizer.id) : await checkIn(db, encounter.id, form.data.registrationId, organizer.id);
  const person = result.kind === "unknown" ? null : personOf(result.registration);
  return data<ActionResult>({ kind: "checkIn", result: result.kind, person }, { status: result.kind === "unknown" ? 404 : 200 });
}

export default function CheckInPage() {
  const { encounter, totals, q, scanned, codeMatch, results, cities } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
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

  const latest = (scan.data as ActionResult | undefined) ?? result;
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

      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="code" />
        <TextField name="code" label={c.code} hint={c.codeHint} autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={500} required />
        <div>
          <button type="submit" className="button" disabled={busy}>
            {c.lookup}
          </button>
        </div>
      </Form>

      <Form method="get" className="stack" role="search">
        <TextField name="q" type="search" label={c.search} defaultValue={q} maxLength={100} />
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

      <WalkIn cities={cities} result={result?.kind === "walkIn" ? result : undefined} busy={busy} />
    </section>
  );
}

function Outcome({ result, timezone, locale }: { result: ActionResult | undefined; timezone: string; locale: string }) {
  const t = useT();
  const c = t.registration.checkin;
  if (!result || result.kind === "walkIn") return null;
  if (result.kind === "invalid") return <p className="alert alert--error" role="alert">{t.registration.errors.invalid}</p>;
  const p = result.person;
  if (result.kind === "undone") return <p className="alert alert--info" role="status">{p ? format(c.undone, { name: p.name }) : c.unknownCode}</p>;
  switch (result.result) {
    case "checkedIn":
      return (
        <p className="alert alert--ok checkin__result" role="status">
          {format(c.checkedInNow, { name: p!.name, city: p!.city })}
        </p>
      );
    case "already":
      return <AlreadyArrived person={p!} timezone={timezone} locale={locale} />;
    case "notConfirmed":
      return (
        <p className="alert alert--error checkin__result" role="alert">
          {format(c.notConfirmed, { name: p!.name, status: t.registration.statuses[p!.status] })}
        </p>
      );
    default:
      return (
        <p className="alert alert--error checkin__result" role="alert">
          {c.unknownCode}
        </p>
      );
  }
}

/** A second scan of someone already in: loud, with the time of the first in the encounter's zone. */
function AlreadyArrived({ person, timezone, locale }: { person: Person; timezone: string; locale: string }) {
  const c = useT().registration.checkin;
  return (
    <p className="alert alert--warn checkin__result checkin__result--already" role="alert">
      {format(c.already, { name: person.name, time: `${formatTime(person.checkedInAt!, timezone, locale)} (${zoneLabel(person.checkedInAt!, timezone, locale)})` })}
    </p>
  );
}

function PersonRow({ person, timezone, busy }: { person: Person; timezone: string; busy: boolean }) {
  const t = useT();
  const c = t.registration.checkin;
  const locale = useLocale();
  return (
    <div className={`checkin__person${person.checkedInAt ? " checkin__person--arrived" : ""}`}>
      <div>
        <strong>{person.name}</strong> · {person.city}
        <br />
        <span className="muted">
          {person.email} · {person.entity}
        </span>
        <br />
        <span className={`badge badge--status-${person.status}`}>{t.registration.statuses[person.status]}</span>{" "}
        {person.checkedInAt ? (
          <span>
            {c.arrivedAt}: {formatTime(person.checkedInAt, timezone, locale)}
          </span>
        ) : null}
      </div>
      <Form method="post">
        <input type="hidden" name="registrationId" value={person.id} />
        {person.checkedInAt ? (
          <button type="submit" name="intent" value="undo" className="button button--secondary button--small" disabled={busy}>
            {c.undo}
          </button>
        ) : person.status === "confirmed" ? (
          <button type="submit" name="intent" value="checkIn" className="button" disabled={busy} aria-label={`${c.markArrival}: ${person.name}`}>
            {c.markArrival}
          </button>
        ) : null}
      </Form>
    </div>
  );
}

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorConstructor = new (options: { formats: string[] }) => BarcodeDetectorLike;

/** The phone's camera read in the page, where the browser has a QR detector (BarcodeDetector). */
function Scanner({ onCode, busy }: { onCode: (code: string) => void; busy: boolean }) {
  const t = useT();
  const c = t.registration.checkin;
  const videoRef = useRef<HTMLVideoElement>(null);
  const [supported, setSupported] = useState<boolean | null>(null);
  const [active, setActive] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const last = useRef<{ code: string; at: number }>({ code: "", at: 0 });
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;
  const busyRef = useRef(busy);
  busyRef.current = busy;

  useEffect(() => {
    setSupported(typeof window !== "undefined" && "BarcodeDetector" in window && Boolean(navigator.mediaDevices?.getUserMedia));
  }, []);

  useEffect(() => {
    if (!active) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    let stopped = false;
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
        if (stopped || !videoRef.current) return;
        videoRef.current.srcObject = stream;
        await videoRef.current.play();
        const Detector = (window as unknown as { BarcodeDetector: BarcodeDetectorConstructor }).BarcodeDetector;
        const detector = new Detector({ formats: ["qr_code"] });
        timer = setInterval(async () => {
          if (!videoRef.current || busyRef.current) return;
          try {
            const [code] = await detector.detect(videoRef.current);
            // The same code in view for a moment is one scan, not twenty.
            if (code?.rawValue && (code.rawValue !== last.current.code || Date.now() - last.current.at > 5000)) {
              last.current = { code: code.rawValue, at: Date.now() };
              onCodeRef.current(code.rawValue);
            }
          } catch {
            // a frame that could not be read
          }
        }, 300);
      } catch {
        setProblem(c.cameraDenied);
        setActive(false);
      }
    })();
    return () => {
      stopped = true;
      if (timer) clearInterval(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [active, c.cameraDenied]);

  if (supported === null) return null;
  if (!supported) return <p className="muted">{c.noCamera}</p>;
  return (
    <div className="stack">
      <div>
        <button type="button" className="button" onClick={() => setActive((v) => !v)} aria-pressed={active}>
          {active ? c.stopScan : c.scan}
        </button>
      </div>
      {problem ? <p className="alert alert--error">{problem}</p> : null}
      {active ? <video ref={videoRef} className="checkin__video" muted playsInline aria-label={c.scan} /> : null}
    </div>
  );
}

function WalkIn({ cities, result, busy }: { cities: Array<{ dane: string; name: string; department: string }>; result: Extract<ActionResult, { kind: "walkIn" }> | undefined; busy: boolean }) {
  const t = useT();
  const c = t.registration.checkin;
  const f = t.registration.form;
  const errors = result?.errors ?? {};
  const values = result?.outcome === "done" ? {} : (result?.values ?? {});
  return (
    <details className="card" open={Boolean(result)}>
      <summary>
        <strong>{c.walkInTitle}</strong>
      </summary>
      <p>{c.walkInIntro}</p>
      {result?.outcome === "done" && result.person ? (
        <p className="alert alert--ok" role="status">
          {format(c.walkInDone, { name: result.person.name })}
        </p>
      ) : null}
      {result?.outcome === "existing" ? (
        <p className="alert alert--warn" role="alert">
          {c.walkInExisting}
        </p>
      ) : null}
      {result?.outcome === "full" ? (
        <p className="alert alert--error" role="alert">
          {f.fullWalkIn}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate key={result?.outcome === "done" ? result.person?.id : "form"}>
        <input type="hidden" name="intent" value="walkIn" />
        <TextField name="fullName" id="walkin-fullName" label={f.fullName} required maxLength={limits.fullName} defaultValue={values.fullName} error={errors.fullName} />
        <TextField name="email" id="walkin-email" type="email" label={f.email} required maxLength={limits.email} defaultValue={values.email} error={errors.email} />
        <CitySelect name="cityDane" label={f.city} cities={cities} defaultValue={values.cityDane} error={errors.cityDane} required />
        <TextField name="entity" id="walkin-entity" label={f.entity} required maxLength={limits.entity} defaultValue={values.entity} error={errors.entity} />
        <TextField name="position" id="walkin-position" label={f.position} required maxLength={limits.position} defaultValue={values.position} error={errors.position} />
        <TextField name="phone" id="walkin-phone" type="tel" label={f.phone} maxLength={limits.phone} defaultValue={values.phone} error={errors.phone} />
        <CheckboxField name="consent" label={c.walkInConsent} required error={errors.consent} />
        <div>
          <button type="submit" className="button" disabled={busy}>
            {c.walkInSubmit}
          </button>
        </div>
      </Form>
    </details>
  );
}
