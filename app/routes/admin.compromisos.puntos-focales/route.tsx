import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Notice } from "~/features/commitments/components/notice";
import { format, useT } from "~/i18n/index";
import { findCityByDane, focalPointsOfCities, listCitiesWithFeeds } from "~/features/cities/queries.server";
import { rotateCityFeed } from "~/features/commitments/commands/settings.server";
import { requireOrganizer } from "~/server/auth.server";
import { cityFeedUrl } from "~/features/commitments/city-feed.server";
import { rotateFeedSchema } from "~/features/commitments/forms";
import { getDb } from "~/server/db.server";
import { parseSubmission, refuse, refuseField } from "~/server/forms.server";

// Each capital city's focal points (who hear about long-overdue commitments), as its roster
// names them (kept at /admin/ciudades/:dane), and its private calendar feed link, which an
// organizer can change when it went astray.

export const meta: MetaFunction = () => [{ title: "Puntos focales · Organizadores · Convoca" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const db = getDb();
  const [cities, focalPoints] = await Promise.all([listCitiesWithFeeds(db), focalPointsOfCities(db)]);
  return {
    cities: cities.map((c) => ({
      dane: c.dane,
      name: c.name,
      focalPoints: (focalPoints.get(c.id) ?? []).map((f) => f.fullName),
      feedUrl: cityFeedUrl(c),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const organizer = await requireOrganizer(request);
  const db = getDb();
  const submission = await parseSubmission(request, rotateFeedSchema);
  if (submission.status !== "success") return refuse(submission);
  const city = await findCityByDane(db, submission.value.cityDane);
  if (!city) return refuseField(submission, "cityDane", "city");
  await rotateCityFeed(db, city.id, organizer);
  return { done: "rotated" as const, city: city.name };
}

export default function FocalPoints() {
  const { cities } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT().commitments;
  const done = result && "done" in result ? result : undefined;
  return (
    <section>
      <p>
        <Link to="/admin/compromisos">← {t.admin.listTitle}</Link>
      </p>
      <h1>{t.focal.title}</h1>
      <p className="lead">{t.focal.intro}</p>
      {done?.done === "rotated" ? <Notice>{format(t.focal.rotated, { city: done.city })}</Notice> : null}
      <div className="table-scroll">
        <table className="data focal-table">
          <thead>
            <tr>
              <th scope="col">{t.columns.city}</th>
              <th scope="col">{t.focal.name}</th>
              <th scope="col">{t.focal.feed}</th>
            </tr>
          </thead>
          <tbody>
            {cities.map((c) => (
              <tr key={c.dane}>
                <th scope="row">{c.name}</th>
                <td>
                  {c.focalPoints.length > 0 ? c.focalPoints.join(", ") : <span className="muted">{t.focal.none}</span>}
                  <br />
                  <Link to={`/admin/ciudades/${c.dane}`}>{format(t.focal.manage, { city: c.name })}</Link>
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
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
