import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormAlert, FramedInput } from "~/components/field";
import { useT } from "~/i18n";
import { changeOwnPassword } from "~/features/organizers/model.server";
import { requireOrganizer } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { clientAddress, readForm } from "~/server/http.server";
import { parseOrganizerForm, passwordChangeSchema, passwordMax, passwordMin, type OrganizerErrorKey, type OrganizerFieldErrors } from "~/features/organizers/forms";
import { enforcePasswordTryLimits, recordPasswordTry } from "~/server/password-limits.server";
import { readSession } from "~/server/session.server";

// Any organizer's own account (admin or not): who they are, and a new password of their own in
// place of the one an admin generated for them.

export const meta: MetaFunction = () => [{ title: "Mi cuenta de organizador · Convoca" }];

const here = "/admin/cuenta";

export async function loader({ request }: LoaderFunctionArgs) {
  const organizer = await requireOrganizer(request);
  return { name: organizer.name, email: organizer.email, role: organizer.role };
}

interface ActionResult {
  errors: OrganizerFieldErrors;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const db = getDb();
  const organizer = await requireOrganizer(request, db);
  const form = parseOrganizerForm(passwordChangeSchema, await readForm(request));
  // What was typed is never sent back: a password does not belong in a page.
  if (!form.ok) return data<ActionResult>({ errors: form.errors }, { status: 400 });
  // The same counters as the sign-in form's, so this page is no second way to guess a password.
  const client = clientAddress(context);
  await enforcePasswordTryLimits(db, client, organizer.email);
  const session = await readSession(db, request);
  if (!session) throw redirect(`/ingresar?redirectTo=${encodeURIComponent(here)}`);
  const result = await changeOwnPassword(db, {
    organizerId: organizer.id,
    currentPassword: form.data.currentPassword,
    newPassword: form.data.newPassword,
    keepSessionId: session.id,
  });
  await recordPasswordTry(db, { client, email: organizer.email, ok: result.ok });
  if (!result.ok) return data<ActionResult>({ errors: { currentPassword: "passwordWrong" } }, { status: 400 });
  return redirect(`${here}?hecho=contrasena`);
}

function PasswordField(props: { name: string; label: string; autoComplete: "current-password" | "new-password"; error?: OrganizerErrorKey; hint?: string; minLength?: number }) {
  const t = useT().organizers;
  const { error, ...input } = props;
  return <FramedInput {...input} id={`account-${props.name}`} type="password" required maxLength={passwordMax} errorText={error ? t.errors[error] : undefined} />;
}

export default function OrganizerAccount() {
  const me = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const all = useT();
  const t = all.organizers;
  const errors = result?.errors ?? {};
  const changed = params.get("hecho") === "contrasena" && !result;
  return (
    <section>
      <h1>{t.account.title}</h1>
      {changed ? (
        <p className="alert alert--ok" role="status">
          {t.account.changed}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t.account.name}</dt>
        <dd>{me.name}</dd>
        <dt>{t.account.email}</dt>
        <dd>{me.email}</dd>
        <dt>{t.account.role}</dt>
        <dd>{t.roles[me.role]}</dd>
      </dl>

      <h2>{t.account.passwordTitle}</h2>
      <p>{t.account.passwordIntro}</p>
      {Object.keys(errors).length > 0 ? <FormAlert>{all.common.formHasErrors}</FormAlert> : null}
      <Form method="post" className="stack" noValidate>
        <PasswordField name="currentPassword" label={t.account.currentPassword} autoComplete="current-password" error={errors.currentPassword} />
        <PasswordField name="newPassword" label={t.account.newPassword} autoComplete="new-password" hint={t.account.newPasswordHint} minLength={passwordMin} error={errors.newPassword} />
        <PasswordField name="confirmPassword" label={t.account.confirmPassword} autoComplete="new-password" minLength={passwordMin} error={errors.confirmPassword} />
        <div>
          <button type="submit" className="button" disabled={busy}>
            {t.account.submit}
          </button>
        </div>
      </Form>
    </section>
  );
}
