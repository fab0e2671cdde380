import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { format, useT } from "~/i18n/index";
import { findCityByDane, findCityById, listCities } from "~/features/cities/queries.server";
import { findEncounterBySlug } from "~/features/encounters/queries.server";
import { CommitmentDetailsForm } from "~/features/commitments/components/details-form";
import { agendaItemsFor } from "~/features/commitments/queries/commitment.server";
import { CommitmentRuleError } from "~/features/commitments/rules";
import { recordCommitment } from "~/features/commitments/commands/record.server";
import { addDaysTo, localDate } from "~/lib/calendar-date";
import { actorFor, requireViewer, type Viewer } from "~/features/commitments/access.server";
import { recordCommitmentSchema } from "~/features/commitments/forms";
import { refuseRule } from "~/features/commitments/actions.server";
import { parseSubmission, refuse, refuseField } from "~/server/forms.server";
import { requireSlug } from "~/server/params.server";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/http.server";
import { AwaitingVerification } from "~/features/cities/components/awaiting-verification";

// Recording a commitment, phone first: an authority records for its own city (pre-chosen, not
// a field), an organizer for any city. Sign-in is required; drafts exist only for organizers.

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Nuevo compromiso · ${data && !data.unverified ? data.encounter.title : ""} · Convoca` },
];

async function load(request: Request, params: Params) {
  const db = getDb();
  const viewer = await requireViewer(request, db);
  const slug = requireSlug(params, "slug");
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
  const { db, viewer, encounter } = await load(request, params);
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
  const { db, viewer, encounter } = await load(request, params);
  const actor = actorFor(viewer);
  // Refused in the page's own words (the same notice its GET shows), and nothing is read or written.
  if (!actor) return data({ unverified: true as const }, { status: 403 });
  const submission = await parseSubmission(request, recordCommitmentSchema);
  if (submission.status !== "success") return refuse(submission);
  let cityId: number;
  if (actor.kind === "participant") {
    // The city the person was verified for, whatever the form says.
    cityId = actor.cityId;
  } else {
    const city = submission.value.cityDane ? await findCityByDane(db, submission.value.cityDane) : null;
    if (!city) return refuseField(submission, "cityDane", "city");
    cityId = city.id;
  }
  try {
    const id = await recordCommitment(db, { encounter, cityId, fields: submission.value, actor });
    return redirect(viewer.kind === "organizer" ? `/admin/compromisos/${id}?registrado=1` : `/compromisos/${id}?registrado=1`);
  } catch (error) {
    if (error instanceof CommitmentRuleError) return refuseRule(submission, error, [403]);
    throw error;
  }
}

export default function NewCommitmentPage() {
  const page = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return page.unverified || (refused && "unverified" in refused) ? <AwaitingVerification /> : <NewCommitment {...page} />;
}

function NewCommitment({
  encounter,
  cityName,
  cities,
  agendaItems,
  defaults,
}: Extract<ReturnType<typeof useLoaderData<typeof loader>>, { unverified: false }>) {
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
        lastResult={result && !("unverified" in result) ? result : undefined}
        defaultValue={defaults}
        agendaItems={agendaItems}
        cities={cities}
        minDate={encounter.minDate}
        submitLabel={t.recordSubmit}
      />
    </section>
  );
}
