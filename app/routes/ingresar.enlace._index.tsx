import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field, FormAlert } from "~/components/field";
import { useT } from "~/i18n/index";
import { getLocale } from "~/i18n/locale.server";
import { requestMagicLink } from "~/server/magic-link.server";
import { normalizeEmail } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { badRequest, clientAddress, safeRedirectPath, readForm } from "~/server/http.server";
import { enforceRateLimit, venueClientRule } from "~/server/rate-limit.server";
import { magicLinkRequestSchema } from "~/lib/validation";

export const meta: MetaFunction = () => [{ title: "Ingresar con enlace · Convoca" }];

export async function action({ request, context }: ActionFunctionArgs) {
  const db = getDb();
  const form = parseForm(magicLinkRequestSchema, await readForm(request));
  if (!form.ok) return badRequest({ sent: false, errors: form.errors, values: form.values });
  const email = normalizeEmail(form.data.email);
  // Only the client is ever refused. An address is never: requests for someone else's address
  // could then keep its owner out; it has a mail budget instead (requestMagicLink), past which
  // the answer stays the same and no mail leaves.
  await enforceRateLimit(db, [`magic:client:${clientAddress(context)}`], venueClientRule);
  await requestMagicLink(db, {
    email,
    locale: await getLocale(request),
    redirectTo: safeRedirectPath(form.data.redirectTo, "/mi-cuenta"),
    appUrl: getEnv().appUrl,
  });
  // The same answer whether or not the address is known: the page reveals nobody.
  return { sent: true, errors: {} as FieldErrors, values: {} as Record<string, string> };
}

export default function MagicLinkRequest() {
  const t = useT();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  if (result?.sent) {
    return (
      <section>
        <h1>{t.signIn.magicTitle}</h1>
        <p className="alert alert--ok" role="status">
          {t.signIn.magicSent}
        </p>
      </section>
    );
  }
  const errors = result?.errors ?? {};
  return (
    <section>
      <h1>{t.signIn.magicTitle}</h1>
      <p>{t.signIn.magicIntro}</p>
      {Object.keys(errors).length > 0 ? <FormAlert>{t.common.formHasErrors}</FormAlert> : null}
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/mi-cuenta"} />
        <Field name="email" type="email" label={t.signIn.email} autoComplete="email" required defaultValue={result?.values.email} error={errors.email} />
        <div>
          <button type="submit" className="button" disabled={busy}>
            {t.signIn.magicSubmit}
          </button>
        </div>
      </Form>
    </section>
  );
}
