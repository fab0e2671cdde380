import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { verifyByOrganizer } from "~/features/cities/commands.server";
import { AddDomainForm, AddPersonForm, RosterRefusal, repliedIntent, type RosterReply } from "~/features/cities/components/roster-forms";
import { RosterTable, RowButton } from "~/features/cities/components/roster-table";
import { addEmailDomain, removeEmailDomain } from "~/features/cities/domains.server";
import { adminRosterSchema } from "~/features/cities/forms";
import { addToRoster, setFocalPoint, withdrawFromRoster } from "~/features/cities/members.server";
import { cityHistory } from "~/features/cities/overview.server";
import { findCityByDane, listEmailDomains, listRoster, listUnverifiedOfCity } from "~/features/cities/queries.server";
import { refuseRoster } from "~/features/cities/roster-refusals.server";
import { messagesFor } from "~/i18n/catalog.server";
import { format, useLocale, useT } from "~/i18n/index";
import { getLocale } from "~/i18n/locale.server";
import { formatDate } from "~/lib/time";
import { requireOrganizer } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { redirectWithFlash } from "~/server/flash.server";
import { parseSubmission, refuse } from "~/server/forms.server";
import { notFound } from "~/server/http.server";
import { CityHistory } from "./history";

// One capital as a member, for organizers: its roster (directorio de la ciudad: add a person by
// name and address, verify a registrant of the city, withdraw, make or unmake a focal point),
// its email domains, and its history (encounters, commitments, downloads). Every change is a
// command that audits it and mails the people concerned.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.city.name ?? "Ciudad"} · Ciudades · Convoca` }];

const pendingShown = 100;

async function cityOf(params: LoaderFunctionArgs["params"]) {
  const city = await findCityByDane(getDb(), params.dane ?? "");
  if (!city) notFound();
  return city;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const db = getDb();
  const city = await cityOf(params);
  const [roster, pending, domains, history] = await Promise.all([
    listRoster(db, city.id),
    listUnverifiedOfCity(db, city.id, pendingShown + 1),
    listEmailDomains(db, city.id),
    cityHistory(db, city.id),
  ]);
  return {
    city: { id: city.id, dane: city.dane, name: city.name, department: city.department },
    roster,
    pending: pending.slice(0, pendingShown),
    morePending: pending.length > pendingShown,
    domains,
    history: {
      ...history,
      commitments: history.commitments.map((c) => ({
        id: c.id,
        title: c.title,
        encounterTitle: c.encounterTitle,
        status: c.status,
        overdue: c.overdue,
        progress: c.progress,
        dueDate: c.dueDate,
      })),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const organizer = await requireOrganizer(request);
  const db = getDb();
  const city = await cityOf(params);
  const submission = await parseSubmission(request, adminRosterSchema);
  if (submission.status !== "success") return refuse(submission);
  const form = submission.value;
  const here = `/admin/ciudades/${city.dane}`;
  const done = messagesFor(await getLocale(request)).cities.done;
  const said = (text: string, values: Record<string, string>) => redirectWithFlash(here, format(text, { city: city.name, ...values }));
  switch (form.intent) {
    case "add": {
      const person = { fullName: form.fullName, email: form.email, entity: form.entity, position: form.position, locale: await getLocale(request) };
      const result = await addToRoster(db, { kind: "organizer", id: organizer.id }, { cityId: city.id, person, role: form.role });
      return result.ok ? said(done.added, { name: result.name }) : refuseRoster(submission, result.reason, result.cityName);
    }
    case "verify": {
      const outcome = await verifyByOrganizer(db, form.participantId, organizer.id, new Date(), city.id);
      if (outcome === "unknown") notFound();
      if (outcome === "cityChanged") return refuseRoster(submission, "cityChanged");
      const person = await db.selectFrom("participants").select("full_name").where("id", "=", form.participantId).executeTakeFirstOrThrow();
      return said(done.verified, { name: person.full_name });
    }
    case "withdraw": {
      const result = await withdrawFromRoster(db, { kind: "organizer", id: organizer.id }, { cityId: city.id, rosterId: form.rosterId });
      return result.ok ? said(done.withdrawn, { name: result.name }) : refuseRoster(submission, result.reason, result.cityName);
    }
    case "makeFocalPoint":
    case "unmakeFocalPoint": {
      const focal = form.intent === "makeFocalPoint";
      const result = await setFocalPoint(db, organizer.id, { cityId: city.id, rosterId: form.rosterId, focal });
      return result.ok ? said(focal ? done.focalGiven : done.focalTaken, { name: result.name }) : refuseRoster(submission, result.reason);
    }
    case "addDomain": {
      const result = await addEmailDomain(db, organizer.id, { cityId: city.id, domain: form.domain });
      return result.ok ? said(done.domainAdded, { domain: result.domain }) : refuseRoster(submission, result.reason, result.cityName);
    }
    case "removeDomain": {
      const domain = (await listEmailDomains(db, city.id)).find((d) => d.id === form.domainId);
      if (!domain || !(await removeEmailDomain(db, organizer.id, { cityId: city.id, domainId: form.domainId }))) return refuseRoster(submission, "domainGone");
      return said(done.domainRemoved, { domain: domain.domain });
    }
  }
}

export default function CityPage() {
  const { city, roster, pending, morePending, domains, history } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as RosterReply | undefined;
  const intent = repliedIntent(result);
  const t = useT().cities;
  const locale = useLocale();
  return (
    <section>
      <p>
        <Link to="/admin/ciudades">← {t.city.back}</Link>
      </p>
      <h1>{city.name}</h1>
      <p className="muted">
        {city.department} · DANE {city.dane}
      </p>

      <h2>{t.city.rosterTitle}</h2>
      <p>{t.city.rosterIntro}</p>
      {intent !== "add" && intent !== "addDomain" ? <RosterRefusal result={result} /> : null}
      {roster.length === 0 ? (
        <p>{t.city.empty}</p>
      ) : (
        <RosterTable
          rows={roster}
          actions={(r) => (
            <>
              {r.role === "focal_point" ? (
                <RowButton intent="unmakeFocalPoint" rosterId={r.rosterId} label={t.city.unmakeFocalPoint} name={r.fullName} />
              ) : (
                <RowButton intent="makeFocalPoint" rosterId={r.rosterId} label={t.city.makeFocalPoint} name={r.fullName} />
              )}
              <RowButton intent="withdraw" rosterId={r.rosterId} label={t.city.withdraw} name={r.fullName} danger />
            </>
          )}
        />
      )}

      <AddPersonForm lastResult={intent === "add" ? result : undefined} withRole title={t.city.addTitle} intro={t.city.addIntro} submit={t.city.add} />

      <h2>{t.city.pendingTitle}</h2>
      <p>{t.city.pendingIntro}</p>
      {pending.length === 0 ? <p>{t.city.pendingNone}</p> : null}
      <ul className="plain-list">
        {pending.map((p) => (
          <li key={p.id} className="inline-fields">
            <span>
              <strong>{p.full_name}</strong> · {p.email} · {p.entity}
              {p.position ? `, ${p.position}` : ""}
            </span>
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="verify" />
              <input type="hidden" name="participantId" value={p.id} />
              <button type="submit" className="button button--small" aria-label={`${t.city.verify}: ${p.full_name}`}>
                {t.city.verify}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      {morePending ? <p className="muted">{format(t.city.pendingMore, { n: pending.length })}</p> : null}

      <h2>{t.city.domainsTitle}</h2>
      <p>{t.city.domainsIntro}</p>
      {domains.length === 0 ? <p>{t.city.domainsNone}</p> : null}
      <ul className="plain-list">
        {domains.map((d) => (
          <li key={d.id} className="inline-fields">
            <span>
              <strong>{d.domain}</strong>{" "}
              <span className="muted">{format(t.city.domainAddedBy, { who: d.added_by ?? "—", date: formatDate(d.added_at, "America/Bogota", locale) })}</span>
            </span>
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="removeDomain" />
              <input type="hidden" name="domainId" value={d.id} />
              <button type="submit" className="button button--small button--danger" aria-label={`${t.city.removeDomain}: ${d.domain}`}>
                {t.city.removeDomain}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <AddDomainForm lastResult={intent === "addDomain" ? result : undefined} />

      <CityHistory history={history} />
    </section>
  );
}
