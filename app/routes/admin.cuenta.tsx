import { getFormProps, useForm } from "@conform-to/react";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormErrors } from "~/components/forms";
import { useT } from "~/i18n/index";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { changeOwnPassword } from "~/features/organizers/commands.server";
import { redirectWithFlash } from "~/server/flash.server";
import { parseSubmission, refuse, refuseField } from "~/server/forms.server";
import { requireOrganizer } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { clientAddress } from "~/server/http.server";
import { passwordChangeSchema, passwordMax, passwordMin } from "~/features/organizers/forms";
import { enforcePasswordTryLimits, recordPasswordTry } from "~/server/password-limits.server";
import { readSession } from "~/server/session.server";

// Any organizer's own account (admin or not): who they are, and a new password of their own in
// place of the one an admin generated for them. The pilot of the field kit: see the guide at the
// top of app/components/forms.tsx.

export const meta: MetaFunction = () => [{ title: "Mi cuenta de organizador · Convoca" }];

const here = "/admin/cuenta";
/** What was typed is never sent back: a password does not belong in a page. */
const hideFields = ["currentPassword", "newPassword", "confirmPassword"];

export async function loader({ request }: LoaderFunctionArgs) {
  const organizer = await requireOrganizer(request);
  return { name: organizer.name, email: organizer.email, role: organizer.role };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const db = getDb();
  const organizer = await requireOrganizer(request, db);
  const submission = await parseSubmission(request, passwordChangeSchema);
  if (submission.status !== "success") return refuse(submission, { hideFields });
  // The same counters as the sign-in form's, so this page is no second way to guess a password.
  const client = clientAddress(context);
  await enforcePasswordTryLimits(db, client, organizer.email);
  const session = await readSession(db, request);
  if (!session) throw redirect(`/ingresar?redirectTo=${encodeURIComponent(here)}`);
  const result = await changeOwnPassword(db, {
    organizerId: organizer.id,
    currentPassword: submission.value.currentPassword,
    newPassword: submission.value.newPassword,
    keepSessionId: session.id,
  });
  await recordPasswordTry(db, { client, email: organizer.email, ok: result.ok });
  if (!result.ok) return refuseField(submission, "currentPassword", "passwordWrong", { hideFields });
  return redirectWithFlash(here, messagesFor(await getLocale(request)).organizers.account.changed);
}

export default function OrganizerAccount() {
  const me = useLoaderData<typeof loader>();
  const [form, fields] = useForm({ id: "account", lastResult: useActionData<typeof action>() });
  const busy = useNavigation().state === "submitting";
  const t = useT().organizers;
  const password = { type: "password", required: true, maxLength: passwordMax, messages: t.errors } as const;
  return (
    <section>
      <h1>{t.account.title}</h1>
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
      <FormErrors form={form} messages={t.errors} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <Field {...password} meta={fields.currentPassword} id="account-currentPassword" label={t.account.currentPassword} autoComplete="current-password" />
        <Field
          {...password}
          meta={fields.newPassword}
          id="account-newPassword"
          label={t.account.newPassword}
          autoComplete="new-password"
          hint={t.account.newPasswordHint}
          minLength={passwordMin}
        />
        <Field
          {...password}
          meta={fields.confirmPassword}
          id="account-confirmPassword"
          label={t.account.confirmPassword}
          autoComplete="new-password"
          minLength={passwordMin}
        />
        <div>
          <button type="submit" className="button" disabled={busy}>
            {t.account.submit}
          </button>
        </div>
      </Form>
    </section>
  );
}
