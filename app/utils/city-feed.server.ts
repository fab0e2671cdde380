import { signCityFeed } from "./commitment-links.server";
import { getEnv } from "./env.server";

/** The subscribable calendar of a city's due dates, with its signed key. */
export function cityFeedUrl(city: { dane: string; calendar_feed_version: number }, appUrl = getEnv().appUrl): string {
  return `${appUrl}/ciudades/${city.dane}/compromisos.ics?clave=${signCityFeed({ dane: city.dane, version: city.calendar_feed_version })}`;
}
