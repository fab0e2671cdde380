import { mac, sameBytes } from "~/server/signed-links.server";
import { getEnv } from "~/server/env.server";

// A linked survey's personal link: /encuestas address + ?p=<registration>.<signature>, signed
// with SESSION_SECRET for one survey and one registration. Nothing is stored; it works until the
// survey closes (the survey's own window, not the link, decides), and only for that survey.

const purpose = "convoca:survey-link:v1";

export function signSurveyLink(surveyId: number, registrationId: number, secret = getEnv().sessionSecret): string {
  return `${registrationId}.${mac(purpose, `${surveyId}.${registrationId}`, secret).toString("base64url")}`;
}

/** The registration a personal link names, or null when it is not one of this survey's. */
export function verifySurveyLink(surveyId: number, token: string | null | undefined, secret = getEnv().sessionSecret): number | null {
  if (!token || token.length > 80) return null;
  const m = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const registrationId = Number(m[1]);
  return sameBytes(Buffer.from(m[2], "base64url"), mac(purpose, `${surveyId}.${registrationId}`, secret)) ? registrationId : null;
}

/** The survey's own address (what the room's QR code opens). */
export function surveyPath(slug: string, surveyId: number): string {
  return `/encuentros/${encodeURIComponent(slug)}/encuesta/${surveyId}`;
}

/** A person's address of a linked survey (anonymous surveys have one address for all). */
export function personalSurveyUrl(appUrl: string, slug: string, surveyId: number, registrationId: number, secret?: string): string {
  return `${appUrl}${surveyPath(slug, surveyId)}?p=${signSurveyLink(surveyId, registrationId, secret)}`;
}
