import { signCityFeed, signPersonalCityFeed } from "./links.server";
import { getEnv } from "~/server/env.server";

/** The subscribable calendar of a city's due dates, with its signed key. */
export function cityFeedUrl(city: { dane: string; calendar_feed_version: number }, appUrl = getEnv().appUrl): string {
  return `${appUrl}/ciudades/${city.dane}/compromisos.ics?clave=${signCityFeed({ dane: city.dane, version: city.calendar_feed_version })}`;
}

/** The same calendar for one verified official: it stops answering when their verification is withdrawn. */
export function personalCityFeedUrl(city: { dane: string; calendar_feed_version: number }, participantId: number, appUrl = getEnv().appUrl): string {
  return `${appUrl}/ciudades/${city.dane}/compromisos.ics?clave=${signPersonalCityFeed({ dane: city.dane, version: city.calendar_feed_version, participantId })}`;
}
