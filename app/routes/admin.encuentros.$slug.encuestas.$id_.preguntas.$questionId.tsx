import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { submitQuestion } from "~/features/questions/actions.server";
import { QuestionEditor } from "~/features/questions/components/question-editor";
import { inLanguage, surveyQuestionKinds } from "~/features/questions/kinds";
import { answeredCodes, listQuestions } from "~/features/questions/queries.server";
import { surveySet } from "~/features/questions/sets.server";
import { findSurvey } from "~/features/surveys/queries.server";
import { useLocale, useT } from "~/i18n/index";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { actorOf } from "~/server/audit.server";
import { getDb } from "~/server/db.server";
import { redirectWithFlash } from "~/server/flash.server";
import { notFound, readForm } from "~/server/http.server";
import { requireId } from "~/server/params.server";

// /admin/encuentros/:slug/encuestas/:id/preguntas/:questionId — edit one question of a survey
// with the questions area's editor (the same rules as registration questions: once answered,
// its kind, the options chosen and whether it is asked per session stay).

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.wording} · Encuestas · Convoca` : "Convoca" }];

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const survey = await findSurvey(db, encounter.id, requireId(params, "id"));
  if (!survey) notFound();
  const questionId = requireId(params, "questionId");
  const question = (await listQuestions(db, surveySet(survey.id))).find((q) => q.id === questionId);
  if (!question) notFound();
  return { db, organizer, encounter, survey, question, back: `/admin/encuentros/${encounter.slug}/encuestas/${survey.id}` };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, survey, question, back } = await load(request, params);
  const locale = await getLocale(request);
  return {
    back,
    question,
    wording: inLanguage(question.wording, locale),
    answered: [...(await answeredCodes(db, question.id, question.kind, surveySet(survey.id)))],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, organizer, survey, question, back } = await load(request, params);
  const answer = await submitQuestion(db, await readForm(request), surveySet(survey.id), question.id, actorOf.organizer(organizer.id));
  if (!answer) notFound();
  if (!answer.done) return answer.response;
  return redirectWithFlash(`${back}#question-${question.id}`, messagesFor(await getLocale(request)).questions.admin.done.saved);
}

export default function EditSurveyQuestionPage() {
  const { back, question, wording, answered } = useLoaderData<typeof loader>();
  const all = useT();
  return (
    <article className="stack">
      <p className="no-print">
        <Link to={back}>{all.surveys.admin.questionsTitle}</Link>
      </p>
      <h1>{all.questions.admin.editTitle}</h1>
      <p className="lead">{wording}</p>
      <QuestionEditor
        question={question}
        answered={answered}
        lastResult={useActionData<typeof action>()}
        lang={useLocale()}
        kinds={surveyQuestionKinds}
        perSessionLabel={all.surveys.admin.perSession}
      />
    </article>
  );
}
