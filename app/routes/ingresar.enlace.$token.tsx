import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/index";
import { consumeMagicLink, findUsableToken } from "~/server/magic-link.server";
import { getDb } from "~/server/db.server";
import { clientAddress, safeRedirectPath } from "~/server/http.server";
import { limitFailedLookups, signedLinkRule } from "~/server/rate-limit.server";
import { createSession } from "~/server/session.server";
import { verifyByEmailDomain } from "~/features/cities/domains.server";

// Mail scanners open links: the GET only shows a button; only the POST uses the token.
// Only wrong or used-up links count against the client: a venue shares one address.
export async function loader({ params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const usable = await limitFailedLookups(
    db,
    [`magic-open:client:${clientAddress(context)}`],
    signedLinkRule,
    () => findUsableToken(db, params.token ?? ""),
    (u) => u === null,
  );
  return data({ valid: usable !== null }, { status: usable ? 200 : 410 });
}

export async function action({ params, context }: ActionFunctionArgs) {
  const db = getDb();
  const signedIn = await limitFailedLookups(
    db,
    [`magic-open:client:${clientAddress(context)}`],
    signedLinkRule,
    () => consumeMagicLink(db, params.token ?? ""),
    (s) => !s,
  );
  if (!signedIn) return data({ valid: false }, { status: 410 });
  // The link just proved the address: at one of a city's email domains, it verifies its holder
  // for that city (unless someone withdrew them; see domains.server.ts).
  await verifyByEmailDomain(db, signedIn.participantId);
  const cookie = await createSession(db, { participantId: signedIn.participantId });
  return redirect(safeRedirectPath(signedIn.redirectTo, "/mi-cuenta"), { headers: { "Set-Cookie": cookie } });
}

export default function ConfirmMagicLink() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const valid = acted ? acted.valid : loaded.valid;
  return (
    <section>
      <h1>{t.signIn.magicConfirmTitle}</h1>
      {valid ? (
        <Form method="post">
          <p>{t.signIn.magicConfirmBody}</p>
          <button type="submit" className="button">
            {t.signIn.magicConfirm}
          </button>
        </Form>
      ) : (
        <>
          <p className="alert alert--error">{t.signIn.magicInvalid}</p>
          <Link to="/ingresar/enlace">{t.signIn.magicTitle}</Link>
        </>
      )}
    </section>
  );
}
