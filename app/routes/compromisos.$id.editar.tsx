import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/index";
import { CommitmentDetailsForm } from "~/features/commitments/components/details-form";
import { agendaItemsFor } from "~/features/commitments/queries/commitment.server";
import { CommitmentRuleError } from "~/features/commitments/rules";
import { changeCommitmentDetails } from "~/features/commitments/commands/record.server";
import { localDate } from "~/lib/calendar-date";
import { requireCommitment } from "~/features/commitments/access.server";
import { commitmentFieldsSchema } from "~/features/commitments/forms";
import { refuseRule } from "~/features/commitments/actions.server";
import { parseSubmission, refuse } from "~/server/forms.server";
import { FormAlert } from "~/components/forms";
import { getDb } from "~/server/db.server";

// Changing a commitment's details (the city's authorities and organizers). Status and progress
// are not here: they change only through a progress update, with its history entry.

export const meta: MetaFunction = () => [{ title: "Cambiar el compromiso · Convoca" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { commitment: c } = await requireCommitment(request, db, params);
  const agenda = await agendaItemsFor(db, c.encounter_id);
  return {
    id: c.id,
    title: c.title,
    locked: c.validated_at !== null,
    minDate: localDate(c.encounter_starts_at, c.encounter_timezone),
    agendaItems: agenda.map((a) => ({ id: a.id, title: a.title })),
    values: {
      title: c.title,
      description: c.description,
      instrument: c.instrument,
      theme: c.theme,
      agendaItemId: c.agenda_item_id === null ? "" : String(c.agenda_item_id),
      responsibleName: c.responsible_name,
      responsiblePosition: c.responsible_position,
      responsibleEmail: c.responsible_email,
      dueDate: c.due_date,
      indicator: c.indicator,
      target: c.target,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { viewer, commitment, actor } = await requireCommitment(request, db, params);
  const submission = await parseSubmission(request, commitmentFieldsSchema);
  if (submission.status !== "success") return refuse(submission);
  try {
    await changeCommitmentDetails(db, commitment.id, submission.value, actor);
  } catch (error) {
    if (error instanceof CommitmentRuleError) return refuseRule(submission, error, [409]);
    throw error;
  }
  return redirect(viewer.kind === "organizer" ? `/admin/compromisos/${commitment.id}` : `/compromisos/${commitment.id}`);
}

export default function EditCommitment() {
  const { id, title, locked, minDate, agendaItems, values } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT().commitments;
  return (
    <section className="narrow">
      <p>
        <Link to={`/compromisos/${id}`}>← {title}</Link>
      </p>
      <h1>{t.edit.title}</h1>
      {locked ? (
        <FormAlert>{t.errors.locked}</FormAlert>
      ) : (
        <CommitmentDetailsForm lastResult={result} defaultValue={values} agendaItems={agendaItems} minDate={minDate} submitLabel={t.edit.submit}>
          <p className="field__hint">{t.edit.newResponsible}</p>
        </CommitmentDetailsForm>
      )}
    </section>
  );
}
