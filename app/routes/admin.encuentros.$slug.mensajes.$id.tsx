import { getFormProps, useForm } from "@conform-to/react";
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { FormErrors } from "~/components/forms";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { cancelMessage, scheduleMessage, updateMessage, type MessageRefusal } from "~/features/messages/commands.server";
import { MessageFields } from "~/features/messages/components/message-fields";
import { MessagePreview } from "~/features/messages/components/message-preview";
import { useMessageTitle } from "~/features/messages/components/messages-table";
import { SegmentSummary } from "~/features/messages/components/segment-summary";
import { CancelForm, SendForm } from "~/features/messages/components/send-forms";
import { cancelSchema, messageSchema, scheduleSchema, segmentOf, sendInstant } from "~/features/messages/forms";
import { previewMessage } from "~/features/messages/mail.server";
import { cityNames, findMessage, mailCounts, recipientCount, registeredCities } from "~/features/messages/queries.server";
import { isChangeable, parseSegment } from "~/features/messages/rules";
import { wakeMessageScheduler } from "~/features/messages/scheduler.server";
import { messagesFor } from "~/i18n/catalog.server";
import { format, useLocale, usePlural, useT } from "~/i18n/index";
import { getLocale } from "~/i18n/locale.server";
import { addDays, formatDateTime, utcToWallTime } from "~/lib/time";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { redirectWithFlash } from "~/server/flash.server";
import { parseFields, refuse, refuseField, refuseForm } from "~/server/forms.server";
import { notFound, readForm } from "~/server/http.server";
import { requireId } from "~/server/params.server";

// One message (or automatic reminder) of an encounter: who gets it and how many, how it reads
// for one of them, and, until it goes, editing it, sending it now or at a time in the
// encounter's zone, and cancelling it. Refusals come back on the form that was sent: nobody to
// send to (400), a time past or too far (400), a message that already went (409).

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.message.subject || "Mensaje"} · Convoca` }];

// The preview names a registrant and shows their mail: never cached.
const privateHeaders = { "Cache-Control": "private, no-store" };
export const headers: HeadersFunction = () => privateHeaders;

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const id = requireId(params, "id");
  const message = await findMessage(db, encounter.id, id);
  if (!message) notFound();
  return { db, organizer, encounter, message };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, encounter, message } = await load(request, params);
  const segment = parseSegment(message.segment);
  const as = Number(new URL(request.url).searchParams.get("como")) || undefined;
  const [count, cities, names, mail, preview] = await Promise.all([
    isChangeable(message.status) ? recipientCount(db, encounter.id, segment) : null,
    isChangeable(message.status) && message.kind === "message" ? registeredCities(db, encounter.id) : [],
    cityNames(db, segment.cities),
    mailCounts(db, [message.id]),
    previewMessage(db, message, getEnv().appUrl, as),
  ]);
  // The form's default time: the one scheduled, else tomorrow at 09:00 in the encounter's zone.
  const defaultAt = message.status === "scheduled" && message.send_at ? utcToWallTime(message.send_at, encounter.timezone) : null;
  return data(
    {
      encounter: { slug: encounter.slug, title: encounter.title, timezone: encounter.timezone },
      message: {
        id: message.id,
        kind: message.kind,
        reminderDays: message.reminder_days,
        subject: message.subject,
        body: message.body,
        status: message.status,
        segment,
        sendAt: message.send_at,
        sentAt: message.sent_at,
        cancelledAt: message.cancelled_at,
        cancelReason: message.cancel_reason,
        recipients: message.recipients,
      },
      count,
      cities,
      cityNames: names,
      mail: mail.get(message.id) ?? null,
      preview,
      defaultDate: defaultAt?.date ?? utcToWallTime(addDays(new Date(), 1).toISOString(), encounter.timezone).date,
      defaultTime: defaultAt?.time ?? "09:00",
    },
    { headers: privateHeaders },
  );
}

const refusalStatus: Record<MessageRefusal, number> = { noRecipients: 400, inPast: 400, tooFar: 400, notChangeable: 409 };

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, organizer, encounter, message } = await load(request, params);
  const form = await readForm(request);
  const locale = await getLocale(request);
  const t = messagesFor(locale).messages;
  const here = `/admin/encuentros/${encounter.slug}/mensajes/${message.id}`;
  const intent = form.get("intent");
  if (intent === "save") {
    const submission = parseFields(form, messageSchema);
    if (submission.status !== "success") return refuse(submission);
    const { subject, body } = submission.value;
    const result = await updateMessage(db, organizer.id, encounter.id, message.id, { subject, body, segment: segmentOf(submission.value) });
    if (!result.ok) return refuseForm(submission, result.reason, { status: refusalStatus[result.reason] });
    return redirectWithFlash(here, t.message.saved, { status: 303 });
  }
  if (intent === "send" || intent === "schedule") {
    const submission = parseFields(form, scheduleSchema);
    if (submission.status !== "success") return refuse(submission);
    const now = new Date();
    const when = sendInstant(submission.value, encounter.timezone, now);
    if (!when.ok) return refuseField(submission, when.field, when.key);
    const result = await scheduleMessage(db, organizer.id, encounter.id, message.id, when.at, now);
    if (!result.ok) {
      if (result.reason === "inPast" || result.reason === "tooFar") return refuseField(submission, "sendDate", result.reason);
      return refuseForm(submission, result.reason, { status: refusalStatus[result.reason] });
    }
    if (submission.value.intent === "send") {
      wakeMessageScheduler();
      return redirectWithFlash(here, format(t.message.sentNow, { count: result.recipients }), { status: 303 });
    }
    const date = formatDateTime(result.sendAt, encounter.timezone, locale);
    return redirectWithFlash(here, format(t.message.scheduled, { date, count: result.recipients }), { status: 303 });
  }
  if (intent === "cancel") {
    const submission = parseFields(form, cancelSchema);
    const result = await cancelMessage(db, organizer.id, encounter.id, message.id);
    if (!result.ok) return refuseForm(submission, result.reason, { status: refusalStatus[result.reason] });
    return redirectWithFlash(here, t.message.cancelled, { status: 303 });
  }
  throw data("Acción desconocida", { status: 400 });
}

function Status() {
  const { encounter, message: msg, count, mail } = useLoaderData<typeof loader>();
  const m = useT().messages.message;
  const locale = useLocale();
  const pl = usePlural();
  const when = (instant: string) => formatDateTime(instant, encounter.timezone, locale);
  return (
    <>
      {msg.status === "scheduled" && msg.sendAt ? <p className="alert alert--info">{format(m.scheduledFor, { date: when(msg.sendAt) })}</p> : null}
      {msg.status === "sent" && msg.sentAt ? (
        <p className="alert alert--ok">
          {format(m.sentAt, { date: when(msg.sentAt) })} {pl(m.reached, msg.recipients)}
          {mail ? ` ${format(m.mail, { ...mail })}` : null}
        </p>
      ) : null}
      {msg.status === "cancelled" && msg.cancelledAt ? (
        <p className="alert alert--warn">{format(msg.cancelReason === "no_recipients" ? m.cancelledNobody : m.cancelledAt, { date: when(msg.cancelledAt) })}</p>
      ) : null}
      {count ? (
        <div>
          <p>
            <strong>{count.recipients > 0 ? pl(m.willReach, count.recipients) : m.nobody}</strong>
          </p>
          {count.stopped ? <p className="muted">{pl(m.leftOut.stopped, count.stopped)}</p> : null}
          {count.consentPending ? <p className="muted">{pl(m.leftOut.consentPending, count.consentPending)}</p> : null}
          {count.unreachable ? <p className="muted">{pl(m.leftOut.unreachable, count.unreachable)}</p> : null}
        </div>
      ) : null}
    </>
  );
}

export default function EncounterMessage() {
  const { encounter, message: msg, cities, cityNames, preview, defaultDate, defaultTime } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT().messages;
  const title = useMessageTitle();
  const reply = result && "initialValue" in result ? result : undefined;
  const replyTo = (intent: string) => (reply?.initialValue?.intent === intent ? reply : undefined);
  const [form, fields] = useForm<z.input<typeof messageSchema>>({
    id: "edit",
    lastResult: replyTo("save"),
    defaultValue: { subject: msg.subject, body: msg.body, statuses: msg.segment.statuses, cities: msg.segment.cities },
  });
  const open = msg.kind === "message" && (msg.status === "draft" || msg.status === "scheduled");
  return (
    <section className="stack">
      <p>
        <Link to={`/admin/encuentros/${encounter.slug}/mensajes`}>← {t.message.back}</Link>
      </p>
      <h1>{title(msg)}</h1>
      <p className="muted">
        {t.admin.statusLabels[msg.status]} · {t.message.to}:{" "}
        {msg.kind === "reminder" ? t.admin.confirmedOnly : <SegmentSummary segment={msg.segment} cityNames={cityNames} />}
      </p>
      <Status />
      {open ? (
        <SendForm
          timezone={encounter.timezone}
          defaultDate={defaultDate}
          defaultTime={defaultTime}
          scheduled={msg.status === "scheduled"}
          scheduleResult={replyTo("schedule")}
          sendResult={replyTo("send")}
        />
      ) : null}
      {preview ? <MessagePreview preview={preview} /> : null}
      {open ? (
        <section className="card" aria-labelledby="edit-title">
          <h2 id="edit-title">{t.message.editTitle}</h2>
          <Form method="post" className="stack" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="save" />
            <FormErrors form={form} messages={t.errors} />
            <MessageFields fields={fields} cities={cities} />
            <div>
              <button type="submit" className="button button--secondary">
                {t.message.save}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
      {open ? <CancelForm lastResult={replyTo("cancel")} /> : null}
    </section>
  );
}
