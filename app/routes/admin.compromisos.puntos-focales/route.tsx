import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Notice } from "~/features/commitments/components/notice";
import { format, useT } from "~/i18n/index";
import { findCityByDane, listCitiesWithFocalPoints } from "~/features/cities/queries.server";
import { rotateCityFeed, saveFocalPoint } from "~/features/commitments/commands/settings.server";
import { requireOrganizer } from "~/server/auth.server";
import { cityFeedUrl } from "~/features/commitments/city-feed.server";
import { focalPointSchema, rotateFeedSchema } from "~/features/commitments/forms";
import { getDb } from "~/server/db.server";
import { parseFields, refuse, refuseField } from "~/server/forms.server";
import { readForm } from "~/server/http.server";
import { FocalPointRow } from "./focal-point-row";

// Each capital city's focal point (who hears about long-overdue commitments) and its private
// calendar feed link, which an organizer can change when it went astray.

export const meta: MetaFunction = () => [{ title: "Puntos focales · Organizadores · Convoca" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const cities = await listCitiesWithFocalPoints(getDb());
  return {
    cities: cities.map((c) => ({
      dane: c.dane,
      name: c.name,
      focalName: c.focal_point_name ?? "",
      focalEmail: c.focal_point_email ?? "",
      feedUrl: cityFeedUrl(c),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const organizer = await requireOrganizer(request);
  const db = getDb();
  const formData = await readForm(request);
  if (formData.get("intent") === "rotate") {
    const submission = parseFields(formData, rotateFeedSchema);
    if (submission.status !== "success") return refuse(submission);
    const city = await findCityByDane(db, submission.value.cityDane);
    if (!city) return refuseField(submission, "cityDane", "city");
    await rotateCityFeed(db, city.id, organizer);
    return { done: "rotated" as const, city: city.name };
  }
  const submission = parseFields(formData, focalPointSchema);
  if (submission.status !== "success") return refuse(submission);
  const city = await findCityByDane(db, submission.value.cityDane);
  if (!city) return refuseField(submission, "cityDane", "city");
  await saveFocalPoint(db, city.id, { name: submission.value.focalPointName, email: submission.value.focalPointEmail }, organizer);
  return { done: "saved" as const, city: city.name };
}

export default function FocalPoints() {
  const { cities } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT().commitments;
  const done = result && "done" in result ? result : undefined;
  const reply = result && "initialValue" in result ? result : undefined;
  return (
    <section>
      <p>
        <Link to="/admin/compromisos">← {t.admin.listTitle}</Link>
      </p>
      <h1>{t.focal.title}</h1>
      <p className="lead">{t.focal.intro}</p>
      {done?.done === "saved" ? <Notice>{format(t.focal.saved, { city: done.city })}</Notice> : null}
      {done?.done === "rotated" ? <Notice>{format(t.focal.rotated, { city: done.city })}</Notice> : null}
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
            {cities.map((c) => (
              <FocalPointRow
                key={`${c.dane}:${c.focalName}:${c.focalEmail}`}
                city={c}
                lastResult={reply?.initialValue?.cityDane === c.dane ? reply : undefined}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
