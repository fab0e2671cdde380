import { createCookie, data, type LoaderFunctionArgs } from "@remix-run/node";
import type { Survey } from "~db/schema";
import { loadVisibleEncounter } from "~/features/encounters/access.server";
import { parseAnswers, type AnswerErrors, type AnswerFormValues } from "~/features/questions/answers";
import { localizeQuestion } from "~/features/questions/kinds";
import { saveResponse, type SurveyAnswers } from "~/features/surveys/commands.server";
import { verifySurveyLink } from "~/features/surveys/links.server";
import {
  findCurrentSurvey,
  findResponse,
  findSurvey,
  registrationOfParticipant,
  standingRegistration,
  surveyForm,
  type Respondent,
} from "~/features/surveys/queries.server";
import { browserCookieDays, sessionPrefix, surveyState } from "~/features/surveys/rules";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { getParticipant } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { redirectWithFlash } from "~/server/flash.server";
import { clientAddress, notFound, readForm } from "~/server/http.server";
import { requireId } from "~/server/params.server";
import { mac } from "~/server/signed-links.server";
import { randomToken } from "~/server/session.server";

// The page where people answer a survey: /encuentros/:slug/encuesta (the encounter's current
// survey) and /encuentros/:slug/encuesta/:id (its own address, the room's QR code). Both route
// files hand their requests here.
//
// Who answers: for a linked survey, the registration of a personal link (?p=, from the mail or
// the registration page) or of the signed-in person; for an anonymous one, this browser (a
// random cookie, kept only as a keyed hash). A second visit edits the same response. A closed
// survey answers 410 with the date it closed, on its styled page.

const browserCookie = () =>
  createCookie("convoca_encuesta", {
    path: "/encuentros",
    httpOnly: true,
    sameSite: "lax",
    secure: getEnv().isProduction,
    secrets: [getEnv().sessionSecret],
    maxAge: browserCookieDays * 86_400,
  });

async function browserOf(request: Request): Promise<{ value: string; fresh: boolean }> {
  const value: unknown = await browserCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && /^[A-Za-z0-9_-]{20,80}$/.test(value) ? { value, fresh: false } : { value: randomToken(24), fresh: true };
}

const browserKey = (value: string) => mac("convoca:survey-browser:v1", value, getEnv().sessionSecret).toString("base64url");

type Identity = { kind: "ok"; who: Respondent; setCookie?: string } | { kind: "signIn" } | { kind: "notRegistered" };

async function identify(request: Request, survey: Survey, token: string | null): Promise<Identity> {
  const db = getDb();
  if (survey.mode === "anonymous") {
    const browser = await browserOf(request);
    return {
      kind: "ok",
      who: { kind: "browser", key: browserKey(browser.value) },
      ...(browser.fresh ? { setCookie: await browserCookie().serialize(browser.value) } : {}),
    };
  }
  const linked = verifySurveyLink(survey.id, token);
  const registration = linked !== null ? await standingRegistration(db, survey.encounter_id, linked) : null;
  if (registration) return { kind: "ok", who: { kind: "registration", registrationId: registration.id, participantId: registration.participant_id } };
  const participant = await getParticipant(request, db);
  if (!participant) return { kind: "signIn" };
  const own = await registrationOfParticipant(db, survey.encounter_id, participant.id);
  return own ? { kind: "ok", who: { kind: "registration", registrationId: own.id, participantId: own.participant_id } } : { kind: "notRegistered" };
}

async function findTheSurvey(request: Request, params: LoaderFunctionArgs["params"]) {
  const db = getDb();
  const { encounter } = await loadVisibleEncounter(db, request, params.slug);
  const survey = params.id !== undefined ? await findSurvey(db, encounter.id, requireId(params, "id")) : await findCurrentSurvey(db, encounter.id);
  if (!survey) notFound();
  return { db, encounter, survey };
}

type Refused = { errors: AnswerErrors; values: AnswerFormValues } | { refusal: "rateLimited" | "notRegistered" | "signIn" };

export async function surveyPage(request: Request, params: LoaderFunctionArgs["params"], refused: Refused | null = null, status = 200) {
  const { db, encounter, survey } = await findTheSurvey(request, params);
  const locale = await getLocale(request);
  const token = new URL(request.url).searchParams.get("p");
  const state = surveyState(survey);
  const base = {
    encounter: { slug: encounter.slug, title: encounter.title, timezone: encounter.timezone },
    survey: {
      id: survey.id,
      title: locale === "en" && survey.title_en ? survey.title_en : survey.title_es,
      intro: locale === "en" && survey.intro_en ? survey.intro_en : survey.intro_es,
      mode: survey.mode,
      opensAt: survey.opens_at,
      closesAt: survey.closes_at,
    },
    state,
  };
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (state !== "open") return data({ ...base, page: null }, { status: state === "closed" ? 410 : status, headers });
  const identity = await identify(request, survey, token);
  if (identity.kind !== "ok") return data({ ...base, page: null, refusal: identity.kind }, { status: status === 200 ? 200 : 403, headers });
  if (identity.setCookie) headers.append("Set-Cookie", identity.setCookie);
  const [form, previous] = await Promise.all([surveyForm(db, survey), findResponse(db, survey.id, identity.who)]);
  return data(
    {
      ...base,
      page: {
        token: identity.who.kind === "registration" ? token : null,
        questions: form.questions.map((q) => localizeQuestion(q, locale)),
        perSession: form.perSession.map((q) => localizeQuestion({ ...q, required: false }, locale)),
        sessions: form.sessions.map((s) => ({ id: s.id, title: s.title, prefix: sessionPrefix(s.id) })),
        answeredAt: previous?.updatedAt ?? null,
        values: refused && "values" in refused ? refused.values : (previous?.values ?? {}),
        errors: refused && "errors" in refused ? refused.errors : {},
      },
      refusal: refused && "refusal" in refused ? refused.refusal : null,
    },
    { status, headers },
  );
}

export async function answerSurvey(request: Request, params: LoaderFunctionArgs["params"], context: unknown) {
  const { db, encounter, survey } = await findTheSurvey(request, params);
  const formData = await readForm(request);
  const token = typeof formData.get("p") === "string" ? (formData.get("p") as string) : null;
  // Answers after closing: the closed page, 410, whatever was sent.
  if (surveyState(survey) !== "open") return surveyPage(request, params, null, 409);
  const identity = await identify(request, survey, token);
  if (identity.kind !== "ok") return surveyPage(request, params, { refusal: identity.kind }, 403);
  const form = await surveyForm(db, survey);
  const main = parseAnswers(form.questions, formData, { includeSensitive: false });
  const optional = form.perSession.map((q) => ({ ...q, required: false }));
  const rows = form.sessions.map((s) => ({
    agendaItemId: s.id,
    parsed: parseAnswers(optional, formData, { prefix: sessionPrefix(s.id), includeSensitive: false }),
  }));
  const failed = [main, ...rows.map((r) => r.parsed)].filter((p) => !p.ok);
  if (failed.length) {
    const errors = Object.assign({}, ...failed.map((p) => (p.ok ? {} : p.errors))) as AnswerErrors;
    const values = Object.assign({}, main.values, ...rows.map((r) => r.parsed.values)) as AnswerFormValues;
    return surveyPage(request, params, { errors, values }, 400);
  }
  const answers: SurveyAnswers = {
    main: main.ok ? main.value : { asked: [], answers: [], sensitiveConsent: null },
    sessions: rows.map((r) => ({ agendaItemId: r.agendaItemId, parsed: r.parsed.ok ? r.parsed.value : { asked: [], answers: [], sensitiveConsent: null } })),
  };
  const outcome = await saveResponse(db, survey.id, identity.who, answers, { clientKey: clientAddress(context) });
  if (!outcome.ok) {
    if (outcome.refusal === "rateLimited") return surveyPage(request, params, { refusal: "rateLimited" }, 429);
    return surveyPage(request, params, null, 409);
  }
  const t = messagesFor(await getLocale(request)).surveys.answer;
  const back = `/encuentros/${encounter.slug}/encuesta${params.id !== undefined ? `/${survey.id}` : ""}${token ? `?p=${encodeURIComponent(token)}` : ""}`;
  return redirectWithFlash(back, outcome.created ? t.thanks : t.updated, identity.setCookie ? { headers: { "Set-Cookie": identity.setCookie } } : undefined);
}
