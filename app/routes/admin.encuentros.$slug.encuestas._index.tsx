import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { settingsDefaults, submitSurvey } from "~/features/surveys/actions.server";
import { SurveySettingsForm } from "~/features/surveys/components/settings-form";
import { listSurveys } from "~/features/surveys/queries.server";
import { surveyState } from "~/features/surveys/rules";
import { format, plural, useLocale, useT } from "~/i18n/index";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { inLanguage } from "~/features/questions/kinds";
import { formatDateTime, zoneInWords } from "~/lib/time";
import { actorOf } from "~/server/audit.server";
import { getDb } from "~/server/db.server";
import { redirectWithFlash } from "~/server/flash.server";
import { badRequest, readForm } from "~/server/http.server";

// /admin/encuentros/:slug/encuestas — the encounter's surveys (each with its window and how many
// answered; results on the survey's own page) and the form to create one.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Encuestas · ${data.encounter.title} · Convoca` : "Convoca" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const surveys = await listSurveys(db, encounter.id);
  const now = new Date();
  return {
    encounter: { slug: encounter.slug, title: encounter.title, timezone: encounter.timezone },
    surveys: surveys.map((s) => ({
      id: s.id,
      title: { es: s.title_es, en: s.title_en },
      mode: s.mode,
      opensAt: s.opens_at,
      closesAt: s.closes_at,
      state: surveyState(s, now),
      responses: s.responses,
    })),
    defaults: settingsDefaults(null, encounter),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const formData = await readForm(request);
  if (formData.get("intent") !== "create") return badRequest({ refused: "invalid" as const });
  const answer = await submitSurvey(db, formData, encounter, null, organizer.id, actorOf.organizer(organizer.id));
  if (!answer.done) return answer.response;
  const t = messagesFor(await getLocale(request)).surveys.admin;
  return redirectWithFlash(`/admin/encuentros/${encounter.slug}/encuestas/${answer.id}`, t.done.created);
}

export default function SurveysPage() {
  const { encounter, surveys, defaults } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT().surveys.admin;
  const locale = useLocale();
  const when = (instant: string) => formatDateTime(instant, encounter.timezone, locale);
  return (
    <article className="stack">
      <p className="no-print">
        <Link to={`/admin/encuentros/${encounter.slug}`}>{t.back}</Link>
      </p>
      <h1>
        {t.title}: {encounter.title}
      </h1>
      <p className="lead">{t.intro}</p>
      {surveys.length === 0 ? (
        <p className="muted">{t.empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t.columns.survey}</th>
                <th scope="col">{t.columns.mode}</th>
                <th scope="col">{t.columns.window}</th>
                <th scope="col">{t.columns.responses}</th>
              </tr>
            </thead>
            <tbody>
              {surveys.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={String(s.id)}>{inLanguage(s.title, locale)}</Link>
                  </th>
                  <td>{t.modesShort[s.mode]}</td>
                  <td>
                    {format(t.window, { opens: when(s.opensAt), closes: when(s.closesAt) })} · {t.states[s.state]}
                  </td>
                  <td className="num">{plural(locale, t.responses, s.responses)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="new-survey" className="card">
        <h2 id="new-survey">{t.newTitle}</h2>
        <p className="muted">{t.newHint}</p>
        <SurveySettingsForm
          id="survey-create"
          intent="create"
          defaults={defaults}
          lastResult={result && !("refused" in result) ? (result as SubmissionResult<string[]>) : null}
          zone={zoneInWords(encounter.timezone, locale)}
        />
      </section>
    </article>
  );
}
