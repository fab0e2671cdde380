import { getFormProps, useForm } from "@conform-to/react";
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { FormErrors } from "~/components/forms";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { createMessage, saveReminderPlan } from "~/features/messages/commands.server";
import { MessageFields } from "~/features/messages/components/message-fields";
import { MessagesTable, type MessageRow } from "~/features/messages/components/messages-table";
import { ReminderPlanForm, type PlannedReminder } from "~/features/messages/components/reminder-plan-form";
import { messageSchema, reminderPlanSchema, segmentOf } from "~/features/messages/forms";
import { cityNames, findReminderPlan, listMessages, registeredCities } from "~/features/messages/queries.server";
import { parseSegment, plannedReminders } from "~/features/messages/rules";
import { messagesFor } from "~/i18n/catalog.server";
import { useT } from "~/i18n/index";
import { getLocale } from "~/i18n/locale.server";
import { getDb } from "~/server/db.server";
import { redirectWithFlash } from "~/server/flash.server";
import { parseFields, refuse } from "~/server/forms.server";
import { readForm } from "~/server/http.server";

// An encounter's messages to its registrants: write a new one (saved as a draft, then reviewed
// and sent from its own page), the list with each one's state and mail, and the automatic
// reminders before the encounter. The reminder plan lives here rather than on the encounter's
// form: it is about what reaches registrants, next to the messages it adds to the list.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Mensajes · ${data?.encounter.title ?? ""} · Convoca` }];

// Names of registrants' cities and their counts: an organizer's page, never cached.
const privateHeaders = { "Cache-Control": "private, no-store" };
export const headers: HeadersFunction = () => privateHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const [messages, cities, plan] = await Promise.all([listMessages(db, encounter.id), registeredCities(db, encounter.id), findReminderPlan(db, encounter.id)]);
  const rows: MessageRow[] = messages.map((m) => ({
    id: m.id,
    kind: m.kind,
    reminderDays: m.reminder_days,
    subject: m.subject,
    status: m.status,
    segment: parseSegment(m.segment),
    at: m.sent_at ?? m.cancelled_at ?? m.send_at,
    cancelledForNobody: m.cancel_reason === "no_recipients",
    mail: m.mail,
  }));
  const sentReminders = new Map(messages.filter((m) => m.kind === "reminder").map((m) => [m.reminder_days, m.status]));
  const now = new Date().toISOString();
  const planned: PlannedReminder[] = plannedReminders(plan, { startsAt: encounter.starts_at, timezone: encounter.timezone }).map((p) => ({
    ...p,
    state: sentReminders.has(p.days) ? "sent" : p.dueAt <= now ? "passed" : "coming",
  }));
  const names = await cityNames(
    db,
    rows.flatMap((r) => r.segment.cities),
  );
  return data(
    {
      encounter: { slug: encounter.slug, title: encounter.title, timezone: encounter.timezone },
      rows,
      cities,
      cityNames: { ...names, ...Object.fromEntries(cities.map((c) => [c.dane, c.name])) },
      plan,
      planned,
    },
    { headers: privateHeaders },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const form = await readForm(request);
  const t = messagesFor(await getLocale(request)).messages;
  const here = `/admin/encuentros/${encounter.slug}/mensajes`;
  const intent = form.get("intent");
  if (intent === "reminders") {
    const submission = parseFields(form, reminderPlanSchema);
    if (submission.status !== "success") return refuse(submission);
    await saveReminderPlan(db, organizer.id, encounter.id, submission.value);
    return redirectWithFlash(here, t.reminders.saved, { status: 303 });
  }
  if (intent === "create") {
    const submission = parseFields(form, messageSchema);
    if (submission.status !== "success") return refuse(submission);
    const { subject, body } = submission.value;
    const { id } = await createMessage(db, organizer.id, encounter.id, { subject, body, segment: segmentOf(submission.value) });
    return redirectWithFlash(`${here}/${id}`, t.admin.created, { status: 303 });
  }
  throw data("Acción desconocida", { status: 400 });
}

export default function EncounterMessages() {
  const { encounter, rows, cities, cityNames, plan, planned } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT().messages;
  // Each form shows the reply to its own send (its hidden intent), never the other's.
  const replyTo = (intent: string) => (result && "initialValue" in result && result.initialValue?.intent === intent ? result : undefined);
  const [form, fields] = useForm<z.input<typeof messageSchema>>({
    id: "new-message",
    lastResult: replyTo("create"),
    defaultValue: { statuses: ["confirmed"] },
  });
  const base = `/admin/encuentros/${encounter.slug}/mensajes`;
  return (
    <section className="stack">
      <p>
        <Link to={`/admin/encuentros/${encounter.slug}`}>← {t.admin.back}</Link>
      </p>
      <h1>{t.admin.title}</h1>
      <p className="lead">
        {encounter.title}. {t.admin.intro}
      </p>

      <section aria-labelledby="list-title">
        <h2 id="list-title">{t.admin.listTitle}</h2>
        <MessagesTable rows={rows} base={base} timezone={encounter.timezone} cityNames={cityNames} />
      </section>

      <section className="card" aria-labelledby="new-title">
        <h2 id="new-title">{t.admin.newTitle}</h2>
        <Form method="post" className="stack" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="create" />
          <FormErrors form={form} messages={t.errors} />
          <MessageFields fields={fields} cities={cities} />
          <div>
            <button type="submit" className="button">
              {t.admin.saveDraft}
            </button>
          </div>
        </Form>
      </section>

      <ReminderPlanForm plan={plan} planned={planned} timezone={encounter.timezone} lastResult={replyTo("reminders")} />
    </section>
  );
}
