import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { readForm } from "~/server/http.server";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormHasErrors, Notice } from "~/features/commitments/components/fields";
import { format, useT } from "~/i18n";
import { findCityByDane, listCitiesWithFocalPoints } from "~/features/cities/queries.server";
import { rotateCityFeed, saveFocalPoint } from "~/features/commitments/commands/settings.server";
import { requireOrganizer } from "~/server/auth.server";
import { cityFeedUrl } from "~/features/commitments/city-feed.server";
import { focalPointSchema, parseCommitmentForm, type CommitmentFieldErrors } from "~/features/commitments/forms";
import { getDb } from "~/server/db.server";

// Each capital city's focal point (who hears about long-overdue commitments) and its private
// calendar feed link, which an organizer can change when it went astray.

export const meta: MetaFunction = () => [{ title: "Puntos focales · Organizadores · Convoca" }];

const rotateSchema = z.object({ cityDane: z.string().regex(/^\d{5}$/, "city") });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const cities = await listCitiesWithFocalPoints(getDb());
  return { cities: cities.map((c) => ({ dane: c.dane, name: c.name, focalName: c.focal_point_name ?? "", focalEmail: c.focal_point_email ?? "", feedUrl: cityFeedUrl(c) })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const organizer = await requireOrganizer(request);
  const db = getDb();
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const parsed = parseCommitmentForm(intent === "rotate" ? rotateSchema : focalPointSchema, formData);
  const dane = typeof formData.get("cityDane") === "string" ? String(formData.get("cityDane")) : "";
  if (!parsed.ok) return data({ done: null, dane, city: null, errors: parsed.errors, values: parsed.values }, { status: 400 });
  const city = await findCityByDane(db, dane);
  if (!city) return data({ done: null, dane, city: null, errors: { cityDane: "city" } as CommitmentFieldErrors, values: {} }, { status: 400 });
  if (intent === "rotate") {
    await rotateCityFeed(db, city.id, organizer);
    return { done: "rotated" as const, dane, city: city.name, errors: undefined, values: undefined };
  }
  const focal = parsed.data as z.output<typeof focalPointSchema>;
  await saveFocalPoint(db, city.id, { name: focal.focalPointName, email: focal.focalPointEmail }, organizer);
  return { done: "saved" as const, dane, city: city.name, errors: undefined, values: undefined };
}

export default function FocalPoints() {
  const { cities } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT().commitments;
  return (
    <section>
      <p>
        <Link to="/admin/compromisos">← {t.admin.listTitle}</Link>
      </p>
      <h1>{t.focal.title}</h1>
      <p className="lead">{t.focal.intro}</p>
      {result?.done === "saved" ? <Notice>{format(t.focal.saved, { city: result.city ?? "" })}</Notice> : null}
      {result?.done === "rotated" ? <Notice>{format(t.focal.rotated, { city: result.city ?? "" })}</Notice> : null}
      <div className="table-scroll">
        <table className="data focal-table">
          <thead>
            <tr>
              <th scope="col">{t.columns.city}</th>
              <th scope="col">{t.focal.name}</th>
              <th scope="col">{t.focal.email}</th>
              <th scope="col">{t.focal.feed}</th>
            </tr>
          </thead>
          <tbody>
            {cities.map((c) => {
              const errors = result?.dane === c.dane ? result.errors : undefined;
              const formId = `focal-${c.dane}`;
              return (
                <tr key={c.dane}>
                  <th scope="row">{c.name}</th>
                  <td>
                    <Form method="post" id={formId} className="inline-fields" noValidate>
                      <input type="hidden" name="cityDane" value={c.dane} />
                      <label className="visually-hidden" htmlFor={`${formId}-name`}>
                        {t.focal.name} ({c.name})
                      </label>
                      <input id={`${formId}-name`} name="focalPointName" defaultValue={c.focalName} maxLength={120} />
                    </Form>
                  </td>
                  <td>
                    <FormHasErrors errors={errors} />
                    <label className="visually-hidden" htmlFor={`${formId}-email`}>
                      {t.focal.email} ({c.name})
                    </label>
                    <input id={`${formId}-email`} form={formId} name="focalPointEmail" type="email" defaultValue={c.focalEmail} maxLength={254} aria-invalid={errors?.focalPointEmail ? true : undefined} />
                    <button type="submit" form={formId} className="button button--secondary">
                      {t.focal.save}
                    </button>
                  </td>
                  <td>
                    <a href={c.feedUrl}>{t.focal.feed} (.ics)</a>
                    <Form method="post">
                      <input type="hidden" name="intent" value="rotate" />
                      <input type="hidden" name="cityDane" value={c.dane} />
                      <button type="submit" className="link-button" title={t.focal.rotateHint}>
                        {t.focal.rotate}
                      </button>
                    </Form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
