import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { QuestionEditor } from "~/features/questions/components/question-editor";
import { submitQuestion } from "~/features/questions/actions.server";
import { inLanguage } from "~/features/questions/kinds";
import { answeredCodes, listQuestions } from "~/features/questions/queries.server";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { useLocale, useT } from "~/i18n/index";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { actorOf } from "~/server/audit.server";
import { getDb } from "~/server/db.server";
import { redirectWithFlash } from "~/server/flash.server";
import { notFound, readForm } from "~/server/http.server";
import { requireId } from "~/server/params.server";

// /admin/encuentros/:slug/preguntas/:id — edit one registration question. Once people answered
// it, its kind and the options they chose stay; a question of the standard set keeps its kind
// and options and stays optional.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.wording} · Preguntas · Convoca` : "Convoca" }];

async function load(request: Request, params: { slug?: string; id?: string }) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const id = requireId(params, "id");
  const question = (await listQuestions(db, encounter.id)).find((q) => q.id === id);
  if (!question) notFound();
  return { db, organizer, encounter, question };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, encounter, question } = await load(request, params);
  const locale = await getLocale(request);
  return {
    encounter: { slug: encounter.slug, title: encounter.title },
    question,
    wording: inLanguage(question.wording, locale),
    answered: [...(await answeredCodes(db, question.id, question.kind))],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, organizer, encounter, question } = await load(request, params);
  const answer = await submitQuestion(db, await readForm(request), encounter.id, question.id, actorOf.organizer(organizer.id));
  if (!answer) notFound();
  if (!answer.done) return answer.response;
  const t = messagesFor(await getLocale(request)).questions.admin;
  return redirectWithFlash(`/admin/encuentros/${encounter.slug}/preguntas#question-${question.id}`, t.done.saved);
}

export default function EditQuestionPage() {
  const { encounter, question, wording, answered } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const a = useT().questions.admin;
  const locale = useLocale();
  return (
    <article className="stack">
      <p className="no-print">
        <Link to={`/admin/encuentros/${encounter.slug}/preguntas`}>{a.title}</Link>
      </p>
      <h1>{a.editTitle}</h1>
      <p className="lead">{wording}</p>
      <QuestionEditor question={question} answered={answered} lastResult={lastResult} lang={locale} />
    </article>
  );
}
