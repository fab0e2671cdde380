import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormAlert, FormErrors, useErrorText } from "~/components/forms";
import { InvitationGrid } from "~/features/invitations/components/invitation-grid";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { invitationGrid } from "~/features/invitations/queries/invitations.server";
import { regions } from "~/features/invitations/regions";
import { acceptsInvitations, autoReminderAt } from "~/features/invitations/rules";
import { format, useLocale, useT } from "~/i18n/index";
import { formatDateTime } from "~/lib/time";
import { getDb } from "~/server/db.server";
import type { InvitationsAction } from "./actions.server";

export { action } from "./actions.server";

// /admin/encuentros/:slug/invitaciones: invite the capitals (all 32, a region, a chosen list;
// a city without a focal point needs a typed address), the grid of the 32 with each one's
// invitation state, send one again or withdraw it, remind those that have not answered, and
// the automatic reminder before registration closes. Organizers only; no-store (names and
// addresses of focal points).

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Invitaciones · ${data.encounter.title} · Convoca` : "Convoca" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const now = new Date();
  const rows = await invitationGrid(db, encounter, now);
  const auto = autoReminderAt(encounter);
  return data(
    {
      encounter: {
        slug: encounter.slug,
        title: encounter.title,
        timezone: encounter.timezone,
        closesAt: encounter.registration_closes_at,
        reminderDays: encounter.invitation_reminder_days,
      },
      canInvite: acceptsInvitations(encounter, now),
      autoAt: auto?.toISOString() ?? null,
      remindable: rows.filter((r) => r.remindable).length,
      counts: {
        invited: rows.filter((r) => r.state !== "not_invited").length,
        registered: rows.filter((r) => r.state === "registered").length,
        declined: rows.filter((r) => r.state === "declined").length,
        pending: rows.filter((r) => r.awaiting).length,
      },
      rows: rows.map(({ remindable: _r, awaiting: _a, invitationId: _i, ...row }) => row),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

const inviteIntents = ["inviteAll", "inviteRegion", "inviteChosen"];
type Reply = SubmissionResult<string[]> | undefined;
const intentOf = (result: Reply) => (result?.initialValue as { intent?: unknown } | undefined)?.intent;

export default function InvitationsPage() {
  const { encounter, canInvite, autoAt, remindable, counts, rows } = useLoaderData<typeof loader>();
  const result = useActionData<InvitationsAction>() as Reply;
  const t = useT().invitations;
  const a = t.admin;
  const locale = useLocale();
  const messages = t.errors as unknown as Record<string, string>;
  const errorText = useErrorText(messages);
  const forInvite = inviteIntents.includes(String(intentOf(result))) ? result : undefined;
  const forReminder = intentOf(result) === "reminderDays" ? result : undefined;
  const other = result && !forInvite && !forReminder ? result : undefined;
  const [form, fields] = useForm<{ address: Record<string, string>; region: string; cities: string[] }>({ id: "invite", lastResult: forInvite });
  const address = fields.address.getFieldset();
  const [reminder, reminderFields] = useForm<{ days: string }>({
    id: "reminder",
    lastResult: forReminder,
    defaultValue: { days: String(encounter.reminderDays) },
  });
  const initial = (forInvite?.initialValue ?? {}) as { cities?: string | string[]; region?: string };
  const chosen = ([] as string[]).concat(initial.cities ?? []);
  const otherErrors = Object.values(other?.error ?? {}).flat();
  const when = (instant: string) => formatDateTime(instant, encounter.timezone, locale);
  return (
    <section className="stack stack--wide">
      <p>
        <Link to={`/admin/encuentros/${encounter.slug}`}>← {a.back}</Link>
      </p>
      <h1>{a.title}</h1>
      <p className="lead">
        {encounter.title}. {a.intro}
      </p>
      <p>{format(a.summary, counts)}</p>
      {!canInvite ? <p className="alert alert--info">{a.notOpen}</p> : null}
      {otherErrors.length > 0 ? <FormAlert>{otherErrors.map((key) => errorText(key ?? undefined)).join(" ")}</FormAlert> : null}

      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors form={form} messages={messages} />
        {canInvite ? (
          <fieldset className="stack">
            <legend>{a.invite}</legend>
            <div className="actions">
              <button type="submit" name="intent" value="inviteAll" className="button">
                {a.inviteAll}
              </button>
            </div>
            <div className="actions">
              <label htmlFor="invite-region">{a.region}</label>
              <select id="invite-region" name="region" defaultValue={initial.region ?? regions[0]}>
                {regions.map((r) => (
                  <option key={r} value={r}>
                    {t.regions[r]}
                  </option>
                ))}
              </select>
              <button type="submit" name="intent" value="inviteRegion" className="button button--secondary">
                {a.inviteRegion}
              </button>
              <button type="submit" name="intent" value="inviteChosen" className="button button--secondary">
                {a.inviteChosen}
              </button>
            </div>
            <p className="field__hint">{a.inviteHint}</p>
          </fieldset>
        ) : null}
      </Form>

      <h2>{a.gridTitle}</h2>
      <InvitationGrid
        rows={rows}
        timezone={encounter.timezone}
        inviteForm={form.id}
        resendForm="resend"
        withdrawForm="withdraw"
        chosen={chosen}
        addressMeta={(dane) => address[dane]}
        canInvite={canInvite}
      />
      {/* The row buttons of the grid belong to these two forms (their `form` attribute). */}
      <Form method="post" id="resend" hidden>
        <input type="hidden" name="intent" value="resend" />
      </Form>
      <Form method="post" id="withdraw" hidden>
        <input type="hidden" name="intent" value="withdraw" />
      </Form>

      <section className="card stack" aria-labelledby="remind-title">
        <h2 id="remind-title">{a.remindTitle}</h2>
        <p>{format(a.remindHint, { count: remindable })}</p>
        <Form method="post">
          <button type="submit" name="intent" value="remind" className="button button--secondary" disabled={!canInvite}>
            {a.remindAll}
          </button>
        </Form>
        <h3>{a.autoTitle}</h3>
        <p>{!encounter.closesAt ? a.autoNoClose : autoAt ? format(a.autoAt, { closes: when(encounter.closesAt), at: when(autoAt) }) : a.autoOff}</p>
        <Form method="post" className="stack" {...getFormProps(reminder)}>
          <input type="hidden" name="intent" value="reminderDays" />
          <Field
            meta={reminderFields.days}
            type="number"
            min={0}
            max={60}
            inputMode="numeric"
            label={a.autoDays}
            hint={a.autoHint}
            required
            messages={messages}
          />
          <div>
            <button type="submit" className="button button--secondary">
              {a.save}
            </button>
          </div>
        </Form>
      </section>
    </section>
  );
}
