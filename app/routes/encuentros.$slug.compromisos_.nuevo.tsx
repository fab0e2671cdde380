import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CommitmentDetailsForm } from "~/features/commitments/components/details-form";
import { format, useT } from "~/i18n";
import { agendaItemsFor } from "~/features/commitments/queries/commitment.server";
import { CommitmentRuleError } from "~/features/commitments/rules";
import { findCityByDane, findCityById, listCities } from "~/features/cities/queries.server";
import { findEncounterBySlug } from "~/features/encounters/model.server";
import { recordCommitment } from "~/features/commitments/commands/record.server";
import { addDaysTo, localDate } from "~/lib/calendar-date";
import { actorFor, requireViewer, type Viewer } from "~/features/commitments/access.server";
import { parseCommitmentForm, recordCommitmentSchema, type CommitmentFieldErrors } from "~/features/commitments/forms";
import { getDb } from "~/server/db.server";
import { notFound, readForm } from "~/server/http.server";
import { AwaitingVerification } from "~/features/cities/components/awaiting-verification";

// Recording a commitment, phone first: an authority records for its own city (pre-chosen, not
// a field), an organizer for any city. Sign-in is required; drafts exist only for organizers.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Nuevo compromiso · ${data && !data.unverified ? data.encounter.title : ""} · Convoca` }];

async function load(request: Request, slug: string | undefined) {
  const db = getDb();
  const viewer = await requireViewer(request, db);
  if (!slug || slug.length > 120) notFound();
  const encounter = await findEncounterBySlug(db, slug, { includeDrafts: viewer.kind === "organizer" });
  if (!encounter) notFound();
  return { db, viewer, encounter };
}

function defaults(viewer: Viewer, startDay: string, agenda: Array<{ id: number; kind: string }>): Record<string, string> {
  const tables = agenda.filter((a) => a.kind === "working_table");
  return {
    instrument: "PDT",
    theme: "both",
    dueDate: addDaysTo(startDay, 180),
    responsibleName: viewer.kind === "participant" ? viewer.participant.fullName : "",
    responsibleEmail: viewer.kind === "participant" ? viewer.participant.email : "",
    agendaItemId: tables.length === 1 ? String(tables[0].id) : "",
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, viewer, encounter } = await load(request, params.slug);
  // A person nobody verified yet records nothing for any city: the page says who must confirm them.
  if (viewer.kind === "participant" && !viewer.authority) return { unverified: true as const };
  const startDay = localDate(encounter.starts_at, encounter.timezone);
  const agenda = await agendaItemsFor(db, encounter.id);
  const city = viewer.kind === "participant" && viewer.authority ? await findCityById(db, viewer.authority.cityId) : null;
  return {
    unverified: false as const,
    encounter: { slug: encounter.slug, title: encounter.title, minDate: startDay },
    cityName: city?.name ?? null,
    cities: viewer.kind === "organizer" ? (await listCities(db)).map((c) => ({ dane: c.dane, name: c.name })) : null,
    agendaItems: agenda.map((a) => ({ id: a.id, title: a.title })),
    defaults: defaults(viewer, startDay, agenda),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, viewer, encounter } = await load(request, params.slug);
  const actor = actorFor(viewer);
  // Refused in the page's own words (the same notice its GET shows), and nothing is read or written.
  if (!actor) return data({ unverified: true as const, errors: undefined, values: undefined }, { status: 403 });
  const form = parseCommitmentForm(recordCommitmentSchema, await readForm(request));
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const values = Object.fromEntries(Object.entries(form.data).map(([k, v]) => [k, v === null || v === undefined ? "" : String(v)]));
  let cityId: number;
  if (actor.kind === "participant") {
    // The city the person was verified for, whatever the form says.
    cityId = actor.cityId;
  } else {
    const city = form.data.cityDane ? await findCityByDane(db, form.data.cityDane) : null;
    if (!city) return data({ errors: { cityDane: "city" } as CommitmentFieldErrors, values }, { status: 400 });
    cityId = city.id;
  }
  try {
    const id = await recordCommitment(db, { encounter, cityId, fields: form.data, actor });
    return redirect(viewer.kind === "organizer" ? `/admin/compromisos/${id}?registrado=1` : `/compromisos/${id}?registrado=1`);
  } catch (error) {
    if (error instanceof CommitmentRuleError) return data({ errors: { [error.field]: error.code } as CommitmentFieldErrors, values }, { status: error.status === 403 ? 403 : 400 });
    throw error;
  }
}

export default function NewCommitmentPage() {
  const page = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return page.unverified || (refused && "unverified" in refused) ? <AwaitingVerification /> : <NewCommitment {...page} />;
}

function NewCommitment({ encounter, cityName, cities, agendaItems, defaults }: Extract<ReturnType<typeof useLoaderData<typeof loader>>, { unverified: false }>) {
  const result = useActionData<typeof action>();
  const t = useT().commitments;
  return (
    <section className="narrow">
      <p>
        <Link to={`/encuentros/${encounter.slug}`}>← {encounter.title}</Link>
      </p>
      <h1>{cityName ? format(t.newTitleCity, { city: cityName }) : t.newTitle}</h1>
      <p className="lead">{t.newIntro}</p>
      <CommitmentDetailsForm
        values={result?.values ?? defaults}
        errors={result?.errors}
        agendaItems={agendaItems}
        cities={cities}
        minDate={encounter.minDate}
        submitLabel={t.recordSubmit}
      />
    </section>
  );
}
