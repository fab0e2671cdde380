import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { QuestionEditor } from "~/features/questions/components/question-editor";
import { addStandardSet, deleteQuestion, moveQuestion, setQuestionHidden } from "~/features/questions/commands.server";
import { submitQuestion } from "~/features/questions/actions.server";
import { rowActionSchema } from "~/features/questions/forms";
import { inLanguage } from "~/features/questions/kinds";
import { listQuestions } from "~/features/questions/queries.server";
import { standardSet } from "~/features/questions/standard-set";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { format, plural, useLocale, useT } from "~/i18n/index";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { actorOf } from "~/server/audit.server";
import { getDb } from "~/server/db.server";
import { redirectWithFlash } from "~/server/flash.server";
import { badRequest, notFound, readForm } from "~/server/http.server";

// /admin/encuentros/:slug/preguntas — the encounter's registration questions: the list in the
// form's order (move up or down, hide or ask again, delete while nobody answered, edit on the
// question's own page), a form to add one, and the standard disaggregation set in one step.
// Every button is a plain form post: all of it works without JavaScript.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Preguntas · ${data.encounter.title} · Convoca` : "Convoca" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const questions = await listQuestions(db, encounter.id);
  const present = new Set(questions.map((q) => q.standardCode));
  return {
    encounter: { slug: encounter.slug, title: encounter.title },
    questions,
    standardMissing: standardSet.filter((q) => !present.has(q.code)).length,
  };
}

type Refusal = { refused: "hasAnswers"; id: number; question: string; answers: number };

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const actor = actorOf.organizer(organizer.id);
  const locale = await getLocale(request);
  const t = messagesFor(locale).questions.admin;
  const here = `/admin/encuentros/${encounter.slug}/preguntas`;
  const formData = await readForm(request);
  const intent = formData.get("intent");

  if (intent === "add") {
    const answer = await submitQuestion(db, formData, encounter.id, null, actor);
    if (!answer) notFound();
    if (!answer.done) return answer.response;
    return redirectWithFlash(`${here}#question-${answer.id}`, t.done.added);
  }
  if (intent === "standard") {
    const { added } = await addStandardSet(db, encounter.id, actor);
    return redirectWithFlash(here, added ? plural(locale, t.done.standard, added) : t.done.standardNone);
  }
  if (intent !== "move" && intent !== "hide" && intent !== "show" && intent !== "delete") return badRequest({ refused: "invalid" as const });
  const row = rowActionSchema.safeParse({ id: formData.get("id") ?? undefined, direction: formData.get("direction") ?? undefined });
  if (!row.success || (intent === "move" && !row.data.direction)) return badRequest({ refused: "invalid" as const });
  const id = row.data.id;
  switch (intent) {
    case "move": {
      const moved = await moveQuestion(db, encounter.id, id, row.data.direction!, actor);
      if (moved === null) notFound();
      return redirectWithFlash(`${here}#question-${id}`, moved ? t.done.moved : t.done.notMoved);
    }
    case "hide":
    case "show":
      if (!(await setQuestionHidden(db, encounter.id, id, intent === "hide", actor))) notFound();
      return redirectWithFlash(`${here}#question-${id}`, intent === "hide" ? t.done.hidden : t.done.shown);
    case "delete": {
      const questions = await listQuestions(db, encounter.id);
      const outcome = await deleteQuestion(db, encounter.id, id, actor);
      if (!outcome) notFound();
      if (!outcome.ok) {
        const question = questions.find((q) => q.id === id);
        return data<Refusal>(
          { refused: "hasAnswers", id, question: question ? inLanguage(question.wording, locale) : "", answers: outcome.answers },
          { status: 409 },
        );
      }
      return redirectWithFlash(here, t.done.deleted);
    }
  }
}

export default function QuestionsPage() {
  const { encounter, questions, standardMissing } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT().questions;
  const a = t.admin;
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const refusal = result && "refused" in result && result.refused === "hasAnswers" ? (result as Refusal) : null;
  const editorResult = result && !("refused" in result) ? (result as SubmissionResult<string[]>) : null;
  const base = `/admin/encuentros/${encounter.slug}`;
  return (
    <article className="stack">
      <p className="no-print">
        <Link to={base}>{a.back}</Link>
      </p>
      <h1>
        {a.title}: {encounter.title}
      </h1>
      <p className="lead">{a.intro}</p>
      <p>
        <Link to={`/encuentros/${encounter.slug}/registro`}>{a.publicForm}</Link>
      </p>
      {refusal ? (
        <div className="alert alert--error" role="alert">
          <p>{plural(locale, a.hasAnswers, refusal.answers, { question: refusal.question })}</p>
          <Form method="post">
            <input type="hidden" name="id" value={refusal.id} />
            <button type="submit" name="intent" value="hide" className="button button--secondary" disabled={busy}>
              {a.hide}
            </button>
          </Form>
        </div>
      ) : null}

      <section aria-labelledby="list-title">
        <h2 id="list-title">{a.listTitle}</h2>
        {questions.length === 0 ? <p className="muted">{a.none}</p> : null}
        <ol className="question-list">
          {questions.map((q, i) => {
            const wording = inLanguage(q.wording, locale);
            return (
              <li key={q.id} id={`question-${q.id}`} className="card">
                <p>
                  <strong>
                    {i + 1}. {wording}
                  </strong>
                </p>
                <p>
                  <span className="badge">{t.kinds[q.kind]}</span> <span className="badge badge--muted">{q.required ? a.required : a.optional}</span>{" "}
                  {q.standardCode ? <span className="badge badge--warn">{a.standard}</span> : null}{" "}
                  {q.hidden ? <span className="badge badge--muted">{a.hidden}</span> : null} · {plural(locale, a.answers, q.answers)}
                </p>
                {q.hidden ? <p className="field__hint">{a.hiddenHint}</p> : null}
                {q.options.length ? <p className="muted">{q.options.map((o) => inLanguage(o, locale)).join(" · ")}</p> : null}
                <div className="row-actions">
                  <Link className="button button--secondary" to={`${base}/preguntas/${q.id}`}>
                    {a.edit}
                  </Link>
                  <Form method="post">
                    <input type="hidden" name="id" value={q.id} />
                    <input type="hidden" name="intent" value="move" />
                    {i > 0 ? (
                      <button
                        type="submit"
                        name="direction"
                        value="up"
                        className="button button--secondary"
                        aria-label={format(a.moveUp, { question: wording })}
                        disabled={busy}
                      >
                        ↑ {a.up}
                      </button>
                    ) : null}{" "}
                    {i < questions.length - 1 ? (
                      <button
                        type="submit"
                        name="direction"
                        value="down"
                        className="button button--secondary"
                        aria-label={format(a.moveDown, { question: wording })}
                        disabled={busy}
                      >
                        ↓ {a.down}
                      </button>
                    ) : null}
                  </Form>
                  <Form method="post">
                    <input type="hidden" name="id" value={q.id} />
                    <button type="submit" name="intent" value={q.hidden ? "show" : "hide"} className="button button--secondary" disabled={busy}>
                      {q.hidden ? a.show : a.hide}
                    </button>
                  </Form>
                  {/* Offered even once answered: the refusal then says why, and offers to hide it. */}
                  <Form method="post">
                    <input type="hidden" name="id" value={q.id} />
                    <button type="submit" name="intent" value="delete" className="button button--danger" disabled={busy}>
                      {a.delete}
                    </button>
                  </Form>
                </div>
              </li>
            );
          })}
        </ol>
      </section>

      <section aria-labelledby="add-title">
        <h2 id="add-title">{a.addTitle}</h2>
        <QuestionEditor question={null} answered={[]} lastResult={editorResult} lang={locale} />
      </section>

      <section aria-labelledby="standard-title" className="card">
        <h2 id="standard-title">{a.standardTitle}</h2>
        <p>{a.standardIntro}</p>
        {standardMissing > 0 ? (
          <Form method="post">
            <button type="submit" name="intent" value="standard" className="button" disabled={busy}>
              {a.standardAdd}
            </button>
          </Form>
        ) : (
          <p className="muted">{a.standardPresent}</p>
        )}
      </section>
    </article>
  );
}
