import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { Submission } from "@conform-to/react";
import { CertificateLogos, CertificateSignatories, CertificateTextForm } from "~/features/certificates/components/design-forms";
import {
  addCertificateLogo,
  removeCertificateLogo,
  removeCertificateSignatory,
  saveCertificateSignatory,
  saveCertificateText,
} from "~/features/certificates/commands/design.server";
import { certificateTextSchema, logoSchema, removeSchema, signatorySchema } from "~/features/certificates/forms";
import {
  certificateLogos,
  certificateSettings,
  certificateSignatories,
  encounterAgendaHours,
  listAttendeeCertificates,
} from "~/features/certificates/queries.server";
import { formatHours, maxLogos, maxSignatories } from "~/features/certificates/rules";
import { discardImage, receiveCertificateImage } from "~/features/certificates/upload.server";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { format, useLocale, usePlural, useT } from "~/i18n/index";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { getDb } from "~/server/db.server";
import { redirectWithFlash } from "~/server/flash.server";
import { parseFields } from "~/server/forms.server";
import { notFound, readForm } from "~/server/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Certificado · ${data.encounter.title} · Convoca` : "Convoca" }];

// /admin/encuentros/:slug/certificado: the certificate an institution signs (issue 18, section
// 4): text and hours, logos, signatories, a preview in each language and everyone's ZIP.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const [settings, logos, signatories, hours, attendees] = await Promise.all([
    certificateSettings(db, encounter.id),
    certificateLogos(db, encounter.id),
    certificateSignatories(db, encounter.id),
    encounterAgendaHours(db, encounter.id),
    listAttendeeCertificates(db, encounter.id),
  ]);
  return data(
    {
      encounter: { slug: encounter.slug, title: encounter.title },
      settings,
      logos: logos.map((l) => ({ id: l.id, institution: l.institution, width: l.width, height: l.height })),
      signatories: signatories.map((s) => ({ id: s.id, name: s.name, title: s.title, hasSignature: s.signature_key !== null })),
      hours,
      attendees: attendees.length,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export type FormId = "text" | "logo" | `signatory-${string}`;

/** A refusal for one of the page's forms: conform's reply, the form it belongs to, and a 400. */
function refused(submission: Submission<unknown>, formId: FormId, extra: { fieldErrors?: Record<string, string[]>; formErrors?: string[] } = {}) {
  return data({ ...submission.reply(extra), formId }, { status: 400 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const t = messagesFor(await getLocale(request)).certificates.design;
  const here = `/admin/encuentros/${encounter.slug}/certificado`;
  const actor = { organizerId: organizer.id, encounterId: encounter.id };

  if ((request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    const upload = await receiveCertificateImage(request, { required: false });
    const intent = upload.fields.get("intent");
    if (intent === "addLogo") {
      const submission = parseFields(upload.fields, logoSchema);
      const fileError = upload.error ?? (upload.image ? null : "missing");
      if (submission.status !== "success" || fileError || !upload.image) {
        await discardImage(upload.image);
        return refused(submission, "logo", fileError ? { fieldErrors: { file: [fileError] } } : {});
      }
      const added = await addCertificateLogo(db, actor, { institution: submission.value.institution, image: upload.image }).catch(async (error) => {
        await discardImage(upload.image);
        throw error;
      });
      if (!added.ok) {
        await discardImage(upload.image);
        return refused(submission, "logo", { formErrors: [added.reason] });
      }
      return redirectWithFlash(`${here}#logos`, t.logoAdded);
    }
    if (intent === "saveSignatory") {
      const submission = parseFields(upload.fields, signatorySchema);
      const formId: FormId = `signatory-${String(upload.fields.get("id") || "new").slice(0, 12)}`;
      if (submission.status !== "success" || upload.error) {
        await discardImage(upload.image);
        return refused(submission, formId, upload.error ? { fieldErrors: { file: [upload.error] } } : {});
      }
      const saved = await saveCertificateSignatory(db, actor, { ...submission.value, image: upload.image }).catch(async (error) => {
        await discardImage(upload.image);
        throw error;
      });
      if (!saved.ok) {
        await discardImage(upload.image);
        return refused(submission, formId, { formErrors: [saved.reason] });
      }
      return redirectWithFlash(`${here}#signatory-${saved.id}`, t.signatorySaved);
    }
    await discardImage(upload.image);
    throw new Response("Formulario desconocido", { status: 400 });
  }

  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "text") {
    const submission = parseFields(form, certificateTextSchema);
    if (submission.status !== "success") return refused(submission, "text");
    await saveCertificateText(db, actor, submission.value);
    return redirectWithFlash(here, t.saved);
  }
  const submission = parseFields(form, removeSchema);
  if (submission.status !== "success") throw new Response("Formulario desconocido", { status: 400 });
  const { id } = submission.value;
  if (submission.value.intent === "removeLogo") {
    if (!(await removeCertificateLogo(db, actor, id))) notFound();
    return redirectWithFlash(`${here}#logos`, t.logoRemoved);
  }
  if (!(await removeCertificateSignatory(db, actor, id))) notFound();
  return redirectWithFlash(`${here}#signatories`, t.signatoryRemoved);
}

export default function CertificateDesignPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT().certificates.design;
  const locale = useLocale();
  const plural = usePlural();
  const base = `/admin/encuentros/${page.encounter.slug}`;
  const lastResult = (formId: string) => (result && result.formId === formId ? result : undefined);
  return (
    <section className="stack">
      <p className="no-print">
        <Link to={base}>{t.back}</Link>
      </p>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <section aria-labelledby="preview-title" className="stack">
        <h2 id="preview-title">{t.previewTitle}</h2>
        <p>{t.previewIntro}</p>
        <ul>
          <li>
            <a href={`${base}/certificado/vista-previa.pdf?lang=es`}>{t.previewEs}</a>
          </li>
          <li>
            <a href={`${base}/certificado/vista-previa.pdf?lang=en`}>{t.previewEn}</a>
          </li>
          <li>
            {plural(t.attendees, page.attendees)} {page.attendees > 0 ? <a href={`${base}/certificados.zip`}>{t.downloadAll}</a> : null}
          </li>
        </ul>
      </section>
      <CertificateTextForm
        settings={page.settings}
        hoursText={format(t.showHoursHint, { hours: formatHours(page.hours, locale) })}
        lastResult={lastResult("text")}
      />
      <CertificateLogos logos={page.logos} max={maxLogos} lastResult={lastResult("logo")} />
      <CertificateSignatories signatories={page.signatories} max={maxSignatories} lastResult={lastResult} />
    </section>
  );
}
