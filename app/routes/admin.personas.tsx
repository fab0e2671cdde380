import { getFormProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors } from "~/components/forms";
import { useT } from "~/i18n/index";
import { actorOf } from "~/server/audit.server";
import { deletePersonData } from "~/features/people/commands.server";
import { deletePersonSchema, personEmail } from "~/features/people/forms";
import { findPersonByEmail } from "~/features/people/queries.server";
import { requireAdmin, requireOrganizer } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { parseSubmission, refuse, refuseForm } from "~/server/forms.server";

export const meta: MetaFunction = () => [{ title: "Datos de una persona · Convoca" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const organizer = await requireOrganizer(request);
  // Any organizer answers a request to know (search, copy); deleting, which cannot be undone, is for admins.
  const canDelete = organizer.role === "admin";
  const raw = new URL(request.url).searchParams.get("email") ?? "";
  const email = personEmail.safeParse(raw);
  if (!raw || !email.success) return { query: raw.slice(0, 254), person: null, searched: raw !== "", canDelete };
  return { query: email.data, person: await findPersonByEmail(getDb(), email.data), searched: true, canDelete };
}

export async function action({ request }: ActionFunctionArgs) {
  const organizer = await requireAdmin(request);
  const submission = await parseSubmission(request, deletePersonSchema);
  if (submission.status !== "success") return refuse(submission);
  const deleted = await deletePersonData(getDb(), submission.value.email, actorOf.organizer(organizer.id));
  if (!deleted) return refuseForm(submission, "notFound", { status: 404 });
  return { deleted: true as const };
}

export default function PeoplePage() {
  const { query, person, searched, canDelete } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const deleted = result !== undefined && "deleted" in result;
  const [form, fields] = useForm<{ email: string; confirm: string }>({ id: "person-delete", lastResult: deleted ? undefined : result });
  const t = useT().people;
  const messages = { confirmMismatch: t.confirmMismatch, notFound: t.notFound };
  return (
    <section>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {deleted ? (
        <p className="alert alert--ok" role="status">
          {t.deleted}
        </p>
      ) : null}
      <FormErrors form={form} messages={messages} />
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="person-email">{t.email}</label>
          <input id="person-email" name="email" type="email" defaultValue={query} required />
        </div>
        <button type="submit" className="button">
          {t.search}
        </button>
      </Form>
      {searched && !person && !deleted ? <p>{t.notFound}</p> : null}
      {person && !deleted ? (
        <div className="card">
          {person.participant ? (
            <p>
              <strong>{t.participant}:</strong> {person.participant.full_name} · {person.participant.entity} · {person.participant.city}
            </p>
          ) : null}
          {person.responsibleFor.length > 0 ? (
            <p>
              <strong>{t.responsibleFor}:</strong> {person.responsibleFor.map((c) => c.title).join("; ")}
            </p>
          ) : null}
          {person.focalPointFor.length > 0 ? (
            <p>
              <strong>{t.focalPointFor}:</strong> {person.focalPointFor.map((c) => c.city).join("; ")}
            </p>
          ) : null}
          <p>
            <a className="button button--secondary" href={`/admin/personas/exportar?email=${encodeURIComponent(person.email)}`} download>
              {t.export}
            </a>
          </p>
          <h2>{t.deleteTitle}</h2>
          {canDelete ? (
            <>
              <p>{t.deleteWarning}</p>
              <Form method="post" className="stack" {...getFormProps(form)}>
                <input type="hidden" name="email" value={person.email} />
                <Field meta={fields.confirm} id="confirm" type="email" label={t.confirmLabel} required autoComplete="off" messages={messages} />
                <div>
                  <button type="submit" className="button button--danger">
                    {t.delete}
                  </button>
                </div>
              </Form>
            </>
          ) : (
            <p>{t.adminOnly}</p>
          )}
        </div>
      ) : null}
    </section>
  );
}
