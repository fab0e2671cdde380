import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { readForm } from "~/server/http.server";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormAlert } from "~/components/field";
import { useT } from "~/i18n/index";
import { actorOf } from "~/server/audit.server";
import { deletePersonData } from "~/features/people/commands.server";
import { findPersonByEmail } from "~/features/people/queries.server";
import { requireAdmin, requireOrganizer } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { emailField, parseForm } from "~/lib/forms";

export const meta: MetaFunction = () => [{ title: "Datos de una persona · Convoca" }];

const deleteSchema = z.object({ email: emailField(), confirm: emailField() });

export async function loader({ request }: LoaderFunctionArgs) {
  const organizer = await requireOrganizer(request);
  // Any organizer answers a request to know (search, copy); deleting, which cannot be undone, is for admins.
  const canDelete = organizer.role === "admin";
  const raw = new URL(request.url).searchParams.get("email") ?? "";
  const email = emailField().safeParse(raw);
  if (!raw || !email.success) return { query: raw.slice(0, 254), person: null, searched: raw !== "", canDelete };
  return { query: email.data, person: await findPersonByEmail(getDb(), email.data), searched: true, canDelete };
}

export async function action({ request }: ActionFunctionArgs) {
  const organizer = await requireAdmin(request);
  const form = parseForm(deleteSchema, await readForm(request));
  if (!form.ok) return data({ deleted: false, mismatch: false }, { status: 400 });
  if (form.data.email !== form.data.confirm) return data({ deleted: false, mismatch: true }, { status: 400 });
  const result = await deletePersonData(getDb(), form.data.email, actorOf.organizer(organizer.id));
  if (!result) return data({ deleted: false, mismatch: false }, { status: 404 });
  return { deleted: true, mismatch: false };
}

export default function PeoplePage() {
  const { query, person, searched, canDelete } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT().people;
  return (
    <section>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {result?.deleted ? (
        <p className="alert alert--ok" role="status">
          {t.deleted}
        </p>
      ) : null}
      {result?.mismatch ? <FormAlert>{t.confirmMismatch}</FormAlert> : null}
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="person-email">{t.email}</label>
          <input id="person-email" name="email" type="email" defaultValue={query} required />
        </div>
        <button type="submit" className="button">
          {t.search}
        </button>
      </Form>
      {searched && !person && !result?.deleted ? <p>{t.notFound}</p> : null}
      {person && !result?.deleted ? (
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
              <Form method="post" className="stack">
                <input type="hidden" name="email" value={person.email} />
                <div className="field">
                  <label htmlFor="confirm">{t.confirmLabel}</label>
                  <input id="confirm" name="confirm" type="email" required autoComplete="off" />
                </div>
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
