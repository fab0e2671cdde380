import { getFormProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field, FormErrors } from "~/components/forms";
import { useT } from "~/i18n/index";
import { getLocale } from "~/i18n/locale.server";
import { linkSignInSchema } from "~/features/people/forms";
import { requestMagicLink } from "~/server/magic-link.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { parseSubmission, refuse } from "~/server/forms.server";
import { clientAddress, safeRedirectPath } from "~/server/http.server";
import { enforceRateLimit, venueClientRule } from "~/server/rate-limit.server";

export const meta: MetaFunction = () => [{ title: "Ingresar con enlace · Convoca" }];

export async function action({ request, context }: ActionFunctionArgs) {
  const db = getDb();
  const submission = await parseSubmission(request, linkSignInSchema);
  if (submission.status !== "success") return refuse(submission);
  // Only the client is ever refused. An address is never: requests for someone else's address
  // could then keep its owner out; it has a mail budget instead (requestMagicLink), past which
  // the answer stays the same and no mail leaves.
  await enforceRateLimit(db, [`magic:client:${clientAddress(context)}`], venueClientRule);
  await requestMagicLink(db, {
    email: submission.value.email,
    locale: await getLocale(request),
    redirectTo: safeRedirectPath(submission.value.redirectTo, "/mi-cuenta"),
    appUrl: getEnv().appUrl,
  });
  // The same answer whether or not the address is known: the page reveals nobody.
  return { sent: true as const };
}

export default function MagicLinkRequest() {
  const t = useT();
  const result = useActionData<typeof action>();
  const [form, fields] = useForm({ id: "sign-in-link", lastResult: result && "sent" in result ? undefined : result });
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  if (result && "sent" in result) {
    return (
      <section>
        <h1>{t.signIn.magicTitle}</h1>
        <p className="alert alert--ok" role="status">
          {t.signIn.magicSent}
        </p>
      </section>
    );
  }
  return (
    <section>
      <h1>{t.signIn.magicTitle}</h1>
      <p>{t.signIn.magicIntro}</p>
      <FormErrors form={form} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/mi-cuenta"} />
        <Field meta={fields.email} id="field-email" type="email" label={t.signIn.email} autoComplete="email" required />
        <div>
          <button type="submit" className="button" disabled={busy}>
            {t.signIn.magicSubmit}
          </button>
        </div>
      </Form>
    </section>
  );
}
