import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AgendaItemForm } from "~/features/agenda/components/item-form";
import { format, useT } from "~/i18n/index";
import { deleteAgendaItem, updateAgendaItem } from "~/features/agenda/commands/items.server";
import { checkAgendaItem, findAgendaItem, listAgenda } from "~/features/agenda/queries.server";
import { actorOf } from "~/server/audit.server";
import { agendaItemValues, encounterDays, formValues, parseAgendaItemForm, type SchedulingErrors } from "~/features/agenda/forms";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { getDb } from "~/server/db.server";
import { badRequest, notFound, readForm } from "~/server/http.server";
import { scheduleVerdict, toScheduled, type ScheduleIssue } from "~/features/agenda/rules";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.item.title ?? "Sesión"} · Agenda · Convoca` }];

/** The item named in the URL, only if it is this encounter's: another encounter's id is a 404. */
async function itemOf(db: ReturnType<typeof getDb>, encounterId: number, raw: string | undefined) {
  const id = raw && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  const item = Number.isSafeInteger(id) ? await findAgendaItem(db, encounterId, id) : null;
  if (!item) notFound("Esa sesión no existe en este encuentro");
  return item;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const item = await itemOf(db, encounter.id, params.itemId);
  const agenda = await listAgenda(db, encounter.id);
  return {
    encounter,
    item,
    values: agendaItemValues(item, encounter.timezone),
    scheduled: agenda.map(toScheduled),
    dateBounds: encounterDays(encounter),
  };
}

type ActionResult = { errors: SchedulingErrors; values: Record<string, string>; issues: ScheduleIssue[] };

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const item = await itemOf(db, encounter.id, params.itemId);
  const actor = actorOf.organizer(organizer.id);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const agendaUrl = `/admin/encuentros/${encounter.slug}/agenda`;

  if (intent === "delete") {
    await deleteAgendaItem(db, encounter, item, actor);
    return redirect(`${agendaUrl}?hecho=deleted`);
  }
  if (intent !== "save") return badRequest<ActionResult>({ errors: {}, values: formValues(formData), issues: [] });

  const form = parseAgendaItemForm(formData, encounter.timezone);
  if (!form.ok) return badRequest<ActionResult>({ errors: form.errors, values: form.values, issues: [] });
  const issues = await checkAgendaItem(db, encounter, form.data, item.id);
  const verdict = scheduleVerdict(issues, form.data.confirmed);
  if (verdict !== "save") {
    const errors: SchedulingErrors = issues.some((i) => i.code === "endBeforeStart") ? { endTime: "endBeforeStart" } : {};
    return data<ActionResult>({ errors, values: formValues(formData), issues }, { status: verdict === "blocked" ? 400 : 409 });
  }
  const outcome = await updateAgendaItem(db, encounter, item, form.data, actor);
  return redirect(`${agendaUrl}?hecho=${outcome}#item-${item.id}`);
}

export default function AgendaItemPage() {
  const { encounter, item, values, scheduled, dateBounds } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT().scheduling;
  const e = t.editor;
  const agendaUrl = `/admin/encuentros/${encounter.slug}/agenda`;
  return (
    <article className="agenda-editor">
      <p className="no-print">
        <Link to={agendaUrl}>← {e.backToAgenda}</Link>
      </p>
      <h1>
        {e.editHeading}: {item.title}
      </h1>
      <p className="muted">{encounter.title}</p>
      <AgendaItemForm
        key={result ? JSON.stringify(result.values) : "saved"}
        intent="save"
        itemId={item.id}
        encounter={encounter}
        agenda={scheduled}
        values={result?.values ?? values}
        errors={result?.errors}
        issues={result?.issues}
        submitLabel={e.save}
        dateBounds={dateBounds}
      />
      <section className="card card--danger" aria-labelledby="delete-heading">
        <h2 id="delete-heading">{e.delete.heading}</h2>
        <p>{e.delete.body}</p>
        <Form
          method="post"
          onSubmit={(event) => {
            if (!window.confirm(format(e.delete.confirm, { title: item.title }))) event.preventDefault();
          }}
        >
          <input type="hidden" name="intent" value="delete" />
          <button type="submit" className="button button--danger">
            {e.delete.submit}
          </button>
        </Form>
      </section>
    </article>
  );
}
