import { getFormProps, useForm } from "@conform-to/react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrors, TextareaField } from "~/components/forms";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { hideMinutes, publishMinutes, saveMinutes } from "~/features/minutes/commands.server";
import { minutesLimits, minutesSchema, publishSchema } from "~/features/minutes/forms";
import { minutesOf } from "~/features/minutes/queries.server";
import { format, useLocale, useT } from "~/i18n/index";
import { messagesFor } from "~/i18n/catalog.server";
import { plural } from "~/i18n/index";
import { getLocale } from "~/i18n/locale.server";
import { formatDateTime, formatTime } from "~/lib/time";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { redirectWithFlash } from "~/server/flash.server";
import { parseFields, refuse, refuseForm } from "~/server/forms.server";
import { readForm } from "~/server/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Relatoría · ${data.encounter.title} · Convoca` : "Convoca" }];

// /admin/encuentros/:slug/relatoria: the minutes of the encounter (issue 18, section 6), in
// Markdown, general and per session; published with the materials when organizers choose.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  return data(
    {
      encounter: { slug: encounter.slug, title: encounter.title, timezone: encounter.timezone },
      minutes: await minutesOf(db, encounter.id),
      appUrl: getEnv().appUrl,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const locale = await getLocale(request);
  const t = messagesFor(locale).minutes.admin;
  const here = `/admin/encuentros/${encounter.slug}/relatoria`;
  const actor = { organizerId: organizer.id, encounterId: encounter.id };
  const form = await readForm(request);
  if (form.get("intent") === "save") {
    const submission = parseFields(form, minutesSchema);
    if (submission.status !== "success") return refuse(submission);
    const { intent: _intent, body, ...rest } = submission.value;
    const sessions = new Map<number, string>();
    for (const [name, value] of Object.entries(rest)) {
      const id = /^session-([1-9]\d{0,9})$/.exec(name)?.[1];
      if (id && typeof value === "string") sessions.set(Number(id), value);
    }
    await saveMinutes(db, actor, { body, sessions });
    return redirectWithFlash(here, t.saved);
  }
  const submission = parseFields(form, publishSchema);
  if (submission.status !== "success") return refuse(submission);
  if (submission.value.intent === "hide") {
    await hideMinutes(db, actor);
    return redirectWithFlash(here, t.hidden);
  }
  const wasNotified = (await minutesOf(db, encounter.id)).notifiedAt !== null;
  const published = await publishMinutes(db, actor, { appUrl: getEnv().appUrl });
  if (!published.ok) return refuseForm(submission, published.reason);
  return redirectWithFlash(here, wasNotified ? t.publishedAgain : plural(locale, t.published, published.notified));
}

export default function MinutesEditor() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT().minutes;
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const { minutes, encounter } = page;
  const publicUrl = `/encuentros/${encounter.slug}/relatoria`;
  const defaults: Record<string, string> = { body: minutes.body };
  for (const s of minutes.sessions) defaults[`session-${s.agendaItemId}`] = s.body;
  const [form, fields] = useForm<Record<string, string>>({ id: "minutes", lastResult: result, defaultValue: defaults });
  return (
    <section className="stack">
      <p className="no-print">
        <Link to={`/admin/encuentros/${encounter.slug}`}>{t.admin.back}</Link>
      </p>
      <h1>{t.title}</h1>
      <p>{t.admin.intro}</p>
      <div className="card stack" id="publication">
        <p>
          {minutes.publishedAt ? (
            <>
              {format(t.admin.statusPublished, { date: formatDateTime(minutes.publishedAt, encounter.timezone, locale), url: `${page.appUrl}${publicUrl}` })}{" "}
              <Link to={publicUrl}>{t.admin.view}</Link>
            </>
          ) : (
            t.admin.statusDraft
          )}
        </p>
        {minutes.notifiedAt ? (
          <p className="muted">{format(t.admin.notified, { date: formatDateTime(minutes.notifiedAt, encounter.timezone, locale) })}</p>
        ) : null}
        <Form method="post" className="stack">
          <FormErrors form={form} messages={t.errors} />
          {minutes.publishedAt ? (
            <button type="submit" name="intent" value="hide" className="button button--secondary" disabled={busy}>
              {t.admin.hide}
            </button>
          ) : (
            <>
              <p className="field__hint">{minutes.notifiedAt ? null : t.admin.publishHint}</p>
              <button type="submit" name="intent" value="publish" className="button" disabled={busy}>
                {minutes.notifiedAt ? t.admin.republish : t.admin.publish}
              </button>
            </>
          )}
        </Form>
      </div>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="save" />
        <p className="field__hint">{t.admin.markdownHint}</p>
        <TextareaField meta={fields.body} label={t.admin.body} messages={t.errors} rows={12} maxLength={minutesLimits.bodyMax} />
        {minutes.sessions.length > 0 ? <h2>{t.bySession}</h2> : null}
        {minutes.sessions
          .filter((s) => s.kind !== "break")
          .map((s) => (
            <TextareaField
              key={s.agendaItemId}
              meta={fields[`session-${s.agendaItemId}`]}
              label={format(t.admin.session, { time: formatTime(s.startsAt, encounter.timezone, locale), title: s.title })}
              messages={t.errors}
              rows={5}
              maxLength={minutesLimits.bodyMax}
            />
          ))}
        <div>
          <button type="submit" className="button" disabled={busy}>
            {t.admin.save}
          </button>
        </div>
      </Form>
    </section>
  );
}
