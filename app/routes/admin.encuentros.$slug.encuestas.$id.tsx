import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { submitQuestion } from "~/features/questions/actions.server";
import { deleteQuestion, moveQuestion, setQuestionHidden } from "~/features/questions/commands.server";
import { QuestionEditor } from "~/features/questions/components/question-editor";
import { QuestionList } from "~/features/questions/components/question-list";
import { rowActionSchema } from "~/features/questions/forms";
import { inLanguage, surveyQuestionKinds } from "~/features/questions/kinds";
import { listQuestions } from "~/features/questions/queries.server";
import { surveySet } from "~/features/questions/sets.server";
import { checkinQrSvg } from "~/features/registrations/tokens.server";
import { settingsDefaults, submitSurvey } from "~/features/surveys/actions.server";
import { SurveyResultsSection } from "~/features/surveys/components/results";
import { SurveySettingsForm } from "~/features/surveys/components/settings-form";
import { surveyPath } from "~/features/surveys/links.server";
import { findSurvey } from "~/features/surveys/queries.server";
import { surveyResults } from "~/features/surveys/results.server";
import { invitationDueAt, surveyState } from "~/features/surveys/rules";
import { format, useLocale, useT } from "~/i18n/index";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { formatDateTime, zoneInWords } from "~/lib/time";
import { actorOf } from "~/server/audit.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { redirectWithFlash } from "~/server/flash.server";
import { badRequest, notFound, readForm } from "~/server/http.server";
import { requireId } from "~/server/params.server";

// /admin/encuentros/:slug/encuestas/:id — one survey: where people answer (its address and QR
// code, its mail), its results (rate, a chart per question, the written answers, exports), its
// questions (the questions area's list and editor, on the survey's set) and its settings.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.survey.title} · Encuestas · Convoca` : "Convoca" }];

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const survey = await findSurvey(db, encounter.id, requireId(params, "id"));
  if (!survey) notFound();
  return { db, organizer, encounter, survey };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, encounter, survey } = await load(request, params);
  const locale = await getLocale(request);
  const t = messagesFor(locale);
  const address = `${getEnv().appUrl}${surveyPath(encounter.slug, survey.id)}`;
  const [results, questions, qr] = await Promise.all([
    surveyResults(db, survey, locale, { yes: t.questions.fields.yes, no: t.questions.fields.no, scale: t.questions.fields.scale }),
    listQuestions(db, surveySet(survey.id)),
    checkinQrSvg(address),
  ]);
  return data(
    {
      encounter: { slug: encounter.slug, title: encounter.title, timezone: encounter.timezone },
      survey: {
        id: survey.id,
        title: inLanguage({ es: survey.title_es, en: survey.title_en }, locale),
        mode: survey.mode,
        state: surveyState(survey, new Date()),
        invitedAt: survey.invited_at,
        remindedAt: survey.reminded_at,
        invitationDue: invitationDueAt(survey, encounter.ends_at),
        mailAfterEnd: survey.mail_after_end === 1,
      },
      address,
      qr,
      results,
      questions,
      defaults: settingsDefaults(survey, encounter),
    },
    // The written answers may name people: not kept by caches.
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, organizer, encounter, survey } = await load(request, params);
  const actor = actorOf.organizer(organizer.id);
  const t = messagesFor(await getLocale(request)).surveys.admin;
  const here = `/admin/encuentros/${encounter.slug}/encuestas/${survey.id}`;
  const set = surveySet(survey.id);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "settings") {
    const answer = await submitSurvey(db, formData, encounter, survey, organizer.id, actor);
    if (!answer.done) return answer.response;
    return redirectWithFlash(here, t.done.saved);
  }
  if (intent === "add") {
    const answer = await submitQuestion(db, formData, set, null, actor);
    if (!answer) notFound();
    if (!answer.done) return answer.response;
    return redirectWithFlash(`${here}#question-${answer.id}`, t.done.added);
  }
  if (intent !== "move" && intent !== "hide" && intent !== "show" && intent !== "delete") return badRequest({ refused: "invalid" as const });
  const row = rowActionSchema.safeParse({ id: formData.get("id") ?? undefined, direction: formData.get("direction") ?? undefined });
  if (!row.success || (intent === "move" && !row.data.direction)) return badRequest({ refused: "invalid" as const });
  const id = row.data.id;
  if (intent === "move") {
    const moved = await moveQuestion(db, set, id, row.data.direction!, actor);
    if (moved === null) notFound();
    return redirectWithFlash(`${here}#question-${id}`, moved ? t.done.moved : t.done.notMoved);
  }
  if (intent === "hide" || intent === "show") {
    if (!(await setQuestionHidden(db, set, id, intent === "hide", actor))) notFound();
    return redirectWithFlash(`${here}#question-${id}`, intent === "hide" ? t.done.hidden : t.done.shown);
  }
  const outcome = await deleteQuestion(db, set, id, actor);
  if (!outcome) notFound();
  if (!outcome.ok) return data({ refused: "hasAnswers" as const }, { status: 409 });
  return redirectWithFlash(here, t.done.deleted);
}

export default function SurveyPage() {
  const { encounter, survey, address, qr, results, questions, defaults } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const all = useT();
  const t = all.surveys.admin;
  const locale = useLocale();
  const when = (instant: string) => formatDateTime(instant, encounter.timezone, locale);
  const refused = result && "refused" in result ? result.refused : null;
  const formResult = result && !("refused" in result) ? (result as SubmissionResult<string[]> & { initialValue?: Record<string, unknown> }) : null;
  const isSettings = formResult?.initialValue?.intent === "settings";
  const base = `/admin/encuentros/${encounter.slug}/encuestas/${survey.id}`;
  return (
    <article className="stack">
      <p className="no-print">
        <Link to={`/admin/encuentros/${encounter.slug}/encuestas`}>{t.backToList}</Link>
      </p>
      <h1>{survey.title}</h1>
      <p>
        <span className="badge">{t.modesShort[survey.mode]}</span> <span className="badge badge--muted">{t.states[survey.state]}</span>
      </p>
      {refused === "hasAnswers" ? (
        <p className="alert alert--error" role="alert">
          {t.hasAnswers}
        </p>
      ) : null}

      <section aria-labelledby="links-title" className="card">
        <h2 id="links-title">{t.linksTitle}</h2>
        <p>
          {t.publicAddress}: <a href={address}>{address}</a>
        </p>
        <div className="survey-qr" style={{ maxWidth: "14rem" }} role="img" aria-label={`QR: ${address}`} dangerouslySetInnerHTML={{ __html: qr }} />
        <p className="muted">{t.qrHint}</p>
        {survey.mode === "linked" ? <p className="muted">{t.linkedHint}</p> : null}
        <p className="muted">
          {survey.invitedAt
            ? format(t.mailState.sent, { date: when(survey.invitedAt) })
            : survey.mailAfterEnd && survey.invitationDue
              ? format(t.mailState.pending, { date: when(survey.invitationDue) })
              : t.mailState.off}
          {survey.remindedAt ? ` ${format(t.reminderSent, { date: when(survey.remindedAt) })}` : null}
        </p>
      </section>

      <SurveyResultsSection results={results} />
      <p className="no-print">
        {t.exports} <a href={`${base}/respuestas.csv`}>{t.csv}</a> · <a href={`${base}/respuestas.xlsx`}>{t.xlsx}</a>
      </p>

      <section aria-labelledby="list-title">
        <h2 id="list-title">{t.questionsTitle}</h2>
        <p className="muted">{t.questionsHint}</p>
        <QuestionList
          questions={questions}
          editHref={(id) => `${base}/preguntas/${id}`}
          badges={(q) => (q.perSession ? <span className="badge">{t.perSessionBadge}</span> : null)}
        />
      </section>
      <section aria-labelledby="add-title">
        <h2 id="add-title">{t.addTitle}</h2>
        <QuestionEditor
          question={null}
          answered={[]}
          lastResult={formResult && !isSettings ? formResult : null}
          lang={locale}
          kinds={surveyQuestionKinds}
          perSessionLabel={t.perSession}
        />
      </section>
      <section aria-labelledby="settings-title" className="card">
        <h2 id="settings-title">{t.settingsTitle}</h2>
        <SurveySettingsForm
          id="survey-settings"
          intent="settings"
          defaults={defaults}
          lastResult={isSettings ? formResult : null}
          zone={zoneInWords(encounter.timezone, locale)}
        />
      </section>
    </article>
  );
}
