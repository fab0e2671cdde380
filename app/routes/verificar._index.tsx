import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { FieldFrame } from "~/components/forms";
import { useT } from "~/i18n/index";
import { normalizeCode } from "~/features/certificates/rules";

export const meta: MetaFunction = () => [{ title: "Verificar certificado · Convoca" }];

// A GET form, so a code typed here (any case, spaces, no hyphens) lands on the same address a
// QR or a link would use. Nothing to refuse here: the loader normalizes whatever is typed and
// the verification page says whether it is a real code; the field is drawn in the kit's frame.
export async function loader({ request }: LoaderFunctionArgs) {
  const code = new URL(request.url).searchParams.get("code");
  if (code) throw redirect(`/verificar/${encodeURIComponent(normalizeCode(code) ?? code.trim().toUpperCase().slice(0, 40))}`);
  return null;
}

export default function VerifyForm() {
  const t = useT().certificates;
  return (
    <section>
      <h1>{t.verifyTitle}</h1>
      <p>{t.verifyIntro}</p>
      <Form method="get" className="stack">
        <FieldFrame fieldId="code" label={t.code} required>
          <input id="code" name="code" required autoComplete="off" autoCapitalize="characters" spellCheck={false} />
        </FieldFrame>
        <div>
          <button type="submit" className="button">
            {t.verify}
          </button>
        </div>
      </Form>
    </section>
  );
}
