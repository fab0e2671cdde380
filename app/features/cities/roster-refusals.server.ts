import type { Submission } from "@conform-to/react";
import { data } from "@remix-run/node";
import type { RosterRefusal } from "~/features/cities/rules";

// How the roster's pages (/admin/ciudades/:dane, /mi-ciudad/directorio) answer a change the
// domain refused: a 4xx that says why, in the form it came from, and nothing written.

/** A refusal of a roster page's form, as its action answers it: the key, and the status that says why. */
export type RosterPageRefusal = RosterRefusal | "cityChanged" | "domainShape" | "domainShared" | "domainTaken" | "domainGone";

const refusalStatus: Record<RosterPageRefusal, number> = {
  otherCity: 409,
  already: 409,
  withdrawnByOrganizer: 409,
  declaredOtherCity: 409,
  unchanged: 409,
  cityChanged: 409,
  domainTaken: 409,
  notFocalPoint: 403,
  focalPointProtected: 403,
  notOnRoster: 404,
  domainGone: 404,
  domainShape: 400,
  domainShared: 400,
};

/**
 * Answers a roster form the domain refused: conform's reply with the reason as the form's error
 * (or the domain field's; the page tells its forms apart by the reply's initialValue.intent) and
 * the city the reason names, if any. Nothing was written.
 */
export function refuseRoster(submission: Submission<unknown>, reason: RosterPageRefusal, cityName?: string) {
  const onField = reason === "domainShape" || reason === "domainShared" || reason === "domainTaken";
  const reply = submission.reply(onField ? { fieldErrors: { domain: [reason] } } : { formErrors: [reason] });
  return data({ ...reply, cityName: cityName ?? null }, { status: refusalStatus[reason] });
}
