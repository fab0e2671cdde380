import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field, FormAlert } from "~/components/field";
import { useT } from "~/i18n/index";
import { getOrganizer, normalizeEmail, verifyOrganizerLogin } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { badRequest, clientAddress, safeRedirectPath, readForm } from "~/server/http.server";
import { enforcePasswordTryLimits, recordPasswordTry } from "~/server/password-limits.server";
import { createSession } from "~/server/session.server";
import { organizerSignInSchema } from "~/lib/validation";

export const meta: MetaFunction = () => [{ title: "Ingresar · Convoca" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOrganizer(request)) throw redirect("/admin");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const db = getDb();
  const form = parseForm(organizerSignInSchema, await readForm(request));
  if (!form.ok) return badRequest({ errors: form.errors, values: form.values, wrongCredentials: false });
  const { email, password, redirectTo } = form.data;
  const client = clientAddress(context);
  await enforcePasswordTryLimits(db, client, normalizeEmail(email));
  const organizer = await verifyOrganizerLogin(db, email, password);
  await recordPasswordTry(db, { client, email: normalizeEmail(email), ok: organizer !== null });
  if (!organizer) return badRequest({ errors: {} as FieldErrors, values: { email } as Record<string, string>, wrongCredentials: true });
  const cookie = await createSession(db, { organizerId: organizer.id });
  return redirect(safeRedirectPath(redirectTo, "/admin"), { headers: { "Set-Cookie": cookie } });
}

export default function SignIn() {
  const t = useT();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors ?? {};
  return (
    <section>
      <h1>{t.signIn.title}</h1>
      {result?.wrongCredentials ? <FormAlert>{t.signIn.wrong}</FormAlert> : null}
      {Object.keys(errors).length > 0 ? <FormAlert>{t.common.formHasErrors}</FormAlert> : null}
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/admin"} />
        <Field name="email" type="email" label={t.signIn.email} autoComplete="username" required defaultValue={result?.values.email} error={errors.email} />
        <Field name="password" type="password" label={t.signIn.password} autoComplete="current-password" required error={errors.password} />
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
