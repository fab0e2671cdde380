import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AgendaItemForm } from "~/features/agenda/components/item-form";
import { format, useT } from "~/i18n/index";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { deleteAgendaItem, updateAgendaItem } from "~/features/agenda/commands/items.server";
import { checkAgendaItem, findAgendaItem, listAgenda } from "~/features/agenda/queries.server";
import { actorOf } from "~/server/audit.server";
import { agendaItemSchema, agendaItemValues, encounterDays, itemPageIntentSchema, scheduleErrors, type ScheduleReply } from "~/features/agenda/forms";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { getDb } from "~/server/db.server";
import { redirectWithFlash } from "~/server/flash.server";
import { parseFields, refuse } from "~/server/forms.server";
import { notFound, readForm } from "~/server/http.server";
import { requireId } from "~/server/params.server";
import { scheduleVerdict, toScheduled } from "~/features/agenda/rules";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.item.title ?? "Sesión"} · Agenda · Convoca` }];

/** The item named in the URL, only if it is this encounter's: another encounter's id is a 404. */
async function itemOf(db: ReturnType<typeof getDb>, encounterId: number, params: LoaderFunctionArgs["params"]) {
  const item = await findAgendaItem(db, encounterId, requireId(params, "itemId"));
  if (!item) notFound("Esa sesión no existe en este encuentro");
  return item;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const item = await itemOf(db, encounter.id, params);
  const agenda = await listAgenda(db, encounter.id);
  return {
    encounter,
    item,
    values: agendaItemValues(item, encounter.timezone),
    scheduled: agenda.map(toScheduled),
    dateBounds: encounterDays(encounter),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const item = await itemOf(db, encounter.id, params);
  const actor = actorOf.organizer(organizer.id);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const agendaUrl = `/admin/encuentros/${encounter.slug}/agenda`;
  const done = messagesFor(await getLocale(request)).scheduling.editor.done;

  if (intent === "delete") {
    await deleteAgendaItem(db, encounter, item, actor);
    return redirectWithFlash(agendaUrl, done.deleted);
  }
  if (intent !== "save") return refuse(parseFields(formData, itemPageIntentSchema));

  const submission = parseFields(formData, agendaItemSchema(encounter.timezone));
  if (submission.status !== "success") return refuse(submission);
  const issues = await checkAgendaItem(db, encounter, submission.value, item.id);
  const verdict = scheduleVerdict(issues, submission.value.confirmed);
  if (verdict !== "save") {
    return data<ScheduleReply>({ ...submission.reply(scheduleErrors(issues)), issues }, { status: verdict === "blocked" ? 400 : 409 });
  }
  const outcome = await updateAgendaItem(db, encounter, item, submission.value, actor);
  return redirectWithFlash(`${agendaUrl}#item-${item.id}`, done[outcome]);
}

export default function AgendaItemPage() {
  const { encounter, item, values, scheduled, dateBounds } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as ScheduleReply | undefined;
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
        key={reply ? JSON.stringify(reply.initialValue) : "saved"}
        intent="save"
        itemId={item.id}
        encounter={encounter}
        agenda={scheduled}
        defaultValue={values}
        lastResult={reply}
        issues={reply?.issues}
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
