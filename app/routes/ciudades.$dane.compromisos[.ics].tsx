import type { LoaderFunctionArgs } from "@remix-run/node";
import type { DB } from "~db/client";
import { getLocale } from "~/i18n/locale.server";
import { findCityByDane } from "~/features/cities/queries.server";
import { listCityCommitments } from "~/features/commitments/queries/lists.server";
import { cityCommitmentsCalendar } from "~/features/commitments/calendar.server";
import { cityAuthorityOf, speaksFor } from "~/features/cities/authority.server";
import { readPersonalCityFeed, verifyCityFeed } from "~/features/commitments/links.server";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/http.server";

// GET /ciudades/:dane/compromisos.ics?clave=... — the city's due dates for calendar programs,
// which send no cookies: the key in the URL (HMAC of the city and its feed version) is the
// access. A wrong or rotated key, like an unknown city, is a 404; so is an official's personal
// key once that person no longer speaks for the city.
async function feedKeyHolds(db: DB, city: { id: number; dane: string; calendar_feed_version: number }, key: string): Promise<boolean> {
  const feed = { dane: city.dane, version: city.calendar_feed_version, key };
  if (verifyCityFeed(feed)) return true;
  const participantId = readPersonalCityFeed(feed);
  return participantId !== null && speaksFor(await cityAuthorityOf(db, participantId), city.id);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const city = await findCityByDane(db, params.dane ?? "");
  const key = new URL(request.url).searchParams.get("clave") ?? "";
  if (!city || !(await feedKeyHolds(db, city, key))) notFound();
  const commitments = await listCityCommitments(db, city.id);
  const body = cityCommitmentsCalendar(city, commitments, await getLocale(request));
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `inline; filename="compromisos-${city.dane}.ics"`,
      "Cache-Control": "private, max-age=300",
      "Referrer-Policy": "no-referrer",
      "X-Robots-Tag": "noindex",
    },
  });
}
