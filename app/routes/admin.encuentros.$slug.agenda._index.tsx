import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useState, type DragEvent } from "react";
import { AgendaItemForm, ScheduleWarnings, useIssueText } from "~/features/agenda/components/item-form";
import { format, plural, useLocale, useT } from "~/i18n/index";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { createAgendaItem, moveAgendaItem } from "~/features/agenda/commands/items.server";
import { notifyAgendaChanges } from "~/features/agenda/commands/notices.server";
import {
  checkAgendaItem,
  findAgendaItem,
  lastAgendaNotice,
  listAgenda,
  listAgendaNoticeRecipients,
  listPendingAgendaChanges,
} from "~/features/agenda/queries.server";
import { actorOf } from "~/server/audit.server";
import { agendaItemSchema, editorIntentSchema, encounterDays, moveSchema, scheduleErrors, type ScheduleReply } from "~/features/agenda/forms";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { getDb } from "~/server/db.server";
import { redirectWithFlash } from "~/server/flash.server";
import { parseFields, refuse, refuseForm } from "~/server/forms.server";
import { useHydrated } from "~/lib/use-hydrated";
import { notFound, readForm } from "~/server/http.server";
import { checkAgenda, scheduleVerdict, toScheduled, type ScheduleIssue } from "~/features/agenda/rules";
import { formatDate, formatDateTime, formatTime, utcToWallTime, zoneInWords } from "~/lib/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Agenda · ${data?.encounter.title ?? ""} · Organizadores · Convoca` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const items = await listAgenda(db, encounter.id);
  const scheduled = items.map(toScheduled);
  const last = items.at(-1);
  const zone = encounter.timezone;
  const nextStart = last ? last.ends_at : encounter.starts_at;
  const nextEnd = new Date(Date.parse(nextStart) + 60 * 60_000).toISOString();
  const start = utcToWallTime(nextStart, zone);
  const isDraft = encounter.status === "draft";
  return {
    encounter,
    items,
    scheduled,
    // Only what could not have been saved on purpose: a plenary/break overlap in the agenda was confirmed.
    problems: checkAgenda(encounter, scheduled)
      .filter(({ issue }) => issue.blocking)
      .map(({ item, issue }) => ({ itemId: item.id, title: item.title, issue })),
    pending: isDraft ? [] : await listPendingAgendaChanges(db, encounter.id),
    recipients: isDraft ? 0 : (await listAgendaNoticeRecipients(db, encounter.id)).length,
    lastNotice: await lastAgendaNotice(db, encounter.id),
    newItem: { kind: "panel", date: start.date, startTime: start.time, endTime: utcToWallTime(nextEnd, zone).time },
    dateBounds: encounterDays(encounter),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const actor = actorOf.organizer(organizer.id);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const base = `/admin/encuentros/${encounter.slug}/agenda`;
  const done = messagesFor(await getLocale(request)).scheduling.editor.done;

  if (intent === "create") {
    const submission = parseFields(formData, agendaItemSchema(encounter.timezone));
    if (submission.status !== "success") return refuse(submission);
    const issues = await checkAgendaItem(db, encounter, submission.value, null);
    const verdict = scheduleVerdict(issues, submission.value.confirmed);
    if (verdict !== "save") return data<ScheduleReply>({ ...submission.reply(scheduleErrors(issues)), issues }, { status: verdict === "blocked" ? 400 : 409 });
    const id = await createAgendaItem(db, encounter, submission.value, actor);
    return redirectWithFlash(`${base}#item-${id}`, done.created);
  }

  if (intent === "move") {
    const submission = parseFields(formData, moveSchema);
    if (submission.status !== "success") return refuse(submission);
    const { itemId, step } = submission.value;
    if (!(await findAgendaItem(db, encounter.id, itemId))) notFound("Esa sesión no es de este encuentro");
    const result = await moveAgendaItem(db, encounter, itemId, step, actor);
    if (result.status === "blocked")
      return data<ScheduleReply>({ ...submission.reply({ formErrors: ["moveBlocked"] }), issues: result.issues.map((i) => i.issue) }, { status: 409 });
    return redirectWithFlash(`${base}#item-${itemId}`, done[result.status]);
  }

  if (intent === "notify") {
    const submission = parseFields(formData, editorIntentSchema);
    const result = await notifyAgendaChanges(db, encounter, organizer.id);
    // Nothing to tell, nobody to tell it to, or a draft: said above the button.
    if (result.status !== "sent") return refuseForm(submission, result.status, { status: 409 });
    return redirectWithFlash(base, plural(await getLocale(request), done.notified, result.recipients));
  }

  return refuse(parseFields(formData, editorIntentSchema));
}

export default function AgendaEditorPage() {
  const { encounter, items, scheduled, problems, pending, recipients, lastNotice, newItem, dateBounds } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as ScheduleReply | undefined;
  const all = useT();
  const t = all.scheduling;
  const e = t.editor;
  const locale = useLocale();
  const zone = encounter.timezone;
  const base = `/admin/encuentros/${encounter.slug}`;
  const hydrated = useHydrated();
  const fetcher = useFetcher();
  const [dragged, setDragged] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const multiDay = dateBounds.min !== dateBounds.max;

  const onDrop = (event: DragEvent, index: number) => {
    event.preventDefault();
    setOver(null);
    if (dragged === null) return;
    const from = items.findIndex((i) => i.id === dragged);
    setDragged(null);
    if (from < 0 || from === index) return;
    fetcher.submit({ intent: "move", itemId: String(items[from].id), to: String(index) }, { method: "post" });
  };

  // Each form shows the reply to its own send (its intent); a drag's reply comes to the fetcher.
  const replyTo = (intent: string, to: ScheduleReply | undefined = reply) => (to?.initialValue?.intent === intent ? to : undefined);
  const blockedMove = [replyTo("move"), replyTo("move", fetcher.data as ScheduleReply | undefined)].find((r) => r?.issues);
  const notifyOutcome = replyTo("notify")?.error?.[""]?.[0];
  const created = replyTo("create");
  let lastDay = "";

  return (
    <article className="agenda-editor">
      <p className="no-print">
        <Link to={base}>← {encounter.title}</Link>
      </p>
      <h1>
        {e.title}: {encounter.title}
      </h1>
      <p className="muted">{format(e.localTime, { zone: zoneInWords(zone, locale) })}</p>
      <nav className="actions" aria-label={e.title}>
        <Link className="button button--secondary" to={base}>
          {t.links.settings}
        </Link>
        <Link className="button button--secondary" to={`/encuentros/${encounter.slug}/agenda`}>
          {t.links.publicAgenda}
        </Link>
      </nav>
      {blockedMove ? (
        <div role="alert">
          <p className="alert alert--error">{e.warnings.moveBlocked}</p>
          <ScheduleWarnings issues={blockedMove.issues ?? []} encounter={encounter} confirmable={false} />
        </div>
      ) : null}

      {problems.length > 0 ? (
        <section className="alert alert--warn" aria-labelledby="problems-heading">
          <h2 id="problems-heading">{e.warnings.agendaProblems}</h2>
          <ul>
            {problems.map(({ itemId, title, issue }) => (
              <li key={`${itemId}-${issue.key}`}>
                <a href={`#item-${itemId}`}>{title}</a>: <ProblemText issue={issue} encounter={encounter} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="items-heading">
        <h2 id="items-heading" className="visually-hidden">
          {e.title}
        </h2>
        {items.length === 0 ? (
          <p>{e.empty}</p>
        ) : (
          <>
            <p className="field__hint">{e.moveHint}</p>
            <div className="table-scroll">
              <table className="data agenda-table">
                <thead>
                  <tr>
                    <th scope="col">{e.columns.time}</th>
                    <th scope="col">{e.columns.session}</th>
                    <th scope="col">{e.columns.room}</th>
                    <th scope="col">{e.columns.people}</th>
                    <th scope="col">{e.columns.order}</th>
                    <th scope="col">{e.columns.actions}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((item, index) => {
                    const day = formatDate(item.starts_at, zone, locale);
                    const dayRow = multiDay && day !== lastDay;
                    lastDay = day;
                    return [
                      dayRow ? (
                        <tr key={`day-${day}`} className="agenda-table__day">
                          <th colSpan={6} scope="colgroup">
                            {day}
                          </th>
                        </tr>
                      ) : null,
                      <tr
                        key={item.id}
                        id={`item-${item.id}`}
                        className={`agenda-table__row agenda-table__row--${item.kind}${over === index ? " agenda-table__row--over" : ""}${dragged === item.id ? " agenda-table__row--dragged" : ""}`}
                        draggable={hydrated}
                        onDragStart={(event) => {
                          event.dataTransfer.effectAllowed = "move";
                          event.dataTransfer.setData("text/plain", String(item.id));
                          setDragged(item.id);
                        }}
                        onDragEnd={() => {
                          setDragged(null);
                          setOver(null);
                        }}
                        onDragOver={(event) => {
                          if (dragged === null) return;
                          event.preventDefault();
                          setOver(index);
                        }}
                        onDrop={(event) => onDrop(event, index)}
                      >
                        <td className="agenda-table__time">
                          <time dateTime={item.starts_at}>{formatTime(item.starts_at, zone, locale)}</time>–
                          <time dateTime={item.ends_at}>{formatTime(item.ends_at, zone, locale)}</time>
                        </td>
                        <td>
                          <strong>{item.title}</strong>
                          <br />
                          <span className={`badge badge--kind-${item.kind}`}>{all.agenda.kinds[item.kind]}</span>
                        </td>
                        <td>{item.room}</td>
                        <td>
                          {item.speakers.map((s, i) => (
                            <span key={i} className="agenda-table__person">
                              {s.name}
                              {s.role === "moderator" ? ` (${e.roles.moderator})` : ""}
                            </span>
                          ))}
                        </td>
                        <td>
                          <Form method="post" className="move-buttons" preventScrollReset>
                            <input type="hidden" name="intent" value="move" />
                            <input type="hidden" name="itemId" value={item.id} />
                            <button
                              type="submit"
                              name="direction"
                              value="up"
                              className="button button--secondary button--small"
                              disabled={index === 0}
                              aria-label={format(e.moveUpLabel, { title: item.title })}
                              title={e.moveUp}
                            >
                              ↑
                            </button>
                            <button
                              type="submit"
                              name="direction"
                              value="down"
                              className="button button--secondary button--small"
                              disabled={index === items.length - 1}
                              aria-label={format(e.moveDownLabel, { title: item.title })}
                              title={e.moveDown}
                            >
                              ↓
                            </button>
                          </Form>
                        </td>
                        <td>
                          <Link to={`${base}/agenda/${item.id}`} aria-label={format(e.editLabel, { title: item.title })}>
                            {t.links.edit}
                          </Link>
                        </td>
                      </tr>,
                    ];
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="notice-heading">
        <h2 id="notice-heading">{e.notice.heading}</h2>
        {encounter.status === "draft" ? (
          <p>{e.notice.draft}</p>
        ) : (
          <>
            {pending.length === 0 ? (
              <p>{e.notice.none}</p>
            ) : (
              <>
                <p>{e.notice.pending}</p>
                <ul className="change-list">
                  {pending.map((c) => (
                    <li key={c.itemId}>
                      <span className={`badge${c.change === "removed" ? " badge--warn" : ""}`}>{e.notice[c.change]}</span>{" "}
                      {formatTime(c.starts_at, zone, locale)}–{formatTime(c.ends_at, zone, locale)} {c.title}
                      {c.room ? ` · ${c.room}` : ""}
                      {c.change === "changed" && c.before ? (
                        <span className="muted">
                          {" "}
                          ({c.fields.map((field) => e.notice.fields[field]).join(", ")}; {e.notice.before}: {formatTime(c.before.starts_at, zone, locale)}–
                          {formatTime(c.before.ends_at, zone, locale)}
                          {c.before.room ? ` · ${c.before.room}` : ""})
                        </span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {notifyOutcome ? (
              <p className="alert alert--error" role="alert">
                {notifyOutcome === "nobody" ? e.notice.nobody : notifyOutcome === "draft" ? e.notice.draft : e.notice.nothing}
              </p>
            ) : null}
            {pending.length > 0 && recipients === 0 ? <p>{e.notice.nobody}</p> : null}
            {pending.length > 0 && recipients > 0 ? (
              <Form method="post">
                <input type="hidden" name="intent" value="notify" />
                <p className="field__hint">{e.notice.hint}</p>
                <button type="submit" className="button">
                  {plural(locale, e.notice.button, recipients)}
                </button>
              </Form>
            ) : null}
          </>
        )}
        {lastNotice ? (
          <p className="muted">{plural(locale, e.notice.last, lastNotice.recipients, { date: formatDateTime(lastNotice.created_at, zone, locale) })}</p>
        ) : null}
      </section>

      <section aria-labelledby="add-heading">
        <h2 id="add-heading">{e.addHeading}</h2>
        <AgendaItemForm
          key={created ? JSON.stringify(created.initialValue) : `new-${items.length}`}
          intent="create"
          itemId={null}
          encounter={encounter}
          agenda={scheduled}
          defaultValue={newItem}
          lastResult={created}
          issues={created?.issues}
          submitLabel={e.add}
          dateBounds={dateBounds}
        />
      </section>
    </article>
  );
}

function ProblemText({ issue, encounter }: { issue: ScheduleIssue; encounter: { starts_at: string; ends_at: string; timezone: string } }) {
  return <>{useIssueText(encounter)(issue)}</>;
}
