import { getFormProps, useForm } from "@conform-to/react";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field, FormErrors } from "~/components/forms";
import { useT } from "~/i18n/index";
import { signInSchema } from "~/features/organizers/forms";
import { getOrganizer, verifyOrganizerLogin } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { parseSubmission, refuse, refuseForm } from "~/server/forms.server";
import { clientAddress, safeRedirectPath } from "~/server/http.server";
import { enforcePasswordTryLimits, recordPasswordTry } from "~/server/password-limits.server";
import { createSession } from "~/server/session.server";

export const meta: MetaFunction = () => [{ title: "Ingresar · Convoca" }];

/** What was typed as a password is never sent back. */
const hideFields = ["password"];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOrganizer(request)) throw redirect("/admin");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const db = getDb();
  const submission = await parseSubmission(request, signInSchema);
  if (submission.status !== "success") return refuse(submission, { hideFields });
  const { email, password, redirectTo } = submission.value;
  const client = clientAddress(context);
  await enforcePasswordTryLimits(db, client, email);
  const organizer = await verifyOrganizerLogin(db, email, password);
  await recordPasswordTry(db, { client, email, ok: organizer !== null });
  // One answer for a wrong password and an unknown address: the page reveals no account.
  if (!organizer) return refuseForm(submission, "wrongCredentials", { hideFields });
  const cookie = await createSession(db, { organizerId: organizer.id });
  return redirect(safeRedirectPath(redirectTo, "/admin"), { headers: { "Set-Cookie": cookie } });
}

export default function SignIn() {
  const t = useT();
  const [form, fields] = useForm({ id: "sign-in", lastResult: useActionData<typeof action>() });
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const messages = { wrongCredentials: t.signIn.wrong };
  return (
    <section>
      <h1>{t.signIn.title}</h1>
      <FormErrors form={form} messages={messages} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/admin"} />
        <Field meta={fields.email} id="field-email" type="email" label={t.signIn.email} autoComplete="username" required messages={messages} />
        <Field
          meta={fields.password}
          id="field-password"
          type="password"
          label={t.signIn.password}
          autoComplete="current-password"
          required
          messages={messages}
        />
        <div>
          <button type="submit" className="button" disabled={busy}>
            {t.signIn.submit}
          </button>
        </div>
      </Form>
      <p>
        <Link to="/ingresar/enlace">{t.signIn.authorityHint}</Link>
      </p>
    </section>
  );
}
